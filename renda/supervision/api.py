"""/api/v1/supervision/… (session or token auth; scoped like the pages): plan items, opinions and their
transitions, follow-ups, budget warnings and their closed loop, appraisal rankings, filings."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Page, PublicPage, Rows, Text, responses, write_responses
from renda.core.permissions import require_business, scope

from . import permissions, selectors, services
from .choices import FollowStatus, Grade, Kind, OpinionStatus, WarningStatus
from .models import Appraisal, Filing, PlanItem

router = Router(tags=["监督"])

ID = Field(..., ge=1, le=2**62)


class IdPath(Schema):
    id: int = ID


class PlanItemOut(Schema):
    id: int
    year: int
    kind: str
    title: str
    unit: str
    committee: str
    meeting_date: date | None
    draft_due: date | None
    final_due: date | None
    members_due: date | None
    materials_in: date | None
    status: str


def _item(i) -> dict:
    return {
        "id": i.pk,
        "year": i.plan.year,
        "kind": i.kind,
        "title": i.title,
        "unit": i.unit.name if i.unit else "",
        "committee": i.committee.name if i.committee else "",
        "meeting_date": i.meeting_date,
        "draft_due": i.draft_due,
        "final_due": i.final_due,
        "members_due": i.members_due,
        "materials_in": i.materials_in,
        "status": i.status,
    }


class ItemFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    kind: Literal[tuple(Kind.values)] | None = None  # type: ignore[valid-type]


@router.get(
    "/supervision/items", response=responses(list[PlanItemOut]), summary="年度监督计划事项（含法定时间节点）"
)
@paginate(Page)
def list_items(request, filters: Query[ItemFilter]):
    permissions.require_read(request.auth)
    return Rows(
        selectors.items(request.auth, year=filters.year, kind=filters.kind or "").order_by(
            "meeting_date", "id"
        ),
        _item,
    )


@router.get(
    "/public/supervision/items",
    response=responses(list[PlanItemOut], public=True),
    auth=None,
    summary="已公布的年度监督计划",
)
@paginate(PublicPage)
def public_items(request):
    qs = (
        PlanItem.objects.filter(plan__status="published")
        .select_related("plan", "unit", "committee")
        .order_by("plan__year", "meeting_date", "id")
    )
    return Rows(qs, _item)


class OpinionOut(Schema):
    id: int
    item_id: int
    item: str
    unit: str
    status: str
    sent_on: date | None
    report_due: date | None
    reported_on: date | None
    grade: str
    grade_source: str
    overdue: bool
    round: int


def _opinion(o, on) -> dict:
    return {
        "id": o.pk,
        "item_id": o.item_id,
        "item": o.item.title,
        "unit": o.unit.name,
        "status": o.status,
        "sent_on": o.sent_on,
        "report_due": o.report_due,
        "reported_on": o.reported_on,
        "grade": o.grade,
        "grade_source": o.grade_source,
        "overdue": o.is_overdue(on),
        "round": o.round,
    }


class OpinionFilter(Schema):
    status: Literal[tuple(OpinionStatus.values)] | None = None  # type: ignore[valid-type]


@router.get("/supervision/opinions", response=responses(list[OpinionOut]), summary="审议意见及办理情况")
@paginate(Page)
def list_opinions(request, filters: Query[OpinionFilter]):
    from django.utils import timezone

    permissions.require_read(request.auth)
    qs = selectors.opinions(request.auth)
    if filters.status:
        qs = qs.filter(status=filters.status)
    on = timezone.localdate()
    return Rows(qs.order_by("-id"), lambda o: _opinion(o, on))


class OpinionAction(Schema):
    text: Text(10000) = ""
    grade: Literal[tuple(Grade.values)] | None = None  # type: ignore[valid-type]
    source: Text(200) = ""


class ActionPath(Schema):
    id: int = ID
    action: Literal["send", "report", "rereport", "evaluate"]


@router.post(
    "/supervision/opinions/{id}/transitions/{action}",
    response=write_responses(OpinionOut),
    summary="审议意见：交办、报送办理情况、评价（不满意自动生成跟踪督办）",
)
def opinion_action(request, path: Path[ActionPath], payload: OpinionAction):
    from django.utils import timezone

    require_business(request.auth)
    o = get_object_or_404(selectors.opinions(request.auth), pk=path.id)
    if path.action == "send":
        o = services.opinions.send(o, by=request.auth)
    elif path.action in ("report", "rereport"):
        o = services.opinions.submit_report(o, text=payload.text, by=request.auth)
    else:
        o = services.opinions.evaluate(o, grade=payload.grade or "", source=payload.source, by=request.auth)
    return _opinion(o, timezone.localdate())


class FollowOut(Schema):
    id: int
    title: str
    origin: str
    unit: str
    due: date | None
    status: str
    answer: str


def _follow(f) -> dict:
    return {
        "id": f.pk,
        "title": f.title,
        "origin": f.origin,
        "unit": f.unit.name,
        "due": f.due,
        "status": f.status,
        "answer": f.answer,
    }


class FollowFilter(Schema):
    status: Literal[tuple(FollowStatus.values)] | None = None  # type: ignore[valid-type]


@router.get("/supervision/followups", response=responses(list[FollowOut]), summary="跟踪督办事项")
@paginate(Page)
def list_followups(request, filters: Query[FollowFilter]):
    permissions.require_read(request.auth)
    qs = selectors.followups(request.auth)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Rows(qs.order_by("due", "id"), _follow)


class SupervisionTextIn(Schema):
    text: Text(5000) = ""


class FollowPath(Schema):
    id: int = ID
    action: Literal["answer", "close", "reopen"]


@router.post(
    "/supervision/followups/{id}/transitions/{action}",
    response=write_responses(FollowOut),
    summary="督办：反馈、销号、退回",
)
def followup_action(request, path: Path[FollowPath], payload: SupervisionTextIn):
    require_business(request.auth)
    f = get_object_or_404(selectors.followups(request.auth), pk=path.id)
    if path.action == "answer":
        f = services.followups.answer(f, text=payload.text, by=request.auth)
    elif path.action == "close":
        f = services.followups.close(f, by=request.auth)
    else:
        f = services.followups.reopen(f, reason=payload.text, by=request.auth)
    return _follow(f)


class WarningOut(Schema):
    id: int
    year: int
    rule: str
    rule_title: str
    article: str
    ruleset_version: int
    severity: str
    unit: str
    line_id: int | None
    message: str
    status: str
    raised_on: date
    explain_due: date | None
    explanation: str


def _warning(w) -> dict:
    return {
        "id": w.pk,
        "year": w.year,
        "rule": w.rule.code,
        "rule_title": w.rule.title,
        "article": w.rule.article,
        "ruleset_version": w.rule.ruleset.version,
        "severity": w.severity,
        "unit": w.unit.name if w.unit else "",
        "line_id": w.line_id,
        "message": w.message,
        "status": w.status,
        "raised_on": w.raised_on,
        "explain_due": w.explain_due,
        "explanation": w.explanation,
    }


class WarningFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    rule: Text(4) = ""
    status: Literal[tuple(WarningStatus.values)] | None = None  # type: ignore[valid-type]


@router.get(
    "/supervision/budget/warnings",
    response=responses(list[WarningOut]),
    summary="预算预警清单（规则编号、依据条款、版本）",
)
@paginate(Page)
def list_warnings(request, filters: Query[WarningFilter]):
    permissions.require_read(request.auth)
    qs = selectors.warnings(request.auth).select_related("rule__ruleset")
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.rule:
        qs = qs.filter(rule__code=filters.rule)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Rows(qs.order_by("-raised_on", "id"), _warning)


class WarningPath(Schema):
    id: int = ID
    action: Literal["explain", "track", "close"]


@router.post(
    "/supervision/budget/warnings/{id}/transitions/{action}",
    response=write_responses(WarningOut),
    summary="预警闭环：单位说明、转督办、核查关闭",
)
def warning_action(request, path: Path[WarningPath], payload: SupervisionTextIn):
    require_business(request.auth)
    w = get_object_or_404(selectors.warnings(request.auth), pk=path.id)
    w = services.budget.act(w, path.action, text=payload.text, by=request.auth)
    return _warning(w)


class RankOut(Schema):
    id: int
    appraisee: str
    unit: str
    list_name: str
    ranked: bool
    total: Decimal | None
    rank: int | None
    outcome: str
    consequence: str


@router.get(
    "/supervision/appraisals/{id}/ranking",
    response=responses(list[RankOut]),
    summary="评议总分与排名（含单独评议）",
)
@paginate(Page)
def ranking(request, path: Path[IdPath]):
    permissions.require_read(request.auth)
    a = get_object_or_404(scope(Appraisal.objects.all(), request.auth), pk=path.id)
    qs = a.appraisees.select_related("unit").order_by("-ranked", "list_name", "rank", "id")
    return Rows(
        qs,
        lambda p: {
            "id": p.pk,
            "appraisee": str(p),
            "unit": p.unit.name,
            "list_name": p.list_name,
            "ranked": p.ranked,
            "total": p.total,
            "rank": p.rank,
            "outcome": p.outcome,
            "consequence": p.consequence,
        },
    )


class FilingOut(Schema):
    id: int
    title: str
    number: str
    unit: str
    published_on: date
    filing_due: date
    filed_on: date | None
    status: str


@router.get(
    "/public/supervision/filings",
    response=responses(list[FilingOut], public=True),
    auth=None,
    summary="规范性文件备案目录（公开）",
)
@paginate(PublicPage)
def public_filings(request):
    return Rows(
        Filing.objects.select_related("unit").order_by("-published_on", "id"),
        lambda f: {
            "id": f.pk,
            "title": f.title,
            "number": f.number,
            "unit": f.unit.name,
            "published_on": f.published_on,
            "filing_due": f.filing_due,
            "filed_on": f.filed_on,
            "status": f.status,
        },
    )


from . import api_more  # noqa: E402, F401  (its endpoints join this router)
