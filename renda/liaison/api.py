"""/api/v1/liaison/…: member-deputy links and coverage, meetings with officials, sittings, training,
activity plans and the stations' standard (session auth; scoped like the pages; the same services)."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import IsoDate, Page, Rows, Text, responses, write_responses
from renda.core.models import Unit, User
from renda.core.permissions import require_business, require_role, scope
from renda.core.roles import Role
from renda.deputies.models import Mandate
from renda.deputies.selectors import mandates_for_user
from renda.duties import selectors as duty_selectors

from . import permissions, selectors, services
from .choices import ContactKind, MeetingState
from .models import ActivityPlan, CourseInvitation, MemberLink, OfficialMeeting, Sitting
from .selectors.plans import execution
from .workflow import OFFICIAL_MEETING

router = Router(tags=["联系代表"])
ID = Field(ge=1, le=2**62)
Pk = Annotated[int, Field(ge=1, le=2**62)]  # a row id inside a list: bounded like every id


class IdPath(Schema):
    id: int = ID


def _office(request) -> None:
    require_business(request.auth)
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看联系代表工作")


# ── member-deputy links ─────────────────────────────────────────────────────────────────────────────


class LinkOut(Schema):
    id: int
    member_id: int
    member: str
    mandate_id: int
    deputy: str
    start_date: date


def _link(row: MemberLink) -> dict:
    return {
        "id": row.pk,
        "member_id": row.member_id,
        "member": str(row.member),
        "mandate_id": row.mandate_id,
        "deputy": row.mandate.person.name,
        "start_date": row.start_date,
    }


@router.get("/liaison/links", response=responses(list[LinkOut]), summary="组成人员联系代表关系（在联系中）")
@paginate(Page)
def list_links(request):
    _office(request)
    qs = scope(MemberLink.objects.filter(end_date__isnull=True), request.auth).select_related(
        "member", "mandate__person"
    )
    return Rows(qs.order_by("member_id", "id"), _link)


class LinkIn(Schema):
    member_id: int = ID
    mandate_ids: list[Pk] = Field(min_length=1, max_length=100)


@router.post(
    "/liaison/links",
    response=write_responses(list[LinkOut]),
    summary="确定联系关系（不属于本级人大的代表被拒绝）",
)
def create_links(request, payload: LinkIn):
    require_business(request.auth)
    member = get_object_or_404(User, pk=payload.member_id)
    mandates = list(Mandate.objects.filter(pk__in=payload.mandate_ids).select_related("person", "body"))
    if len(mandates) != len(set(payload.mandate_ids)):
        raise Http404("代表不存在")
    return [_link(r) for r in services.link_many(member, mandates, by=request.auth)]


class CoverageOut(Schema):
    year: int
    total: int
    unlinked: list[int]
    uncontacted: list[int]


class YearQuery(Schema):
    year: int = Field(default_factory=lambda: date.today().year, ge=2000, le=2100)


@router.get(
    "/liaison/coverage", response=responses(CoverageOut), summary="联系覆盖：未确定联系人、本年无人联系的代表"
)
def coverage(request, q: Query[YearQuery]):
    _office(request)
    from .views.links import _committee

    class _R:  # the page's committee lookup needs a request with a user
        user = request.auth

    cov = selectors.coverage(_committee(_R), year=q.year)
    return {
        "year": q.year,
        "total": cov["total"],
        "unlinked": [m.pk for m in cov["unlinked"]],
        "uncontacted": [m.pk for m in cov["uncontacted"]],
    }


class ContactIn(Schema):
    mandate_ids: list[Pk] = Field(min_length=1, max_length=100)
    on: IsoDate
    kind: Literal[tuple(ContactKind.values)]  # type: ignore[valid-type]
    summary: Text(200, min_length=1)
    opinions: Text(2000) = ""


class ContactOut(Schema):
    id: int
    on: date
    deputies: int


@router.post(
    "/liaison/contacts",
    response=write_responses(ContactOut),
    summary="组成人员登记联系代表情况（计入代表履职）",
)
def record_contact(request, payload: ContactIn):
    require_business(request.auth)
    mandates = list(Mandate.objects.filter(pk__in=payload.mandate_ids).select_related("person"))
    row = services.record_contact(
        request.auth,
        mandates=mandates,
        on=payload.on,
        kind=payload.kind,
        summary=payload.summary,
        opinions=payload.opinions,
        by=request.auth,
    )
    return {"id": row.pk, "on": row.on, "deputies": len(mandates)}


# ── 约见 ────────────────────────────────────────────────────────────────────────────────────────────


class OfficialMeetingOut(Schema):
    id: int
    topic: str
    unit_id: int
    official: str
    lead_id: int
    status: str
    scheduled_at: datetime | None
    held_on: date | None
    allowed: list[str]


def _meeting(row: OfficialMeeting, user) -> dict:
    return {
        "id": row.pk,
        "topic": row.topic,
        "unit_id": row.unit_id,
        "official": row.official,
        "lead_id": row.lead_id,
        "status": row.status,
        "scheduled_at": row.scheduled_at,
        "held_on": row.held_on,
        "allowed": [s.action for s in OFFICIAL_MEETING.allowed(row, user)],
    }


def _meetings(user):
    if user.role == Role.DEPUTY:
        return OfficialMeeting.objects.filter(mandates__person__user=user).distinct()
    if user.role in (Role.STAFF, Role.LEADER):
        return scope(OfficialMeeting.objects.all(), user)
    return OfficialMeeting.objects.none()


class MeetingFilter(Schema):
    status: Literal[tuple(MeetingState.values)] | None = None  # type: ignore[valid-type]


@router.get(
    "/liaison/meetings",
    response=responses(list[OfficialMeetingOut]),
    summary="约见国家机关负责人（本人或管辖范围内）",
)
@paginate(Page)
def list_meetings(request, f: Query[MeetingFilter]):
    require_business(request.auth)
    qs = _meetings(request.auth)
    if f.status:
        qs = qs.filter(status=f.status)
    return Rows(qs.order_by("-created_at", "-id"), lambda r: _meeting(r, request.auth))


class MeetingIn(Schema):
    topic: Text(200) = ""
    unit_id: int | None = Field(None, ge=1, le=2**62)
    official: Text(60) = ""
    reason: Text(4000) = ""
    other_mandate_ids: list[Pk] = Field(default_factory=list, max_length=50)


@router.post(
    "/liaison/meetings",
    response=write_responses(OfficialMeetingOut),
    summary="代表申请约见（缺少事由或约见对象返回 409）",
)
def request_meeting(request, payload: MeetingIn):
    require_business(request.auth)
    lead = mandates_for_user(request.auth).first()
    if lead is None:
        raise Http404("没有在任的代表资格")
    unit = Unit.objects.filter(pk=payload.unit_id).first() if payload.unit_id else None
    others = list(Mandate.objects.filter(pk__in=payload.other_mandate_ids))
    row = services.request(
        lead,
        topic=payload.topic,
        unit=unit,
        official=payload.official,
        reason=payload.reason,
        others=others,
        by=request.auth,
    )
    return _meeting(row, request.auth)


class ActionPath(Schema):
    id: int = ID
    action: Literal["arrange", "decline", "withdraw", "hold", "close"]


class MeetingActionIn(Schema):
    scheduled_at: datetime | None = None
    place: Text(100) = ""
    reason: Text(200) = ""
    held_on: IsoDate | None = None
    minutes: Text(8000) = ""
    commitments: Text(4000) = ""
    follow_up: Text(4000) = ""


@router.post(
    "/liaison/meetings/{id}/transitions/{action}",
    response=write_responses(OfficialMeetingOut),
    summary="办理约见",
)
def meeting_action(request, path: Path[ActionPath], payload: MeetingActionIn):
    require_business(request.auth)
    row = get_object_or_404(_meetings(request.auth), pk=path.id)
    by, p = request.auth, payload
    from renda.core.errors import Refused

    if path.action == "arrange":
        if p.scheduled_at is None:
            raise Refused("schedule_required", "请填写约见时间")
        row = services.arrange(row, scheduled_at=p.scheduled_at, place=p.place, by=by)
    elif path.action == "decline":
        row = services.decline(row, reason=p.reason, by=by)
    elif path.action == "withdraw":
        row = services.withdraw(row, by=by)
    elif path.action == "hold":
        row = services.hold(
            row, held_on=p.held_on or date.today(), minutes=p.minutes, commitments=p.commitments, by=by
        )
    else:
        row = services.close(row, follow_up=p.follow_up, by=by)
    return _meeting(row, by)


# ── 列席, training ─────────────────────────────────────────────────────────────────────────────────


class InvitationOut(Schema):
    id: int
    sitting_id: int
    title: str
    on: date
    mandate_id: int
    deputy: str
    reply: str
    attended: bool | None


@router.post(
    "/liaison/sittings/{id}/invitations",
    response=write_responses(list[InvitationOut]),
    summary="按轮换邀请代表列席",
)
def invite_sitting(request, path: Path[IdPath]):
    require_business(request.auth)
    sitting = get_object_or_404(scope(Sitting.objects.all(), request.auth), pk=path.id)
    rows = services.invite_in_rotation(sitting, by=request.auth)
    return [
        {
            "id": i.pk,
            "sitting_id": sitting.pk,
            "title": sitting.title,
            "on": sitting.on,
            "mandate_id": i.mandate_id,
            "deputy": i.mandate.person.name,
            "reply": i.reply,
            "attended": i.attended,
        }
        for i in rows
    ]


class CourseSignInOut(Schema):
    id: int
    course_id: int
    signed_in_at: datetime


@router.post(
    "/liaison/course-invitations/{id}/sign-in",
    response=write_responses(CourseSignInOut),
    summary="代表培训签到（签到时间外返回 409）",
)
def sign_in(request, path: Path[IdPath]):
    require_business(request.auth)
    inv = get_object_or_404(CourseInvitation.objects.filter(mandate__person__user=request.auth), pk=path.id)
    inv = services.sign_in(inv, by=request.auth)
    return {"id": inv.pk, "course_id": inv.course_id, "signed_in_at": inv.signed_in_at}


class TrainingOut(Schema):
    course_id: int
    title: str
    level: str
    starts_at: datetime
    hours: float
    signed_in: bool


@router.get(
    "/liaison/mandates/{id}/training", response=responses(list[TrainingOut]), summary="代表的学习培训经历"
)
def training_history(request, path: Path[IdPath]):
    require_business(request.auth)
    mandate = get_object_or_404(duty_selectors.mandates_visible(request.auth), pk=path.id)
    return [
        {
            "course_id": i.course_id,
            "title": i.course.title,
            "level": i.course.level,
            "starts_at": i.course.starts_at,
            "hours": float(i.course.hours),
            "signed_in": i.signed_in_at is not None,
        }
        for i in selectors.training_history(mandate)
    ]


# ── plans, stations ────────────────────────────────────────────────────────────────────────────────


class ExecutionOut(Schema):
    plan_id: int
    year: int
    planned: int
    held: int
    cancelled: int
    open: int
    rate: str
    closed_on: date | None


@router.get(
    "/liaison/plans/{id}/execution", response=responses(ExecutionOut), summary="年度代表活动计划执行情况"
)
def plan_execution(request, path: Path[IdPath]):
    _office(request)
    plan = get_object_or_404(scope(ActivityPlan.objects.all(), request.auth), pk=path.id)
    ex = execution(plan)
    t = ex["total"]
    return {
        "plan_id": plan.pk,
        "year": plan.year,
        "planned": ex["all"],
        "held": t["held"],
        "cancelled": t["cancelled"],
        "open": t["planned"],
        "rate": ex["rate"],
        "closed_on": plan.closed_on,
    }


class GapOut(Schema):
    item: str
    detail: str


class StandingOut(Schema):
    station_id: int
    station: str
    met: int
    gaps: list[GapOut]


@router.get(
    "/liaison/stations/standing", response=responses(list[StandingOut]), summary="联络站“六有”达标情况和差距"
)
def stations_standing(request):
    _office(request)
    from renda.deputies.models import Station

    stations = scope(Station.objects.filter(active=True), request.auth).order_by("body__path", "name")
    rows = selectors.station_standing(permissions.congress_of(request.auth.body), stations)
    return [
        {
            "station_id": r["station"].pk,
            "station": r["station"].name,
            "met": len(r["findings"]) - len(r["gaps"]),
            "gaps": [{"item": g.item.name, "detail": g.detail} for g in r["gaps"]],
        }
        for r in rows
    ]


class MyInvitationOut(Schema):
    kind: Literal["sitting", "course"]
    id: int
    title: str
    starts: datetime | date
    reply: str
    signed_in_at: datetime | None
    sign_in_opens: datetime | None
    sign_in_closes: datetime | None


@router.get(
    "/liaison/my/invitations",
    response=responses(list[MyInvitationOut]),
    summary="代表本人的列席邀请和培训（手机端）",
)
def my_invitations(request):
    require_business(request.auth)
    from django.utils import timezone

    from .models import SittingInvitation
    from .services.training import signin_window

    since = timezone.localdate() - timezone.timedelta(days=60)
    rows = []
    for i in SittingInvitation.objects.filter(
        mandate__person__user=request.auth, sitting__on__gte=since
    ).select_related("sitting"):
        rows.append(
            {
                "kind": "sitting",
                "id": i.pk,
                "title": i.sitting.title,
                "starts": i.sitting.on,
                "reply": i.reply,
                "signed_in_at": None,
                "sign_in_opens": None,
                "sign_in_closes": None,
            }
        )
    for i in CourseInvitation.objects.filter(
        mandate__person__user=request.auth, course__starts_at__date__gte=since
    ).select_related("course"):
        opens, closes = signin_window(i.course)
        rows.append(
            {
                "kind": "course",
                "id": i.pk,
                "title": i.course.title,
                "starts": i.course.starts_at,
                "reply": "",
                "signed_in_at": i.signed_in_at,
                "sign_in_opens": opens,
                "sign_in_closes": closes,
            }
        )
    return rows


from . import api_officers  # noqa: E402, F401  (more operations on the same router)
