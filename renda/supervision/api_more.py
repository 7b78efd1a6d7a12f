"""/api/v1/supervision/… for major matters (with the deciding poll and rule), livelihood projects (with the
deputies' year-end rating and its rule) and case-quality reviews; read-only, scoped like the pages. The
endpoints are added to `api.router` (imported at the end of api.py)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Query, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Page, Rows, responses
from renda.core.permissions import scope

from . import permissions
from .api import router
from .choices import MatterStatus, ProjectStatus
from .models import CaseReview, Matter, Project


class MatterOut(Schema):
    id: int
    title: str
    proposer: str
    proposed_on: date
    status: str
    # Not "poll_id": schemathesis's link inference would feed a null into /voting/polls/{id}/result.
    decision_poll: int | None = Field(None, description="作出决定的表决编号（表决引擎）；未表决为空")
    meeting: str
    vote: str
    decided_by: str
    decided_on: date | None
    decision: str
    unit: str
    report_due: date | None
    reports: int


class MatterFilter(Schema):
    status: Literal[tuple(MatterStatus.values)] | None = None  # type: ignore[valid-type]


@router.get(
    "/supervision/matters",
    response=responses(list[MatterOut]),
    summary="重大事项决定（关联会议表决：票数、判定规则；执行跟踪）",
)
@paginate(Page)
def list_matters(request, filters: Query[MatterFilter]):
    permissions.require_read(request.auth)
    qs = scope(
        Matter.objects.select_related("unit").prefetch_related("reports"), request.auth, unit_field="unit"
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Rows(
        qs.order_by("-proposed_on", "id"),
        lambda m: {
            "id": m.pk,
            "title": m.title,
            "proposer": m.proposer,
            "proposed_on": m.proposed_on,
            "status": m.status,
            "decision_poll": m.poll_id,
            "meeting": m.meeting_title,
            "vote": m.vote_line,
            "decided_by": m.decided_by,
            "decided_on": m.decided_on,
            "decision": m.decision,
            "unit": m.unit.name if m.unit else "",
            "report_due": m.report_due,
            "reports": len(m.reports.all()),
        },
    )


class ProjectOut(Schema):
    id: int
    year: int
    title: str
    unit: str
    status: str
    votes: int | None
    budget: Decimal
    spent: Decimal
    progress: int
    rating_poll: int | None = Field(None, description="年终测评的表决编号；未开始测评为空")
    rating: str
    rating_votes: str
    rating_rule: str


class ProjectFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)
    status: Literal[tuple(ProjectStatus.values)] | None = None  # type: ignore[valid-type]


@router.get(
    "/supervision/projects",
    response=responses(list[ProjectOut]),
    summary="民生实事项目（票决、进展、代表年终测评及其判定规则）",
)
@paginate(Page)
def list_projects(request, filters: Query[ProjectFilter]):
    permissions.require_read(request.auth)
    qs = scope(Project.objects.select_related("unit"), request.auth)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Rows(
        qs.order_by("-year", "id"),
        lambda p: {
            "id": p.pk,
            "year": p.year,
            "title": p.title,
            "unit": p.unit.name,
            "status": p.status,
            "votes": p.votes,
            "budget": p.budget,
            "spent": p.spent,
            "progress": p.progress,
            "rating_poll": p.rating_poll_id,
            "rating": p.rating,
            "rating_votes": p.rating_line,
            "rating_rule": p.rating_rule,
        },
    )


class CriterionOut(Schema):
    name: str
    max: float
    score: float


class CaseOut(Schema):
    id: int
    year: int
    unit: str
    total_cases: int | None
    cases: int
    flawed: int
    score: Decimal
    criteria: list[CriterionOut]
    reviewers: str
    findings: str
    opinions: list[str]


class YearFilter(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


@router.get(
    "/supervision/cases", response=responses(list[CaseOut]), summary="案件质量评查（分项得分、评查意见）"
)
@paginate(Page)
def list_cases(request, filters: Query[YearFilter]):
    permissions.require_read(request.auth)
    qs = scope(CaseReview.objects.select_related("unit"), request.auth, unit_field="unit")
    if filters.year:
        qs = qs.filter(year=filters.year)
    return Rows(
        qs.order_by("-year", "id"),
        lambda c: {
            "id": c.pk,
            "year": c.year,
            "unit": c.unit.name,
            "total_cases": c.total_cases,
            "cases": c.cases,
            "flawed": c.flawed,
            "score": c.score,
            "criteria": c.criteria,
            "reviewers": c.reviewers,
            "findings": c.findings,
            "opinions": c.opinion_lines(),
        },
    )
