"""Steps 4, 6, 7 and 11 while a unit works: contacts with the deputy, co-handlers' opinions, extensions,
and the promised-items ledger."""

from datetime import date

from django.db import transaction

from renda.core import deadlines
from renda.core.errors import NotPermitted, Refused

from .. import permissions, workflow
from ..models import (
    AssignmentStatus,
    Contact,
    ContactForm,
    ContactStage,
    Extension,
    ExtensionStatus,
    Promise,
    Suggestion,
    UnitRole,
)
from .common import lock, log, policy, require_text, today
from .notices import send_all, staff_users, unit_users


@transaction.atomic
def record_contact(item: Suggestion, *, stage: str, on: date, form: str, content: str, by) -> Contact:
    """办前/办中/办后沟通: date, form and content, shown to the deputy (§1.3 step 6)."""
    lock(item)
    workflow.require(item, "record_contact", by)
    a = permissions.require_assignment(by, item)
    if stage not in ContactStage.values or form not in ContactForm.values:
        raise Refused("contact_fields", "请选择沟通阶段和方式")
    if on > today():
        raise Refused("date_in_future", "沟通日期不能晚于今天")
    if on < a.assigned_on:
        raise Refused("date_before_handover", "沟通日期不能早于交办日期")
    content = require_text(content, "content_required", "请填写沟通内容")
    c = Contact.objects.create(
        suggestion=item, unit=a.unit, stage=stage, on=on, form=form, content=content, by=by
    )
    log(
        item,
        "record_contact",
        f"{a.unit}{c.get_stage_display()}（{c.get_form_display()}）",
        by=by,
        note=content,
    )
    return c


@transaction.atomic
def give_opinion(item: Suggestion, *, opinion: str, by):
    """A co-handler's written opinion to the lead unit within its deadline (§1.3 step 4)."""
    lock(item)
    workflow.require(item, "give_opinion", by)
    a = permissions.require_assignment(by, item)
    if a.role != UnitRole.CO:
        raise Refused("not_cohandler", "只有协办单位需要提交协办意见")
    if a.status != AssignmentStatus.ACCEPTED:
        raise Refused("accept_first", "请先签收")
    a.opinion = require_text(opinion, "content_required", "请填写协办意见")
    a.opinion_on = today()
    a.save(update_fields=["opinion", "opinion_on"])
    late = a.cohandler_due and a.opinion_on > a.cohandler_due
    log(item, "give_opinion", f"{a.unit}提交协办意见{'（逾期）' if late else ''}", by=by, note=a.opinion)
    lead = item.assignments.filter(role=UnitRole.LEAD).exclude(status=AssignmentStatus.RETURNED).first()
    if lead:
        send_all(unit_users(lead.unit_id), item, title=f"收到协办意见：{item.title}", body=f"{a.unit}")
    return a


@transaction.atomic
def request_extension(item: Suggestion, *, months: int, reason: str, by) -> Extension:
    """Ask the hand-over body for more time; the total stays within 3 months + the policy maximum."""
    lock(item)
    workflow.require(item, "request_extension", by)
    a = permissions.require_assignment(by, item)
    if not a.replies_to_deputy:
        raise Refused("not_replying_unit", "只有主办或分办单位可以申请延期")
    reason = require_text(reason, "reason_required", "申请延期须说明理由")
    p = policy(item)
    pending = sum(item.extensions.filter(status=ExtensionStatus.PENDING).values_list("months", flat=True))
    if months < 1 or item.extended_months + pending + months > p.extension_max_months:
        left = p.extension_max_months - item.extended_months - pending
        raise Refused(
            "extension_over_maximum",
            f"延期合计不能超过{p.extension_max_months}个月（总期限不超过{p.reply_months + p.extension_max_months}"
            f"个月），还可申请{max(left, 0)}个月",
        )
    e = Extension.objects.create(
        suggestion=item, unit=a.unit, months=months, reason=reason, requested_by=by, requested_on=today()
    )
    log(item, "request_extension", f"{a.unit}申请延期{months}个月", by=by, note=reason)
    send_all(staff_users(item), item, title=f"延期申请：{item.title}", body=f"{a.unit}申请延期{months}个月")
    return e


@transaction.atomic
def decide_extension(item: Suggestion, *, extension_id: int, approve: bool, by, note: str = "") -> Extension:
    lock(item)
    workflow.require(item, "decide_extension", by)
    permissions.require_body_scope(by, item)
    e = item.extensions.filter(pk=extension_id, status=ExtensionStatus.PENDING).first()
    if e is None:
        raise Refused("no_pending_extension", "没有待审批的延期申请")
    p = policy(item)
    e.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    e.decided_by, e.decided_on = by, today()
    e.save(update_fields=["status", "decided_by", "decided_on"])
    if approve:
        if item.extended_months + e.months > p.extension_max_months:
            raise Refused("extension_over_maximum", f"延期合计不能超过{p.extension_max_months}个月")
        item.extended_months += e.months
        total = p.reply_months + item.extended_months
        deadlines.set_due(
            item,
            "reply_due",
            start=item.handed_over_on,
            amount=total,
            unit="months",
            cite=f"{workflow.step('decide_extension').cite}（{p.reply_months} 个月，"
            f"经同意延期 {item.extended_months} 个月）",
        )
        item.save(update_fields=["extended_months", "reply_due", "updated_at"])
    log(
        item,
        "decide_extension",
        f"{'同意' if approve else '不同意'}{e.unit}延期{e.months}个月",
        by=by,
        note=note,
    )
    send_all(unit_users(e.unit_id), item, title=f"延期申请{'已同意' if approve else '未同意'}：{item.title}")
    return e


@transaction.atomic
def add_promise(item: Suggestion, *, text: str, due: date, by) -> Promise:
    """One entry in the promised-items ledger (承诺事项台账, §1.3 step 11)."""
    lock(item)
    workflow.require(item, "add_promise", by)
    a = permissions.require_assignment(by, item)
    text = require_text(text, "content_required", "请填写承诺事项")
    if due < today():
        raise Refused("date_in_past", "承诺完成时间不能早于今天")
    pr = Promise.objects.create(suggestion=item, unit=a.unit, text=text[:300], due=due, by=by)
    log(item, "add_promise", f"{a.unit}登记承诺事项（{due:%Y-%m-%d}前）", by=by, note=text)
    return pr


@transaction.atomic
def complete_promise(promise: Promise, *, progress: str, by, done: bool = True) -> Promise:
    item = lock(promise.suggestion)
    a = permissions.assignment_for(by, item)
    if a is None or a.unit_id != promise.unit_id:
        raise NotPermitted("not_assigned", "只有作出承诺的单位可以报告进展")
    if promise.done_on:
        raise Refused("promise_done", "该承诺事项已完成")
    promise.progress = require_text(progress, "content_required", "请填写落实情况")
    promise.done_on = today() if done else None
    promise.save(update_fields=["progress", "done_on"])
    log(
        item,
        "promise_progress",
        f"承诺事项{'已完成' if done else '报告进展'}：{promise.text[:40]}",
        by=by,
        note=promise.progress,
    )
    return promise
