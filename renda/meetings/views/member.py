"""The member's screens (phone or tablet): my meetings, one meeting (agenda, papers, reply, sign-in, votes)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import has_role, require_business
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, selectors, services, votes
from ..forms import ReplyForm
from ..models import State
from .common import meeting_for


def home(request):
    """Staff and leaders: the meetings in scope; everyone: the meetings they are called to."""
    require_business(request.user)
    if xlsx_export.wanted(request) and has_role(request.user, Role.STAFF, Role.LEADER):
        qs = selectors.meetings_in_scope(request.user).filter(session__isnull=True)
        return xlsx_export.respond(request, "会议", qs, export_columns.MEETINGS, action="meetings.export")
    mine = list(selectors.meetings_for(request.user)[:30])
    managed = []
    if has_role(request.user, Role.STAFF, Role.LEADER):
        managed = list(selectors.meetings_in_scope(request.user).filter(session__isnull=True)[:40])
    return render(
        request,
        "meetings/home.html",
        {"mine": mine, "managed": managed, "can_create": has_role(request.user, Role.STAFF)},
    )


def detail(request, pk: int):
    m = meeting_for(request, pk)
    me = permissions.attendee(request.user, m)
    items = list(m.items.all())
    polls = votes.polls_of_meeting(m)
    receipts = {}
    got = votes.engine()
    if got and me is not None:
        for plist in polls.values():
            for p in plist:
                try:
                    receipts[p.pk] = got[1].receipt_for(p, request.user)
                except Exception:
                    receipts[p.pk] = None
    agenda = [
        {
            "item": it,
            "docs": selectors.visible_documents(it, request.user),
            "polls": [(p, receipts.get(p.pk)) for p in polls.get(it.pk, [])],
        }
        for it in items
    ]
    return render(
        request,
        "meetings/detail.html",
        {
            "m": m,
            "me": me,
            "agenda": agenda,
            "q": selectors.quorum(m),
            "form": ReplyForm(),
            "can_manage": permissions.can_manage(request.user, m),
            "can_chair": permissions.can_chair(request.user, m),
            "engine": got is not None,
            "parts": list(m.parts.select_related("delegation")) if m.is_session else [],
            "session_items": list(selectors.session_suggestions(m, request.user)[:20])
            if m.is_session and permissions.can_chair(request.user, m)
            else None,
            "can_reply": me is not None and m.status == State.NOTICED and not me.present,
        },
    )


@require_POST
def reply(request, pk: int):
    m = meeting_for(request, pk)
    me = permissions.attendee(request.user, m)
    back = reverse("meetings:detail", args=[m.pk])
    if me is None:
        return redirect(back)
    form = ReplyForm(request.POST)
    form.is_valid()
    try:
        services.reply(
            me,
            attend=request.POST.get("attend") == "1",
            reason=form.cleaned_data.get("reason", ""),
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back, action="回复会议通知")
    messages.success(request, "已确认参加" if request.POST.get("attend") == "1" else "请假申请已提交，待审批")
    return redirect(back)


def sign_in(request, token: str):
    """The page a phone opens from the door's QR code: shows the meeting, and a button that signs in."""
    from ..services import signin

    require_business(request.user)
    try:
        meeting, _nonce = signin.read_code(token)
    except Refused as exc:
        return render(request, "meetings/sign_in.html", {"error": exc.message}, status=409)
    if request.method == "POST":
        try:
            a = services.sign_in_with_code(token, by=request.user)
        except Refused as exc:
            return render(request, "meetings/sign_in.html", {"error": exc.message, "m": meeting}, status=409)
        return render(request, "meetings/sign_in.html", {"done": a, "m": meeting})
    return render(request, "meetings/sign_in.html", {"m": meeting, "token": token})
