from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render

from .. import audit
from ..errors import Refused
from ..ratelimit import RateLimited, too_many


def refusal_response(request: HttpRequest, exc: Refused, *, redirect_to: str, action: str = ""):
    """The one place a page turns a refusal into a message: audited, nothing changed, back to the page."""
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None, action=action)
    messages.error(request, exc.message)
    return redirect(redirect_to)


def refused_form(request: HttpRequest, form, exc: Refused, template: str, context: dict, *, action: str = ""):
    """A refusal shown on the form it came from, every typed value kept: audited, nothing stored, 422 — or 429
    with Retry-After when a rate limit refused (the message says when to try again)."""
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None, action=action)
    if form.is_bound:
        form.is_valid()  # add_error needs cleaned_data
    form.add_error(None, exc.message)
    return limited(render(request, template, {**context, "form": form}, status=422), exc)


def limited(response, exc: Exception | None):
    """`response` as a 429 with Retry-After when `exc` is a rate limit's refusal; unchanged otherwise."""
    if isinstance(exc, RateLimited):
        return too_many(response, exc.retry_after)
    return response
