import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.shortcuts import redirect
from django.urls import reverse

from . import context
from .roles import SECOND_FACTOR_ROLES

# Public paths: the portal's own views are marked @login_not_required; these prefixes have no views of ours.
PUBLIC_PREFIXES = ("/api/", "/static/", "/healthz", "/favicon.ico")


class RequestContextMiddleware:
    """Make the actor and IP available to `audit.record` during this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = context.set_current(
            context.RequestContext(
                user=user if user and user.is_authenticated else None, ip=context.client_ip(request)
            )
        )
        try:
            return self.get_response(request)
        finally:
            context.reset(token)


class SessionActivityMiddleware:
    """Keep a used session alive without writing it on every request.

    SESSION_SAVE_EVERY_REQUEST would cost one UPDATE and commit per page or API call; here the session
    (and with it its expiry, SESSION_COOKIE_AGE from now) is saved when its last refresh is a minute old.
    """

    KEY = "_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response
        seen = session.get(self.KEY, 0)  # loads it: an expired or unknown key becomes no key
        now = int(time.time())
        if session.session_key and not session.is_empty() and now - seen >= settings.SESSION_REFRESH_AFTER:
            session[self.KEY] = now
        return response


class LoginRequiredMiddleware(DjangoLoginRequired):
    """Every page needs a login unless its view says otherwise; an expired session is told so."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(PUBLIC_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)

    def handle_no_permission(self, request, view_func):
        if request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            messages.warning(request, "登录已超时（30 分钟无操作），请重新登录。")
            from . import audit

            audit.record("session_expired", object_type="session", object_repr=request.path[:200])
        return super().handle_no_permission(request, view_func)


def second_factor_required(user) -> bool:
    if not user.is_authenticated or user.role not in SECOND_FACTOR_ROLES:
        return False
    # Only in the embedded demo may demo accounts skip the second factor.
    return not (settings.RENDA_DEMO and user.is_demo)


class SecondFactorMiddleware:
    """Staff, leaders and admins must pass TOTP before anything else (domain.md §7.1 双因素认证)."""

    ALLOWED = ("core:otp", "core:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            second_factor_required(user)
            and not user.is_verified()
            and not request.path.startswith(PUBLIC_PREFIXES)
            and request.path not in {reverse(name) for name in self.ALLOWED}
        ):
            if request.path.startswith("/api/"):
                return None
            return redirect("core:otp")
        return self.get_response(request)


class RefusalMiddleware:
    """A refusal that no view handled becomes a clear page, audited; nothing was changed. The status is the
    refusal's own: 409, 403 for a role or scope, 429 with Retry-After for a rate limit, 507 for a full disk."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.shortcuts import render

        from . import audit
        from .errors import NotPermitted, Refused

        if not isinstance(exception, Refused):
            return None
        from .ratelimit import RateLimited, too_many

        audit.record_refusal(exception, by=request.user if request.user.is_authenticated else None)
        status = 403 if isinstance(exception, NotPermitted) else exception.status
        response = render(request, "refused.html", {"refusal": exception}, status=status)
        return too_many(response, exception.retry_after) if isinstance(exception, RateLimited) else response
