"""The one action table of suggestions: what each action reads and which service it calls.

The item's page (views/actions.py) and the API (POST /api/v1/suggestions/{pk}/transitions/{action}) both
look an action up here, parse what was sent into one `ActionIn`, and call the same function; the success
message is the workflow step's label. A page form whose messages are more specific than the schema's
(`page_form`) validates first and hands its cleaned data on through `page_values`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ninja import Field, Schema

from renda.api.schema import IsoDate, Text
from renda.core.errors import Refused
from renda.core.models import Unit

from . import forms, services, workflow
from .models import Suggestion

Id = int | None


def _id():
    return Field(None, ge=1, le=2_147_483_647)


class ActionIn(Schema):
    """Everything an action may carry; each action reads the fields it needs (the rest stay empty)."""

    reason: Text(5000) = ""
    note: Text(5000) = ""
    content: Text(5000) = ""
    decision: Text(20) = ""
    lead_unit: Id = _id()
    co_units: list[int] = Field(default_factory=list, max_length=50)
    separate_units: list[int] = Field(default_factory=list, max_length=50)
    assignment_id: Id = _id()
    reply_id: Id = _id()
    promise_id: Id = _id()
    extension_id: Id = _id()
    unit: Id = _id()
    reassign_to: Id = _id()
    role: Text(10) = ""
    attitude: Text(12) = ""
    result: Text(12) = ""
    cosigner_views: Text(5000) = ""
    months: int = Field(0, ge=0, le=12)
    stage: Text(10) = ""
    form: Text(10) = ""
    kind: Text(10) = ""
    outcome: Text(2000) = ""
    on: IsoDate | None = None
    due: IsoDate | None = None
    done: bool = False
    approve: bool = False


# What the page's form fields are called where the API names the same thing differently.
PAGE_ALIASES = {
    "reasons": "reason",
    "view": "content",
    "text": "content",
    "progress": "content",
    "opinion": "content",
}
LABELS = {
    "reason": "理由",
    "note": "说明",
    "content": "内容",
    "on": "日期",
    "due": "完成时限",
    "months": "延期月数",
    "co_units": "协办单位",
    "separate_units": "分办单位",
}


def _need(value, name: str):
    if value is None:
        raise Refused("field_required", f"缺少{LABELS.get(name, '参数')}（{name}）")
    return value


def _units(item: Suggestion, ids: list[int]) -> list[Unit]:
    units = list(Unit.objects.filter(pk__in=ids, body=item.body))
    if len(units) != len(set(ids)):
        raise Refused("unit_not_of_body", "承办单位不存在或不属于该人大机关")
    return units


def _unit(item: Suggestion, pk: int | None) -> Unit | None:
    return _units(item, [pk])[0] if pk else None


def submit(item, d, by):
    return services.submit(item, by=by)


def cosign(item, d, by):
    return services.cosign(item, by=by)


def decline_cosign(item, d, by):
    return services.decline_cosign(item, reason=d.reason, by=by)


def agree_withdraw(item, d, by):
    return services.agree_withdraw(item, by=by)


def cosigner_view(item, d, by):
    return services.cosigner_view(item, view=d.content, by=by)


def withdraw(item, d, by):
    return services.withdraw(item, reason=d.reason, by=by)


def withdraw_support(item, d, by):
    return services.withdraw_support(item, reason=d.reason, by=by)


def remind_cosigners(item, d, by):
    return services.remind_cosigners(item, by=by)


def accept(item, d, by):
    return services.accept(item, by=by)


def not_accept(item, d, by):
    return services.not_accept(item, reason=d.reason, note=d.note, by=by)


def to_letter(item, d, by):
    return services.to_letter(item, note=d.note, by=by)


def review_motion(item, d, by):
    return services.review_motion(item, decision=d.decision, reasons=d.reason, by=by)


def request_reconsideration(item, d, by):
    return services.request_reconsideration(item, reasons=d.reason, by=by)


def support_reconsideration(item, d, by):
    return services.support_reconsideration(item, by=by)


def decide_reconsideration(item, d, by):
    return services.decide_reconsideration(item, outcome=d.decision, reasons=d.reason, by=by)


def hand_over(item, d, by):
    if d.separate_units:
        return services.hand_over(item, separate=_units(item, d.separate_units), by=by)
    return services.hand_over(item, lead=_unit(item, d.lead_unit), co=_units(item, d.co_units), by=by)


def add_unit(item, d, by):
    return services.add_unit(item, unit=_unit(item, _need(d.unit, "unit")), role=d.role, by=by)


def accept_assignment(item, d, by):
    return services.accept_assignment(item, by=by)


def request_return(item, d, by):
    return services.request_return(item, reason=d.reason, by=by)


def approve_return(item, d, by):
    return services.approve_return(
        item,
        assignment_id=_need(d.assignment_id, "assignment_id"),
        reassign_to=_unit(item, d.reassign_to),
        by=by,
    )


def refuse_return(item, d, by):
    return services.refuse_return(
        item, assignment_id=_need(d.assignment_id, "assignment_id"), reason=d.reason, by=by
    )


def record_contact(item, d, by):
    return services.record_contact(
        item, stage=d.stage, on=_need(d.on, "on"), form=d.form, content=d.content, by=by
    )


def give_opinion(item, d, by):
    return services.give_opinion(item, opinion=d.content, by=by)


def remind_cohandler(item, d, by):
    return services.remind_cohandlers(item, by=by)


def request_extension(item, d, by):
    return services.request_extension(item, months=d.months, reason=d.reason, by=by)


def decide_extension(item, d, by):
    return services.decide_extension(
        item, extension_id=_need(d.extension_id, "extension_id"), approve=d.approve, by=by
    )


def approve_reply(item, d, by):
    return services.approve_reply(item, reply_id=_need(d.reply_id, "reply_id"), note=d.note, by=by)


def return_reply(item, d, by):
    return services.return_reply(item, reply_id=_need(d.reply_id, "reply_id"), note=d.note, by=by)


def evaluate(item, d, by):
    return services.evaluate(
        item,
        reply_id=_need(d.reply_id, "reply_id"),
        attitude=d.attitude,
        result=d.result,
        reason=d.reason,
        cosigner_views=d.cosigner_views,
        by=by,
    )


def add_promise(item, d, by):
    return services.add_promise(item, text=d.content, due=_need(d.due, "due"), by=by)


def complete_promise(item, d, by):
    promise = item.promises.filter(pk=_need(d.promise_id, "promise_id")).first()
    if promise is None:
        raise Refused("not_found", "记录不存在")
    return services.complete_promise(promise, progress=d.content, done=d.done, by=by)


def record_escalation(item, d, by):
    return services.record_escalation(item, kind=d.kind, note=d.note, outcome=d.outcome, by=by)


def close(item, d, by):
    return services.close(item, note=d.note, by=by)


def publish(item, d, by):
    return services.publish(item, by=by)


def unpublish(item, d, by):
    return services.unpublish(item, reason=d.reason, by=by)


def _hand_over_form(data, item):
    return forms.HandOverForm(data, units=Unit.objects.filter(body=item.body, active=True))


def _decision_form(data, item):
    return forms.ReconsiderationDecisionForm(data)


def _evaluation_form(data, item):
    return forms.EvaluationForm(data)


def _evaluation_values(f) -> dict:
    return f.cleaned_data


def _draft_reply_page(request, item, by):
    f = forms.ReplyForm(request.POST, request.FILES)
    if not f.is_valid():
        # The class and the document are the two things a reply cannot lack (§1.3 step 7): say which is missing.
        if "reply_class" in f.errors:
            raise Refused("reply_class_required", "请选择答复类别（A–E）")
        if "document" in f.errors and not request.FILES.get("document"):
            raise Refused("document_required", "请上传经负责人签署的答复函")
        field, errors = next(iter(f.errors.items()))
        raise Refused("invalid_input", f"输入有误：{f.fields[field].label}：{errors[0]}")
    return services.draft_reply(item, **f.service_kwargs(), by=by)


def draft_reply(item, d, by):
    raise Refused(
        "use_reply_upload", f"拟写答复须上传答复函：请使用 POST /api/v1/suggestions/{item.pk}/replies"
    )


def _hand_over_values(f) -> dict:
    d = f.cleaned_data
    if d["mode"] == "separate":
        return {"separate_units": [u.pk for u in d["separate"]]}
    return {"lead_unit": d["lead"].pk if d["lead"] else None, "co_units": [u.pk for u in d["co"]]}


def _decision_values(f) -> dict:
    return {"decision": f.cleaned_data["outcome"], "reason": f.cleaned_data["reasons"]}


@dataclass(frozen=True)
class Action:
    run: Callable[[Suggestion, ActionIn, Any], Any]
    done: str = ""  # the success message, when the step's label alone says too little
    api: bool = True  # draft_reply carries a file: the API has its own multipart operation for it
    page_form: Callable | None = None  # (data, item) → a form whose errors the page shows as they are
    page_values: Callable | None = None  # the page form's cleaned data → ActionIn fields
    page_run: Callable | None = None  # (request, item, by): an action whose page posts a file

    @property
    def name(self) -> str:
        return self.run.__name__


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(submit, done="已提交"),
        Action(cosign),
        Action(decline_cosign),
        Action(agree_withdraw),
        Action(cosigner_view),
        Action(withdraw),
        Action(withdraw_support),
        Action(remind_cosigners, done="已提醒尚未确认的附议代表"),
        Action(accept, done="已受理登记"),
        Action(not_accept),
        Action(to_letter),
        Action(review_motion),
        Action(request_reconsideration, done="复议申请已提出，请附议代表联名支持"),
        Action(support_reconsideration, done="已联名支持复议"),
        Action(add_unit),
        Action(accept_assignment, done="已签收"),
        Action(request_return),
        Action(approve_return),
        Action(refuse_return),
        Action(record_contact),
        Action(give_opinion),
        Action(remind_cohandler, done="已催办尚未提出意见的协办单位"),
        Action(request_extension),
        Action(decide_extension),
        Action(approve_reply, done="答复已签发"),
        Action(return_reply),
        Action(hand_over, done="已交办", page_form=_hand_over_form, page_values=_hand_over_values),
        Action(
            decide_reconsideration,
            done="复议决定已记录",
            page_form=_decision_form,
            page_values=_decision_values,
        ),
        Action(draft_reply, done="答复稿已报负责人审核", api=False, page_run=_draft_reply_page),
        Action(evaluate, done="评价已提交", page_form=_evaluation_form, page_values=_evaluation_values),
        Action(add_promise),
        Action(complete_promise),
        Action(record_escalation),
        Action(close, done="已办结"),
        Action(publish, done="已公开到门户"),
        Action(unpublish),
    )
}
API_ACTIONS = sorted(name for name, a in ACTIONS.items() if a.api)


def success_message(name: str) -> str:
    action = ACTIONS[name]
    if action.done:
        return action.done
    step = workflow.SUGGESTION.by_action.get(name)
    return f"已{step.label}" if step else "已保存"


def from_post(name: str, item: Suggestion, post) -> ActionIn:
    """The page's POST as the action's input: its own form first where it has one, then the schema."""
    action = ACTIONS[name]
    if action.page_form is not None:
        f = action.page_form(post, item)
        if not f.is_valid():
            field, errors = next(iter(f.errors.items()))
            label = f"{f.fields[field].label}：" if field in f.fields else ""
            raise Refused("invalid_input", f"输入有误：{label}{errors[0]}")
        return ActionIn(**action.page_values(f))
    raw: dict = {}
    for key in post:
        name_in = PAGE_ALIASES.get(key, key)
        if name_in not in ActionIn.model_fields:
            continue
        values = post.getlist(key)
        many = name_in in ("co_units", "separate_units")
        raw[name_in] = [v for v in values if v] if many else values[-1]
    raw = {k: v for k, v in raw.items() if v != ""}  # an empty field is the field's default
    try:
        return ActionIn.model_validate(raw)
    except ValueError as exc:  # pydantic's ValidationError
        field = str(exc.errors()[0]["loc"][0]) if hasattr(exc, "errors") else ""
        raise Refused("invalid_input", f"输入有误：{LABELS.get(field, field)}") from exc


def run(name: str, item: Suggestion, data: ActionIn, *, by):
    action = ACTIONS.get(name)
    if action is None:
        raise Refused("action_unknown", "未知的操作；可用：" + "、".join(API_ACTIONS))
    return action.run(item, data, by)
