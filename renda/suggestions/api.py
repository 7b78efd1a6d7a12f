"""Suggestions over the API: list and detail in the caller's scope, and the transitions as POSTs that call the
same services as the pages (so permissions, states and deadlines are checked once)."""

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import File, Form, Path, Query, Router, Schema, UploadedFile
from ninja.errors import ValidationError
from pydantic import Field

from renda.api.schema import IsoDate, Text, responses, write_responses
from renda.core.errors import Refused
from renda.core.models import Unit

from . import forms, permissions, selectors, services, workflow
from .models import Publication, ReplyStatus, Suggestion

router = Router(tags=["建议议案"])


class SuggestionItemOut(Schema):
    id: int
    number: str
    year: int
    kind: str
    title: str
    state: str
    state_label: str
    round: int
    lead: str
    body_id: int
    is_priority: bool
    due_state: str
    handover_due: date | None
    reply_due: date | None
    feedback_due: date | None
    submitted_at: datetime | None


class SuggestionPage(Schema):
    count: int
    items: list[SuggestionItemOut]


class SuggestionAssignmentOut(Schema):
    id: int
    unit_id: int
    unit: str
    role: str
    status: str
    return_due: date
    on_time: bool | None
    reply_class: str


class SuggestionReplyOut(Schema):
    id: int
    unit: str
    round: int
    reply_class: str
    status: str
    sent_on: date | None
    content: str
    attitude: str | None
    result: str | None


class SuggestionTimelineOut(Schema):
    at: datetime
    action: str
    label: str
    actor: str
    state_from: str
    state_to: str


class SuggestionDetailOut(SuggestionItemOut):
    facts: str
    proposals: str
    cosigners: list[str]
    assignments: list[SuggestionAssignmentOut]
    replies: list[SuggestionReplyOut]
    timeline: list[SuggestionTimelineOut]
    allowed: list[str]


class SuggestionListFilter(Schema):
    q: Text(50) = ""
    state: Text(20) = ""
    year: int | None = Field(None, ge=2000, le=2100)
    priority: bool = False
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=1_000_000)


class SuggestionIdPath(Schema):
    pk: int = Field(ge=1, le=2_147_483_647)


def _item(s: Suggestion) -> dict:
    return {
        "id": s.pk,
        "number": s.number,
        "year": s.year,
        "kind": s.kind,
        "title": s.title,
        "state": s.state,
        "state_label": s.get_state_display(),
        "round": s.round,
        "lead": s.lead.person.name,
        "body_id": s.body_id,
        "is_priority": s.is_priority,
        "due_state": s.due_state,
        "handover_due": s.handover_due,
        "reply_due": s.reply_due,
        "feedback_due": s.feedback_due,
        "submitted_at": s.submitted_at,
    }


@router.get("/suggestions", response=responses(SuggestionPage), summary="建议议案列表（按数据范围）")
def list_items(request, filters: Query[SuggestionListFilter]):
    qs = selectors.search(
        request.auth, q=filters.q, state=filters.state, year=filters.year, priority=filters.priority
    )
    rows = list(qs[filters.offset : filters.offset + filters.limit])
    return {"count": qs.count(), "items": [_item(s) for s in rows]}


def _visible_replies(user, s: Suggestion) -> list:
    """As on the item's page: sent replies, the caller's own unit's drafts, and everything for staff in scope."""
    qs = s.replies.select_related("unit", "evaluation")
    if permissions.in_body_scope(user, s):
        return list(qs)
    return [r for r in qs if r.status == ReplyStatus.SENT or r.unit_id == getattr(user, "unit_id", -1)]


def _detail(user, pk: int) -> dict:
    s = selectors.get_item(user, pk)
    replies = _visible_replies(user, s)
    return {
        **_item(s),
        "facts": s.facts,
        "proposals": s.proposals,
        "cosigners": [c.mandate.person.name for c in s.cosigners.select_related("mandate__person")],
        "assignments": [
            {
                "id": a.pk,
                "unit_id": a.unit_id,
                "unit": a.unit.name,
                "role": a.role,
                "status": a.status,
                "return_due": a.return_due,
                "on_time": a.on_time,
                "reply_class": a.reply_class,
            }
            for a in s.assignments.select_related("unit")
        ],
        "replies": [
            {
                "id": r.pk,
                "unit": r.unit.name,
                "round": r.round,
                "reply_class": r.reply_class,
                "status": r.status,
                "sent_on": r.sent_on,
                "content": r.content,
                "attitude": getattr(getattr(r, "evaluation", None), "attitude", None),
                "result": getattr(getattr(r, "evaluation", None), "result", None),
            }
            for r in replies
        ],
        "timeline": [
            {
                "at": t.at,
                "action": t.action,
                "label": t.label,
                "actor": t.actor_name,
                "state_from": t.state_from,
                "state_to": t.state_to,
            }
            for t in s.timeline.all()
        ],
        "allowed": [st.action for st in workflow.allowed(s, user)],
    }


@router.get(
    "/suggestions/{pk}", response=responses(SuggestionDetailOut), summary="建议议案详情、答复和办理记录"
)
def detail(request, path: Path[SuggestionIdPath]):
    return _detail(request.auth, path.pk)


class SuggestionDraftIn(Schema):
    mandate_id: int = Field(ge=1, le=2_147_483_647)
    title: Text(120, min_length=1)
    facts: Text(20000, min_length=1)
    proposals: Text(20000) = ""
    contact: Text(60) = ""
    kind: Text(12) = "suggestion"
    period: Text(10) = "interim"
    private: bool = False
    cosigner_ids: list[int] = Field(default_factory=list, max_length=100)


@router.post(
    "/suggestions",
    response=write_responses(SuggestionDetailOut),
    summary="起草建议（代表本人，或工作人员代为录入）",
)
def create(request, data: SuggestionDraftIn):
    from renda.deputies.models import Mandate

    from .models import Kind, Period

    if data.kind not in Kind.values or data.period not in Period.values:
        raise Refused("invalid_input", "类别或提出时间不正确")
    mandate = get_object_or_404(Mandate.objects.select_related("person", "body"), pk=data.mandate_id)
    cos = list(Mandate.objects.filter(pk__in=data.cosigner_ids))
    if len(cos) != len(set(data.cosigner_ids)):
        raise Refused("cosigner_not_deputy_of_body", "附议代表不存在")
    item = services.create_draft(
        mandate=mandate,
        title=data.title,
        content=data.facts,
        proposals=data.proposals,
        contact=data.contact,
        kind=data.kind,
        period=data.period,
        private=data.private,
        cosigners=cos,
        by=request.auth,
    )
    return _detail(request.auth, item.pk)


class SuggestionTransitionIn(Schema):
    reason: Text(2000) = ""
    note: Text(2000) = ""
    decision: Text(20) = ""
    lead_unit: int | None = Field(None, ge=1, le=2_147_483_647)
    co_units: list[int] = Field(default_factory=list, max_length=50)
    separate_units: list[int] = Field(default_factory=list, max_length=50)
    assignment_id: int | None = Field(None, ge=1, le=2_147_483_647)
    reply_id: int | None = Field(None, ge=1, le=2_147_483_647)
    attitude: Text(12) = ""
    result: Text(12) = ""
    months: int = Field(0, ge=0, le=12)
    stage: Text(10) = ""
    form: Text(10) = ""
    on: IsoDate | None = None
    content: Text(5000) = ""


class SuggestionActionPath(Schema):
    pk: int = Field(ge=1, le=2_147_483_647)
    action: Text(30)


def _units(item: Suggestion, ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=ids, body=item.body))
    if len(units) != len(set(ids)):
        raise Refused("unit_not_of_body", "承办单位不存在或不属于该人大机关")
    return units


def _require(v, name: str):
    if v is None:
        raise Refused("field_required", f"缺少参数：{name}")
    return v


API_ACTIONS = {
    "submit": lambda i, d, by: services.submit(i, by=by),
    "cosign": lambda i, d, by: services.cosign(i, by=by),
    "decline_cosign": lambda i, d, by: services.decline_cosign(i, reason=d.reason, by=by),
    "agree_withdraw": lambda i, d, by: services.agree_withdraw(i, by=by),
    "cosigner_view": lambda i, d, by: services.cosigner_view(i, view=d.content, by=by),
    "withdraw": lambda i, d, by: services.withdraw(i, reason=d.reason, by=by),
    "withdraw_support": lambda i, d, by: services.withdraw_support(i, reason=d.reason, by=by),
    "accept": lambda i, d, by: services.accept(i, by=by),
    "not_accept": lambda i, d, by: services.not_accept(i, reason=d.reason, note=d.note, by=by),
    "to_letter": lambda i, d, by: services.to_letter(i, note=d.note, by=by),
    "review_motion": lambda i, d, by: services.review_motion(i, decision=d.decision, reasons=d.reason, by=by),
    "hand_over": lambda i, d, by: services.hand_over(
        i,
        lead=(_units(i, [d.lead_unit])[0] if d.lead_unit else None),
        co=_units(i, d.co_units),
        separate=_units(i, d.separate_units),
        by=by,
    ),
    "accept_assignment": lambda i, d, by: services.accept_assignment(i, by=by),
    "request_return": lambda i, d, by: services.request_return(i, reason=d.reason, by=by),
    "approve_return": lambda i, d, by: services.approve_return(
        i, assignment_id=_require(d.assignment_id, "assignment_id"), by=by
    ),
    "refuse_return": lambda i, d, by: services.refuse_return(
        i, assignment_id=_require(d.assignment_id, "assignment_id"), reason=d.reason, by=by
    ),
    "record_contact": lambda i, d, by: services.record_contact(
        i, stage=d.stage, on=_require(d.on, "on"), form=d.form, content=d.content, by=by
    ),
    "request_extension": lambda i, d, by: services.request_extension(
        i, months=d.months, reason=d.reason, by=by
    ),
    "approve_reply": lambda i, d, by: services.approve_reply(
        i, reply_id=_require(d.reply_id, "reply_id"), note=d.note[:300], by=by
    ),
    "return_reply": lambda i, d, by: services.return_reply(
        i, reply_id=_require(d.reply_id, "reply_id"), note=d.note[:300], by=by
    ),
    "evaluate": lambda i, d, by: services.evaluate(
        i,
        reply_id=_require(d.reply_id, "reply_id"),
        attitude=d.attitude,
        result=d.result,
        reason=d.reason,
        by=by,
    ),
    "close": lambda i, d, by: services.close(i, note=d.note, by=by),
    "publish": lambda i, d, by: services.publish(i, by=by),
    "request_reconsideration": lambda i, d, by: services.request_reconsideration(i, reasons=d.reason, by=by),
    "support_reconsideration": lambda i, d, by: services.support_reconsideration(i, by=by),
    "decide_reconsideration": lambda i, d, by: services.decide_reconsideration(
        i, outcome=d.decision, reasons=d.reason, by=by
    ),
}


@router.post(
    "/suggestions/{pk}/transitions/{action}",
    response=write_responses(SuggestionDetailOut),
    summary="办理操作（与页面调用同一服务；拟写答复须上传答复函，见 POST /suggestions/{pk}/replies）",
    description="action 取值：" + "、".join(sorted(API_ACTIONS)) + "。议案复议：request_reconsideration"
    "（领衔代表，reason 为理由）、support_reconsideration（附议代表联名）、decide_reconsideration"
    "（工作人员记录主席团决定，decision 为 uphold 或 file，reason 为理由）。",
)
def transition(request, path: Path[SuggestionActionPath], data: SuggestionTransitionIn):
    item = selectors.get_item(request.auth, path.pk)
    if path.action == "draft_reply":
        raise Refused(
            "use_reply_upload", f"拟写答复须上传答复函：请使用 POST /api/v1/suggestions/{item.pk}/replies"
        )
    fn = API_ACTIONS.get(path.action)
    if fn is None:
        raise Refused("action_unknown", "未知的操作；可用：" + "、".join(sorted(API_ACTIONS)))
    fn(item, data, request.auth)
    return _detail(request.auth, item.pk)


class SuggestionReplyIn(Schema):
    """The fields of the page's reply form (forms.ReplyForm), with the same bounds."""

    reply_class: Literal["A", "B", "C", "D"] = Field(
        description="答复类别：A 已解决或基本解决 / B 正在解决 / C 列入计划逐步解决 / D 因条件限制留作参考"
    )
    content: Text(20000, min_length=1)
    document_number: Text(60) = ""
    cohandler_views: Text(5000) = ""


@router.post(
    "/suggestions/{pk}/replies",
    response=write_responses(SuggestionDetailOut),
    summary="承办单位拟写答复并上传答复函（multipart），报单位负责人审核签发",
    description="与页面同一表单校验和同一服务：须选答复类别；答复函按内容检查，须为 PDF、OFD、Word 或 "
    "JPEG/PNG 图片，不超过 20MB。负责人随后用 transitions/approve_reply 或 return_reply 审核。",
)
def draft_reply(
    request, path: Path[SuggestionIdPath], data: Form[SuggestionReplyIn], document: File[UploadedFile]
):
    item = selectors.get_item(request.auth, path.pk)
    f = forms.ReplyForm(data=data.model_dump(), files={"document": document})
    if not f.is_valid():
        raise ValidationError(
            [
                {"loc": ["form", field], "msg": str(errors[0]), "type": "value_error"}
                for field, errors in f.errors.items()
            ]
        )
    services.draft_reply(item, **f.service_kwargs(), by=request.auth)
    return _detail(request.auth, item.pk)


class PublicSuggestionOut(Schema):
    id: int
    number: str
    year: int
    title: str
    deputies: str
    units: str
    state_label: str
    facts: str
    proposals: str
    replies: list[dict]
    ratings: list[dict]


class PublicSuggestionPage(Schema):
    count: int
    items: list[PublicSuggestionOut]


class PublicSuggestionFilter(Schema):
    q: Text(50) = ""
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


def _pub(p: Publication) -> dict:
    return {
        k: getattr(p, k)
        for k in (
            "id",
            "number",
            "year",
            "title",
            "deputies",
            "units",
            "state_label",
            "facts",
            "proposals",
            "replies",
            "ratings",
        )
    }


@router.get(
    "/public/suggestions",
    response=responses(PublicSuggestionPage, public=True),
    auth=None,
    summary="已公开的建议、答复和评价",
)
def public_list(request, filters: Query[PublicSuggestionFilter]):
    qs = Publication.objects.filter(withdrawn=False)
    if filters.q:
        qs = qs.filter(search_text__icontains=filters.q)
    return {
        "count": qs.count(),
        "items": [_pub(p) for p in qs[filters.offset : filters.offset + filters.limit]],
    }


@router.get(
    "/public/suggestions/{pk}",
    response=responses(PublicSuggestionOut, public=True),
    auth=None,
    summary="一件已公开的建议",
)
def public_detail(request, path: Path[SuggestionIdPath]):
    return _pub(get_object_or_404(Publication, pk=path.pk, withdrawn=False))
