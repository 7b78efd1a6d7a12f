"""Duty records and scores in /api/v1/ (session auth; scoped like the pages)."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import File, Form, Path, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import IsoDate, Page, Rows, Text, responses, upload_responses, write_responses
from renda.core.errors import Refused
from renda.core.permissions import require_business

from . import permissions, scoring, selectors, services
from .models import DutyType

router = Router(tags=["履职"])


class RecordOut(Schema):
    id: int
    mandate_id: int
    deputy: str
    body_id: int
    duty_type: str
    category: str
    on: date
    title: str
    source: str
    outcome: str
    status: str
    points: Decimal
    reject_reason: str
    has_evidence_file: bool


def _out(r) -> dict:
    return {
        "id": r.pk,
        "mandate_id": r.mandate_id,
        "deputy": r.mandate.person.name,
        "body_id": r.body_id,
        "duty_type": r.duty_type.code,
        "category": r.duty_type.category,
        "on": r.on,
        "title": r.title,
        "source": r.source,
        "outcome": r.outcome,
        "status": r.status,
        "points": r.points,
        "reject_reason": r.reject_reason,
        "has_evidence_file": bool(r.evidence),
    }


class RecordFilter(Schema):
    mandate: int | None = Field(None, ge=1, le=2**62)
    year: int | None = Field(None, ge=2000, le=2100)
    status: Literal["pending", "approved", "rejected"] | None = None


@router.get("/duty-records", response=responses(list[RecordOut]), summary="履职记录（本人或管辖范围内）")
@paginate(Page)
def list_records(request, filters: Query[RecordFilter]):
    require_business(request.auth)
    qs = selectors.records_in_scope(request.auth)
    if filters.mandate:
        qs = qs.filter(mandate_id=filters.mandate)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.status:
        qs = qs.filter(status=filters.status)
    return Rows(qs.order_by("-on", "-id"), _out)


class _Declaration(Schema):
    """What a declaration says, as JSON or as a multipart form (with its file)."""

    mandate_id: int = Field(ge=1, le=2**62)
    duty_type: Text(40, min_length=1)
    on: IsoDate
    title: Text(200, min_length=1)
    note: Text(2000) = ""


class DeclareIn(_Declaration):
    evidence_text: Text(2000, min_length=1) = Field(
        description="佐证说明（照片、文档请用 /duty-records/with-evidence 上传）"
    )


def _declare(request, payload, evidence_file=None) -> dict:
    require_business(request.auth)
    mandate = get_object_or_404(selectors.mandates_visible(request.auth), pk=payload.mandate_id)
    services.ensure_types(mandate.body)
    dtype = DutyType.objects.filter(body_id=mandate.body_id, code=payload.duty_type).first()
    if dtype is None:
        raise Refused("unknown_duty_type", "未知的履职类型")
    rec = services.declare(
        mandate,
        duty_type=dtype,
        on=payload.on,
        title=payload.title,
        note=payload.note,
        evidence_file=evidence_file,
        evidence_text=payload.evidence_text,
        by=request.auth,
    )
    return _out(rec)


@router.post("/duty-records", response=write_responses(RecordOut), summary="代表申报履职（待审核）")
def declare(request, payload: DeclareIn):
    return _declare(request, payload)


class DeclareFileIn(_Declaration):
    evidence_text: Text(2000) = ""  # the file is the evidence


# Before /duty-records/{id}: Django tries the paths in order, and that one would take "with-evidence" as an id.
@router.post(
    "/duty-records/with-evidence",
    response=upload_responses(RecordOut),
    summary="代表申报履职并上传佐证材料（照片或文档，待审核）",
    description="multipart/form-data。佐证材料按内容检查，只收 JPEG、PNG 图片或 PDF、Word(.docx) 文档，"
    "大小不超过本级人大设定的上限（默认 10 MB），与网页申报相同；不符合时返回 409。照片的拍摄位置（GPS）保存前去除。",
)
def declare_with_evidence(request, payload: Form[DeclareFileIn], evidence: File[UploadedFile]):
    # The same service as the page's form: type by content, the body's size limit, a photo's GPS removed.
    return _declare(request, payload, evidence)


class IdPath(Schema):
    id: int = Field(ge=1, le=2**62)


@router.get("/duty-records/{id}", response=responses(RecordOut), summary="一条履职记录")
def get_record(request, path: Path[IdPath]):
    require_business(request.auth)
    return _out(get_object_or_404(selectors.records_in_scope(request.auth), pk=path.id))


class ReviewIn(Schema):
    action: Literal["approve", "reject"]
    reason: Text(300) = ""


@router.post(
    "/duty-records/{id}/review", response=write_responses(RecordOut), summary="审核代表申报（确认或退回）"
)
def review(request, path: Path[IdPath], payload: ReviewIn):
    require_business(request.auth)
    rec = get_object_or_404(selectors.records_in_scope(request.auth), pk=path.id)
    return _out(services.review(rec, action=payload.action, reason=payload.reason, by=request.auth))


class ScoreFilter(Schema):
    body: int | None = Field(None, ge=1, le=2**62)
    year: int = Field(ge=2000, le=2100)
    period: Literal["Y", "Q1", "Q2", "Q3", "Q4"] = "Y"
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class ScoreOut(Schema):
    rank: int
    mandate_id: int
    deputy: str
    body_id: int
    total: Decimal
    points: Decimal
    records: int
    band: str
    poor: bool


class ScorePage(Schema):
    count: int
    start: date
    end: date
    items: list[ScoreOut]


@router.get("/duty-scores", response=responses(ScorePage), summary="履职积分与排名（任意年度或季度）")
def scores(request, filters: Query[ScoreFilter]):
    require_business(request.auth)
    permissions.require_read(request.auth)  # deputies see their own score and rank on their page
    start, end = scoring.period_bounds(filters.year, filters.period)
    mandates = selectors.held_in(selectors.mandates_visible(request.auth), start, end)
    if filters.body:
        mandates = mandates.filter(body_id=filters.body)
    items = scoring.scores(mandates, start=start, end=end)
    page = items[filters.offset : filters.offset + filters.limit]
    from renda.deputies.models import Mandate

    names = dict(
        Mandate.objects.filter(pk__in=[s.mandate_id for s in page]).values_list("pk", "person__name")
    )
    return {
        "count": len(items),
        "start": start,
        "end": end,
        "items": [
            {
                "rank": s.rank,
                "mandate_id": s.mandate_id,
                "deputy": names.get(s.mandate_id, ""),
                "body_id": s.body_id,
                "total": s.total,
                "points": s.points,
                "records": s.records,
                "band": s.band,
                "poor": s.poor,
            }
            for s in page
        ],
    }
