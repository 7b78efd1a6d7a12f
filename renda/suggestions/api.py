"""Suggestions over the API: list and detail in the caller's scope, and the transitions as POSTs that call the
same services as the pages (so permissions, states and deadlines are checked once)."""

from datetime import date, datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import File, Form, Path, Query, Router, Schema, UploadedFile
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Page, PublicPage, Rows, Text, responses, upload_responses, write_responses
from renda.core.errors import Refused

from . import actions, forms, permissions, selectors, services, workflow
from .models import Publication, Suggestion

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


@router.get("/suggestions", response=responses(list[SuggestionItemOut]), summary="建议议案列表（按数据范围）")
@paginate(Page)
def list_items(request, filters: Query[SuggestionListFilter]):
    qs = selectors.search(
        request.auth, q=filters.q, state=filters.state, year=filters.year, priority=filters.priority
    )
    return Rows(qs, _item)


def _visible_replies(user, s: Suggestion) -> list:
    """As on the item's page: sent replies, the caller's own unit's drafts, and everything for staff in scope."""
    return [
        r for r in s.replies.select_related("unit", "evaluation") if permissions.can_read_reply(user, s, r)
    ]


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


class SuggestionActionPath(Schema):
    pk: int = Field(ge=1, le=2_147_483_647)
    action: Text(30)


@router.post(
    "/suggestions/{pk}/transitions/{action}",
    response=write_responses(SuggestionDetailOut),
    summary="办理操作（与页面调用同一服务；拟写答复须上传答复函，见 POST /suggestions/{pk}/replies）",
    description="action 取值：" + "、".join(actions.API_ACTIONS) + "。议案复议：request_reconsideration"
    "（领衔代表，reason 为理由）、support_reconsideration（附议代表联名）、decide_reconsideration"
    "（工作人员记录主席团决定，decision 为 uphold 或 file，reason 为理由）。",
)
def transition(request, path: Path[SuggestionActionPath], data: actions.ActionIn):
    item = selectors.get_item(request.auth, path.pk)
    actions.run(path.action, item, data, by=request.auth)
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
    response=upload_responses(SuggestionDetailOut),
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


class PublicSuggestionFilter(Schema):
    q: Text(50) = ""


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
    response=responses(list[PublicSuggestionOut], public=True),
    auth=None,
    summary="已公开的建议、答复和评价",
)
@paginate(PublicPage)
def public_list(request, filters: Query[PublicSuggestionFilter]):
    qs = Publication.objects.filter(withdrawn=False)
    if filters.q:
        qs = qs.filter(search_text__icontains=filters.q)
    return Rows(qs, _pub)


@router.get(
    "/public/suggestions/{pk}",
    response=responses(PublicSuggestionOut, public=True),
    auth=None,
    summary="一件已公开的建议",
)
def public_detail(request, path: Path[SuggestionIdPath]):
    return _pub(get_object_or_404(Publication, pk=path.pk, withdrawn=False))
