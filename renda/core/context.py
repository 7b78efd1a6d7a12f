"""The current request's actor and IP, so services can audit without passing the request around."""

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    user: object = None
    ip: str | None = None
    username: str = ""


_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "renda_request",
    default=RequestContext(),  # noqa: B039  (a frozen dataclass: immutable)
)


def current() -> RequestContext:
    return _current.get()


def set_current(ctx: RequestContext) -> contextvars.Token:
    return _current.set(ctx)


def reset(token: contextvars.Token) -> None:
    _current.reset(token)


def client_ip(request) -> str | None:
    # Behind a trusted proxy the real address is the first X-Forwarded-For entry.
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None
