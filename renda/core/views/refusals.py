from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render

from .. import audit
from ..errors import Refused


def refusal_response(request: HttpRequest, exc: Refused, *, redirect_to: str, action: str = ""):
    """The one place a page turns a refusal into a message: audited, nothing changed, back to the page."""
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None, action=action)
    messages.error(request, exc.message)
    return redirect(redirect_to)


def refused_form(request: HttpRequest, form, exc: Refused, template: str, context: dict, *, action: str = ""):
    """A refusal shown on the form it came from, every typed value kept: audited, nothing stored, 422."""
    audit.record_refusal(exc, by=request.user if request.user.is_authenticated else None, action=action)
    if form.is_bound:
        form.is_valid()  # add_error needs cleaned_data
    form.add_error(None, exc.message)
    return render(request, template, {**context, "form": form}, status=422)
