"""/api/v1/meetings/… (session auth; scoped like the pages). Votes are renda.voting's endpoints."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Page, Rows, Text, responses, write_responses
from renda.core.errors import NotPermitted
from renda.core.permissions import require_business

from . import permissions, selectors, services
from .models import Meeting
from .workflow import MEETING

router = Router(tags=["电子会议"])


class IdPath(Schema):
    id: int = Field(ge=1, le=2**62)


class TransitionPath(Schema):
    id: int = Field(ge=1, le=2**62)
    action: str = Field(pattern="^(notice|open|close|approve_minutes|cancel)$")


class MeetingOut(Schema):
    id: int
    body_id: int
    body: str
    kind: str
    title: str
    status: str
    starts_at: datetime
    ends_at: datetime
    location: str
    session_id: int | None
    current_item_id: int | None


def _out(m: Meeting) -> dict:
    return {
        "id": m.pk,
        "body_id": m.body_id,
        "body": str(m.body),
        "kind": m.kind,
        "title": m.title,
        "status": m.status,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "location": m.location,
        "session_id": m.session_id,
        "current_item_id": m.current_item_id,
    }


def _meeting(request, pk: int) -> Meeting:
    require_business(request.auth)
    m = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not permissions.can_read(request.auth, m):
        raise Http404("会议不存在或无权查看")
    return m


@router.get(
    "/meetings",
    response=responses(list[MeetingOut]),
    summary="我参加的会议（工作人员、领导：管辖范围内的会议）",
)
@paginate(Page)
def list_meetings(request):
    require_business(request.auth)
    u = request.auth
    qs = selectors.meetings_in_scope(u) if u.role in ("staff", "leader") else selectors.meetings_for(u)
    return Rows(qs.order_by("-starts_at", "-id"), _out)


class DocumentOut(Schema):
    id: int
    title: str
    kind: str
    version: int
    replaced: bool
    url: str


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter: str
    needs_vote: bool
    documents: list[DocumentOut]


class QuorumOut(Schema):
    total: int
    present: int
    needed: int
    met: bool
    rule: str
    leave: int


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut]
    quorum: QuorumOut
    my_role: str | None
    my_reply: str | None
    signed_in: bool
    actions: list[str]


@router.get(
    "/meetings/{id}", response=responses(MeetingDetailOut), summary="会议详情：议程、本人可读的材料、出席"
)
def get_meeting(request, path: Path[IdPath]):
    from django.urls import reverse

    m = _meeting(request, path.id)
    me = permissions.attendee(request.auth, m)
    q = selectors.quorum(m)
    items = [
        {
            "id": it.pk,
            "order": it.order,
            "title": it.title,
            "presenter": it.presenter,
            "needs_vote": it.needs_vote,
            "documents": [
                {
                    "id": d.pk,
                    "title": d.title,
                    "kind": d.kind,
                    "version": d.version,
                    "replaced": d.replaced,
                    "url": reverse("meetings:reader", args=[d.pk]),
                }
                for d in selectors.visible_documents(it, request.auth)
            ],
        }
        for it in m.items.all()
    ]
    return {
        **_out(m),
        "items": items,
        "quorum": {
            "total": q.total,
            "present": q.present,
            "needed": q.needed,
            "met": q.met,
            "rule": q.rule,
            "leave": q.leave,
        },
        "my_role": me.role if me else None,
        "my_reply": me.reply if me else None,
        "signed_in": bool(me and me.present),
        "actions": [s.action for s in MEETING.allowed(m, request.auth)],
    }


@router.get("/meetings/{id}/quorum", response=responses(QuorumOut), summary="实时出席与法定人数")
def get_quorum(request, path: Path[IdPath]):
    q = selectors.quorum(_meeting(request, path.id))
    return {
        "total": q.total,
        "present": q.present,
        "needed": q.needed,
        "met": q.met,
        "rule": q.rule,
        "leave": q.leave,
    }


class ReplyIn(Schema):
    attend: bool
    reason: Text(300) = ""


class ReplyOut(Schema):
    reply: str
    leave_state: str
    in_duties_leave_flow: bool


@router.post(
    "/meetings/{id}/reply", response=write_responses(ReplyOut), summary="回复会议通知：确认参加或请假"
)
def post_reply(request, path: Path[IdPath], body: ReplyIn):
    m = _meeting(request, path.id)
    me = permissions.attendee(request.auth, m)
    if me is None:
        raise NotPermitted("not_called", "您不在本次会议的参会名单中")
    a = services.reply(me, attend=body.attend, reason=body.reason, by=request.auth)
    return {"reply": a.reply, "leave_state": a.leave_state, "in_duties_leave_flow": bool(a.leave_request_id)}


class SignInIn(Schema):
    token: Text(400, min_length=10)


class MeetingSignInOut(Schema):
    meeting_id: int
    signed_in_at: datetime
    method: str


@router.post(
    "/meeting-sign-ins",
    response=write_responses(MeetingSignInOut),
    summary="扫码签到（门口二维码中的签到码）",
)
def post_sign_in(request, body: SignInIn):
    require_business(request.auth)
    a = services.sign_in_with_code(body.token, by=request.auth)
    return {"meeting_id": a.meeting_id, "signed_in_at": a.signed_in_at, "method": a.sign_in_method}


class ActionIn(Schema):
    reason: Text(300) = ""


@router.post(
    "/meetings/{id}/transitions/{action}",
    response=write_responses(MeetingOut),
    summary="会议流程：通知、开会、闭会、审定纪要、取消",
)
def post_transition(
    request,
    path: Path[TransitionPath],
    body: ActionIn,
):
    m = _meeting(request, path.id)
    u = request.auth
    run = {
        "notice": lambda: services.send_notice(m, urgent_reason=body.reason, by=u),
        "open": lambda: services.open_meeting(m, by=u),
        "close": lambda: services.close_meeting(m, by=u),
        "approve_minutes": lambda: services.approve_minutes(m, by=u),
        "cancel": lambda: services.cancel(m, reason=body.reason, by=u),
    }[path.action]
    return _out(run())
