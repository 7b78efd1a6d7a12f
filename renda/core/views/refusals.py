from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect

from .. import audit
from ..errors import Refused


def refusal_response(request: HttpRequest, exc: Refused, *, redirect_to: str, action: str = ""):
    """The one place a page turns a refusal into a message: audited, nothing changed, back to the page."""
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None, action=action)
    messages.error(request, exc.message)
    return redirect(redirect_to)
