"""What every liaison screen needs: who may open it, which body it works for, one way to run a service."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import has_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response, refused_form

from .. import permissions


def require_office(request) -> None:
    """Staff and leaders of a congress body (the pages for the office)."""
    if not has_role(request.user, Role.STAFF, Role.LEADER):
        raise Http404("仅限人大机关工作人员和领导")


def congress(request):
    return permissions.congress_of(request.user.body)


def run_form(
    request, form, call, *, ok: str, to: str, template: str, ctx: dict, action: str, name: str = "form"
):
    """Valid form → the service; a refusal shows on the same form (422, values kept, audited like
    core's refused_form); success → redirect. `name` is the form's name in a page holding several."""
    if not form.is_valid():
        return render(request, template, {**ctx, name: form}, status=422)
    try:
        call(form.cleaned_data)
    except Refused as exc:
        if name == "form":
            return refused_form(request, form, exc, template, ctx, action=action)
        audit.record_refusal(exc, by=request.user, action=action)
        form.add_error(None, exc.message)
        return render(request, template, {**ctx, name: form}, status=422)
    messages.success(request, ok)
    return redirect(to)


def run_button(request, call, *, ok: str, to: str, action: str):
    try:
        call()
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=to, action=action)
    messages.success(request, ok)
    return redirect(to)
