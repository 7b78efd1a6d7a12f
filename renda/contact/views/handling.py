"""One message's page and its actions (staff, keeper, deputy, unit: the buttons follow the workflow); each
action, its form and its service are looked up in the action table (contact/actions.py), as the API does."""

from django.contrib import messages as flash
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import require_business
from renda.core.views.refusals import refusal_response

from .. import selectors
from ..actions import ACTIONS, from_form, page_form, run, success_message
from ..models import Photo
from ..permissions import actions_for, actor_for


def detail(request, pk: int):
    require_business(request.user)
    return _page(request, selectors.message_in_scope(request.user, pk))


def _page(request, m, *, bound=None, status: int = 200):
    """The message page; `bound` is the action form that came back with an error: shown open, with what the
    user typed and the error, answering 422 (nothing was changed)."""
    actions = actions_for(request.user, m)
    forms = {a: f for a in actions if a in ACTIONS and (f := page_form(a)) is not None}
    if bound is not None and bound.prefix in forms:
        forms[bound.prefix] = bound
    if "forward" in forms:
        forms["forward"].fields["unit"].queryset = (
            forms["forward"].fields["unit"].queryset.filter(body__path__in=_ancestor_paths(m.body.path))
        )
    suggestion_url = reverse("suggestions:detail", args=[m.suggestion_id]) if m.suggestion_id else None
    return render(
        request,
        "contact/detail.html",
        {
            "suggestion_url": suggestion_url,
            "m": m,
            "actions": actions,
            "forms": forms,
            "open_form": bound.prefix if bound is not None else "",
            "events": selectors.events_for(m),
            "replies": m.replies.all(),
            "photos": m.photos.all(),
            "actor": actor_for(request.user, m),
        },
        status=status,
    )


def _ancestor_paths(path: str) -> list[str]:
    ids = [p for p in path.strip("/").split("/") if p]
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]


@require_POST
def act(request, pk: int, action: str):
    require_business(request.user)
    m = selectors.message_in_scope(request.user, pk)
    back = redirect("contact:detail", pk=m.pk)
    entry = ACTIONS.get(action)
    if entry is None:
        raise Http404
    form = page_form(action, request.POST)
    if form is not None and not form.is_valid():
        if action in actions_for(request.user, m):
            return _page(request, m, bound=form, status=422)
        flash.error(request, "该操作当前不可用")
        return back
    try:
        run(action, m, from_form(action, form), by=request.user)
    except Refused as exc:
        if form is None or action not in actions_for(request.user, m):
            # A button without fields, or a step not open now (its form is not on the page): nothing to keep.
            return refusal_response(request, exc, redirect_to=back.url, action=f"contact.{action}")
        audit.record_refusal(exc, by=request.user, action=f"contact.{action}")
        form.add_error(None, exc.message)
        return _page(request, m, bound=form, status=422)
    flash.success(request, success_message(action))
    return back


def photo(request, pk: int, photo_id: int):
    """Photos are personal data: served only to those who may read the message, never from /media/."""
    require_business(request.user)
    m = selectors.message_in_scope(request.user, pk)
    p = get_object_or_404(Photo, pk=photo_id, message=m)
    response = FileResponse(p.file.open("rb"), content_type=p.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
