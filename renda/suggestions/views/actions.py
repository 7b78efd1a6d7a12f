"""One POST endpoint per transition: parse, call the service, report. The service decides everything."""

from datetime import date

from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect

from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.views.refusals import refusal_response

from .. import forms, selectors, services
from . import typed


def _int(request, name: str) -> int:
    try:
        return int(request.POST.get(name, "0"))
    except ValueError:
        return 0


def _text(request, name: str, n: int = 5000) -> str:
    return (request.POST.get(name) or "")[:n]


def _unit(request, item, name: str) -> Unit | None:
    pk = _int(request, name)
    return Unit.objects.filter(pk=pk, body=item.body).first() if pk else None


def _form(form_class, request, **kw):
    f = form_class(request.POST, request.FILES, **kw)
    if not f.is_valid():
        _invalid(f)
    return f.cleaned_data


def _invalid(f) -> None:
    field, errors = next(iter(f.errors.items()))
    label = f"{f.fields[field].label}：" if field in f.fields else ""
    raise Refused("invalid_input", f"输入有误：{label}{errors[0]}")


def _date(request, name: str) -> date:
    try:
        return date.fromisoformat(request.POST.get(name, ""))
    except ValueError as exc:
        raise Refused("invalid_date", "请填写正确的日期") from exc


def _evaluate(request, item, by):
    d = _form(forms.EvaluationForm, request)
    return services.evaluate(
        item,
        reply_id=d["reply_id"],
        attitude=d["attitude"],
        result=d["result"],
        reason=d["reason"],
        cosigner_views=d["cosigner_views"],
        by=by,
    )


def _draft_reply(request, item, by):
    f = forms.ReplyForm(request.POST, request.FILES)
    if not f.is_valid():
        # The class and the document are the two things a reply cannot lack (§1.3 step 7): say which is missing.
        if "reply_class" in f.errors:
            raise Refused("reply_class_required", "请选择答复类别（A–E）")
        if "document" in f.errors and not request.FILES.get("document"):
            raise Refused("document_required", "请上传经负责人签署的答复函")
        _invalid(f)
    return services.draft_reply(item, **f.service_kwargs(), by=by)


def _hand_over(request, item, by):
    f = forms.HandOverForm(request.POST, units=Unit.objects.filter(body=item.body, active=True))
    if not f.is_valid():
        raise Refused("invalid_input", "请选择承办单位")
    return services.hand_over(item, **f.kwargs(), by=by)


def _decide_reconsideration(request, item, by):
    d = _form(forms.ReconsiderationDecisionForm, request)
    return services.decide_reconsideration(item, outcome=d["outcome"], reasons=d["reasons"], by=by)


HANDLERS = {
    "submit": lambda r, i, by: services.submit(i, by=by),
    "cosign": lambda r, i, by: services.cosign(i, by=by),
    "decline_cosign": lambda r, i, by: services.decline_cosign(i, reason=_text(r, "reason"), by=by),
    "agree_withdraw": lambda r, i, by: services.agree_withdraw(i, by=by),
    "cosigner_view": lambda r, i, by: services.cosigner_view(i, view=_text(r, "view", 2000), by=by),
    "withdraw_support": lambda r, i, by: services.withdraw_support(i, reason=_text(r, "reason"), by=by),
    "withdraw": lambda r, i, by: services.withdraw(i, reason=_text(r, "reason"), by=by),
    "accept": lambda r, i, by: services.accept(i, by=by),
    "not_accept": lambda r, i, by: services.not_accept(
        i, reason=_text(r, "reason", 30), note=_text(r, "note"), by=by
    ),
    "to_letter": lambda r, i, by: services.to_letter(i, note=_text(r, "note"), by=by),
    "review_motion": lambda r, i, by: services.review_motion(
        i, decision=_text(r, "decision", 20), reasons=_text(r, "reasons"), by=by
    ),
    "request_reconsideration": lambda r, i, by: services.request_reconsideration(
        i, reasons=_text(r, "reasons"), by=by
    ),
    "support_reconsideration": lambda r, i, by: services.support_reconsideration(i, by=by),
    "decide_reconsideration": _decide_reconsideration,
    "hand_over": _hand_over,
    "add_unit": lambda r, i, by: services.add_unit(
        i, unit=_unit(r, i, "unit") or _missing(), role=_text(r, "role", 10), by=by
    ),
    "accept_assignment": lambda r, i, by: services.accept_assignment(i, by=by),
    "request_return": lambda r, i, by: services.request_return(i, reason=_text(r, "reason"), by=by),
    "approve_return": lambda r, i, by: services.approve_return(
        i, assignment_id=_int(r, "assignment_id"), reassign_to=_unit(r, i, "reassign_to"), by=by
    ),
    "refuse_return": lambda r, i, by: services.refuse_return(
        i, assignment_id=_int(r, "assignment_id"), reason=_text(r, "reason"), by=by
    ),
    "record_contact": lambda r, i, by: services.record_contact(
        i,
        stage=_text(r, "stage", 10),
        on=_date(r, "on"),
        form=_text(r, "form", 10),
        content=_text(r, "content"),
        by=by,
    ),
    "give_opinion": lambda r, i, by: services.give_opinion(i, opinion=_text(r, "opinion"), by=by),
    "request_extension": lambda r, i, by: services.request_extension(
        i, months=_int(r, "months"), reason=_text(r, "reason"), by=by
    ),
    "decide_extension": lambda r, i, by: services.decide_extension(
        i, extension_id=_int(r, "extension_id"), approve=r.POST.get("approve") == "1", by=by
    ),
    "remind_cosigners": lambda r, i, by: services.remind_cosigners(i, by=by),
    "remind_cohandler": lambda r, i, by: services.remind_cohandlers(i, by=by),
    "draft_reply": _draft_reply,
    "approve_reply": lambda r, i, by: services.approve_reply(
        i, reply_id=_int(r, "reply_id"), note=_text(r, "note", 300), by=by
    ),
    "return_reply": lambda r, i, by: services.return_reply(
        i, reply_id=_int(r, "reply_id"), note=_text(r, "note", 300), by=by
    ),
    "evaluate": _evaluate,
    "record_escalation": lambda r, i, by: services.record_escalation(
        i, kind=_text(r, "kind", 10), note=_text(r, "note"), outcome=_text(r, "outcome"), by=by
    ),
    "add_promise": lambda r, i, by: services.add_promise(
        i, text=_text(r, "text", 300), due=_date(r, "due"), by=by
    ),
    "complete_promise": lambda r, i, by: services.complete_promise(
        i.promises.filter(pk=_int(r, "promise_id")).first() or _missing(),
        progress=_text(r, "progress"),
        done=r.POST.get("done") == "1",
        by=by,
    ),
    "close": lambda r, i, by: services.close(i, note=_text(r, "note"), by=by),
    "publish": lambda r, i, by: services.publish(i, by=by),
    "unpublish": lambda r, i, by: services.unpublish(i, reason=_text(r, "reason"), by=by),
}

DONE = {
    "submit": "已提交",
    "accept": "已受理登记",
    "hand_over": "已交办",
    "accept_assignment": "已签收",
    "draft_reply": "答复稿已报负责人审核",
    "remind_cosigners": "已提醒尚未确认的附议代表",
    "remind_cohandler": "已催办尚未提出意见的协办单位",
    "approve_reply": "答复已签发",
    "evaluate": "评价已提交",
    "publish": "已公开到门户",
    "close": "已办结",
    "request_reconsideration": "复议申请已提出，请附议代表联名支持",
    "support_reconsideration": "已联名支持复议",
    "decide_reconsideration": "复议决定已记录",
}


def _missing():
    raise Refused("not_found", "记录不存在")


def act(request: HttpRequest, pk: int, action: str):
    """POST /work/suggestions/<pk>/act/<action>/ → the service of that name; refusals are audited."""
    item = selectors.get_item(request.user, pk)
    back = request.POST.get("next") or ""
    if not back.startswith("/work/"):
        back = f"/work/suggestions/{item.pk}/"
    if request.method != "POST":
        return redirect(back)
    handler = HANDLERS.get(action)
    if handler is None:
        return refusal_response(request, Refused("action_unknown", "未知的操作"), redirect_to=back)
    try:
        handler(request, item, request.user)
    except Refused as exc:
        typed.keep(request, pk=item.pk, action=action)
        return refusal_response(request, exc, redirect_to=back, action=f"suggestion.{action}")
    messages.success(request, DONE.get(action, "已保存"))
    return redirect(back)
