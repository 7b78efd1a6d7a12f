"""/api/v1/insight/…: routing suggestion, similar items, hot topics, reply hints (session auth; scoped)."""

from datetime import date, timedelta

from ninja import Path, Query, Router, Schema
from pydantic import Field

from renda.api.schema import IsoDate, Text, responses, write_responses
from renda.core.errors import Refused
from renda.core.permissions import require_business, require_role
from renda.core.roles import Role

from . import selectors

router = Router(tags=["智能分析"])


class Scored(Schema):
    value: str
    label: str
    p: float


class RouteOut(Schema):
    ok: bool
    reason: str
    confidence: float
    threshold: float
    model_version: int | None
    category: list[Scored]
    unit: list[Scored]


def _route_out(hint) -> dict:
    return {
        "ok": hint.ok,
        "reason": hint.reason,
        "confidence": round(hint.confidence, 4),
        "threshold": hint.threshold,
        "model_version": hint.version,
        "category": [
            {"value": v, "label": label, "p": round(p, 4)}
            for v, label, p in (hint.category if hint.ok else [])
        ],
        "unit": [
            {"value": str(u.pk), "label": u.name, "p": round(p, 4)} for u, p in (hint.unit if hint.ok else [])
        ],
    }


def _scope_body(user):
    from renda.core.models import Body

    return Body.objects.filter(path=user.body.scope_path).first() or user.body


class InsightTextIn(Schema):
    text: Text(20000)


@router.post(
    "/insight/route", response=write_responses(RouteOut), summary="分办建议：类别与承办单位（含置信度）"
)
def route(request, payload: InsightTextIn):
    """Below the policy threshold `ok` is false with the reason; no category or unit is returned."""
    require_role(request.auth, {Role.STAFF}, action="查看分办建议")
    return _route_out(selectors.suggest_route(payload.text, body=_scope_body(request.auth)))


class ItemPath(Schema):
    kind: str = Field(pattern="^(message|suggestion)$")
    pk: int = Field(ge=1, le=2**62)


@router.get("/insight/{kind}/{pk}/route", response=responses(RouteOut), summary="某件留言或建议的分办建议")
def item_route(request, path: Path[ItemPath]):
    require_role(request.auth, {Role.STAFF}, action="查看分办建议")
    from . import items
    from .views import _item

    request.user = request.auth
    obj = _item(request, path.kind, path.pk)
    return _route_out(selectors.suggest_route(items.text_of(obj), body=obj.body))


class MatchOut(Schema):
    kind: str
    id: int
    title: str
    year: int
    score: float
    terms: list[str]
    has_reply: bool
    merged: bool


class SimilarIn(Schema):
    text: Text(20000)
    limit: int = Field(8, ge=1, le=20)


@router.post("/insight/similar", response=write_responses(list[MatchOut]), summary="相似的已有件（含共同词）")
def similar(request, payload: SimilarIn):
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看相似件")
    found = selectors.similar_items(payload.text, body=_scope_body(request.auth), limit=payload.limit)
    return [
        {
            "kind": m.entry.kind,
            "id": m.entry.pk,
            "title": m.entry.title,
            "year": m.entry.year,
            "score": round(m.score, 4),
            "terms": m.terms,
            "has_reply": m.entry.has_reply,
            "merged": m.merged,
        }
        for m in found
    ]


class HotFilter(Schema):
    start: IsoDate | None = None
    end: IsoDate | None = None
    limit: int = Field(10, ge=1, le=50)


class TopicOut(Schema):
    rank: int
    title: str
    terms: list[str]
    heat: float
    reporters: int
    supports: int
    count: int
    burst: float
    baseline: list[int]
    first: date
    last: date
    message_ids: list[int]
    sample: int = Field(
        1, description="1：读了全部留言；k：留言超过上限，每 k 条取 1 条计算（件数、人数为样本数）"
    )


@router.get(
    "/insight/hot", response=responses(list[TopicOut]), summary="热点：时段内的话题（对比自身基线的突增分）"
)
def hot(request, filters: Query[HotFilter]):
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看热点")
    end = filters.end or date.today()
    start = filters.start or end - timedelta(days=29)
    if start > end:
        raise Refused("period_reversed", "开始日期晚于结束日期")
    if (end - start).days > 366:
        raise Refused("period_too_long", "时段最长一年")
    topics = selectors.hot_topics(_scope_body(request.auth), start, end, filters.limit)
    return [
        {
            "rank": t.rank,
            "title": t.title,
            "terms": t.terms,
            "heat": t.heat,
            "reporters": t.reporters,
            "supports": t.supports,
            "count": t.count,
            "burst": t.burst,
            "baseline": t.baseline,
            "first": t.first,
            "last": t.last,
            "message_ids": [d.key for d in t.docs],
            "sample": t.sample,
        }
        for t in topics
    ]


class HintsIn(Schema):
    message: Text(20000)
    reply: Text(20000)
    asked_on: IsoDate | None = None
    due: IsoDate | None = None


class HintOut(Schema):
    axis: str
    ok: bool
    text: str
    figure: str


@router.post(
    "/insight/reply-hints",
    response=write_responses(list[HintOut]),
    summary="答复质量提示（相关性、完整性、可读性、及时性）",
)
def reply_hints(request, payload: HintsIn):
    require_business(request.auth)
    hints = selectors.reply_hints(
        payload.message, payload.reply, asked_on=payload.asked_on, replied_on=date.today(), due=payload.due
    )
    return [{"axis": h.axis, "ok": h.ok, "text": h.text, "figure": h.figure} for h in hints]
