"""One POST endpoint for every action on an item: the action table (suggestions/actions.py) parses the
form, calls the service and names the success; a refusal keeps what was typed and returns to the page."""

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect

from renda.core.errors import Refused
from renda.core.views.refusals import refusal_response

from .. import actions, selectors
from . import typed


def act(request: HttpRequest, pk: int, action: str):
    """POST /work/suggestions/<pk>/act/<action>/ → the service of that name; refusals are audited."""
    item = selectors.get_item(request.user, pk)
    back = request.POST.get("next") or ""
    if not back.startswith("/work/"):
        back = f"/work/suggestions/{item.pk}/"
    if request.method != "POST":
        return redirect(back)
    entry = actions.ACTIONS.get(action)
    if entry is None:
        return refusal_response(request, Refused("action_unknown", "未知的操作"), redirect_to=back)
    try:
        if entry.page_run is not None:
            entry.page_run(request, item, request.user)
        else:
            actions.run(action, item, actions.from_post(action, item, request.POST), by=request.user)
    except Refused as exc:
        typed.keep(request, pk=item.pk, action=action)
        return refusal_response(request, exc, redirect_to=back, action=f"suggestion.{action}")
    messages.success(request, actions.success_message(action))
    return redirect(back)
