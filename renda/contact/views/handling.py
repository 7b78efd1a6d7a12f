"""One message's page and its actions (staff, keeper, deputy, unit: the buttons follow the workflow)."""

from django.contrib import messages as flash
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import require_business
from renda.core.views.refusals import refusal_response

from .. import selectors, services
from ..forms import AcceptForm, ForwardForm, HotlineForm, RateForm, RejectForm, TextForm
from ..models import Photo
from ..permissions import actions_for, actor_for

FORMS = {
    "accept": AcceptForm,
    "reject": RejectForm,
    "forward": ForwardForm,
    "hotline": HotlineForm,
    "answer": TextForm,
    "reply": TextForm,
    "return": TextForm,
    "rate": RateForm,
}
DONE = {
    "accept": "已受理",
    "reject": "已记录不予受理",
    "answer": "已当场答复",
    "forward": "已转办",
    "convert": "已转为代表建议草稿",
    "hotline": "已记录转12345热线",
    "return": "已退回",
    "reply": "答复已发送",
    "rate": "已记录回访评价",
    "close": "已办结",
}


def detail(request, pk: int):
    require_business(request.user)
    return _page(request, selectors.message_in_scope(request.user, pk))


def _page(request, m, *, bound=None, status: int = 200):
    """The message page; `bound` is the action form that came back with an error: shown open, with what the
    user typed and the error, answering 422 (nothing was changed)."""
    actions = actions_for(request.user, m)
    forms = {a: FORMS[a](prefix=a) for a in actions if a in FORMS}
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
    form = FORMS[action](request.POST, prefix=action) if action in FORMS else None
    if form is not None and not form.is_valid():
        if action in actions_for(request.user, m):
            return _page(request, m, bound=form, status=422)
        flash.error(request, "该操作当前不可用")
        return back
    d = form.cleaned_data if form is not None else {}
    by = request.user
    try:
        if action == "accept":
            services.accept(m, urgency=d["urgency"], note=d["note"], by=by)
        elif action == "reject":
            services.reject(m, reason=d["reason"], note=d["note"], by=by)
        elif action == "answer":
            services.answer(m, text=d["text"], by=by)
        elif action == "forward":
            services.forward(m, unit=d["unit"], note=d["note"], by=by)
        elif action == "convert":
            services.convert(m, by=by)
        elif action == "hotline":
            services.hand_to_hotline(m, ref=d["ref"], note=d["note"], by=by)
        elif action == "return":
            services.return_to_staff(m, reason=d["text"], by=by)
        elif action == "reply":
            services.reply(m, text=d["text"], by=by)
        elif action == "rate":
            services.rate(m, rating=d["rating"], resolved=d["resolved"], note=d["note"], by=by)
        elif action == "close":
            services.close(m, by=by)
        else:
            raise Http404
    except Refused as exc:
        if form is None or action not in actions_for(request.user, m):
            # A button without fields, or a step not open now (its form is not on the page): nothing to keep.
            return refusal_response(request, exc, redirect_to=back.url, action=f"contact.{action}")
        audit.record_refusal(exc, by=request.user, action=f"contact.{action}")
        form.add_error(None, exc.message)
        return _page(request, m, bound=form, status=422)
    flash.success(request, DONE[action])
    return back


def photo(request, pk: int, photo_id: int):
    """Photos are personal data: served only to those who may read the message, never from /media/."""
    require_business(request.user)
    m = selectors.message_in_scope(request.user, pk)
    p = get_object_or_404(Photo, pk=photo_id, message=m)
    response = FileResponse(p.file.open("rb"), content_type=p.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
