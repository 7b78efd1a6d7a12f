"""Steps 9–10: the deputy rates the exact reply of the round, attitude and result separately; 不满意 leads to
re-handling and a second reply, a second 不满意 to an escalation. Unrated items are reminded once, then
excluded from the satisfaction figures."""

from django.db import transaction

from renda.core import deadlines
from renda.core.errors import NotPermitted, Refused

from .. import permissions, workflow
from ..models import AssignmentStatus, Evaluation, Rating, ReplyStatus, State, Suggestion
from .common import lock, log, move, policy, today
from .notices import deputy_users, send_all, staff_users, unit_users


@transaction.atomic
def evaluate(
    item: Suggestion,
    *,
    reply_id: int,
    attitude: str,
    result: str,
    reason: str = "",
    cosigner_views: str = "",
    by,
) -> Evaluation:
    """Refuses: someone other than the lead deputy; a reply of another round or already rated; after the
    feedback deadline; 不满意 without reasons."""
    lock(item)
    workflow.require(item, "evaluate", by)
    if not permissions.is_lead(by, item):
        raise NotPermitted("not_lead_deputy", "由领衔代表评价（联名件由领衔代表汇总附议代表意见）")
    r = item.replies.filter(pk=reply_id, status=ReplyStatus.SENT).select_related("assignment").first()
    if r is None:
        raise Refused("reply_unknown", "找不到要评价的答复")
    if r.round != item.round:
        raise Refused("reply_of_other_round", f"该答复属于第{r.round}轮，当前为第{item.round}轮")
    if hasattr(r, "evaluation"):
        raise Refused("already_evaluated", "该答复已评价")
    if item.feedback_due and today() > item.feedback_due:
        raise Refused("feedback_deadline_passed", f"评价期限（{item.feedback_due:%Y-%m-%d}）已过")
    if attitude not in Rating.values or result not in Rating.values:
        raise Refused("rating_required", "请分别评价办理态度和办理结果")
    reason = (reason or "").strip()
    if Rating.UNSATISFIED in (attitude, result) and not reason:
        raise Refused("reason_required", "评价为不满意的，须说明具体理由")
    ev = Evaluation.objects.create(
        reply=r,
        suggestion=item,
        round=r.round,
        attitude=attitude,
        result=result,
        reason=reason,
        cosigner_views=cosigner_views,
        by=by,
        on=today(),
    )
    a = r.assignment
    a.attitude, a.result = attitude, result
    a.save(update_fields=["attitude", "result"])
    before = item.state
    sent = item.replies.filter(round=item.round, status=ReplyStatus.SENT)
    if not sent.filter(evaluation__isnull=True).exists():
        _after_round(item, by=by)
    log(
        item,
        "evaluate",
        f"评价{r.unit}第{r.round}轮答复：态度{ev.get_attitude_display()}，结果{ev.get_result_display()}",
        by=by,
        before=before,
        note=reason,
    )
    send_all(
        unit_users(r.unit_id),
        item,
        title=f"代表已评价：{item.title}",
        body=f"态度{ev.get_attitude_display()}，结果{ev.get_result_display()}",
    )
    return ev


@transaction.atomic
def cosigner_view(item: Suggestion, *, view: str, by):
    """A co-signer's view of the reply, collected for the lead deputy's evaluation of a joint item."""
    from .common import require_text

    lock(item)
    workflow.require(item, "cosigner_view", by)
    row = permissions.require_cosigner(by, item, confirmed=True)
    row.view = require_text(view, "content_required", "请填写意见")[:2000]
    row.save(update_fields=["view"])
    log(item, "cosigner_view", f"{row.mandate.person}提出对答复的意见", by=by, note=row.view)
    send_all(deputy_users(item, cosigners=False), item, title=f"附议代表对答复提出意见：{item.title}")
    return row


def _after_round(item: Suggestion, *, by) -> None:
    unhappy = (
        item.evaluations.filter(round=item.round).filter(attitude=Rating.UNSATISFIED).exists()
        or item.evaluations.filter(round=item.round, result=Rating.UNSATISFIED).exists()
    )
    if not unhappy:
        move(item, State.EVALUATED)
        return
    if item.round == 1:
        p = policy(item)
        item.round = 2
        deadlines.set_due(
            item,
            "reply_due",
            start=today(),
            amount=p.rehandle_months,
            unit="months",
            cite=f"§1.3 第10步：不满意的重新办理（{p.rehandle_months} 个月）",
        )
        item.feedback_due = None
        move(item, State.REHANDLING, fields=("round", "reply_due", "feedback_due"))
        for a in item.assignments.exclude(status=AssignmentStatus.RETURNED):
            send_all(
                unit_users(a.unit_id),
                item,
                title=f"代表不满意，请重新办理：{item.title}",
                body=f"请在 {item.reply_due:%Y-%m-%d} 前再次答复。",
                key=f"sugg:{item.pk}:rehandle",
            )
        return
    move(item, State.ESCALATED)
    send_all(staff_users(item), item, title=f"再次不满意，请组织评估会商：{item.title}")


@transaction.atomic
def remind_feedback(item: Suggestion) -> Suggestion:
    """The one reminder (by the deadline scan). When the deadline has already passed, a short grace period
    follows the reminder, so the reminder can still be answered (Chongqing Art. 29)."""
    lock(item)
    s = workflow.require(item, "remind_feedback", None)
    if item.feedback_reminded_on:
        raise Refused("already_reminded", "已催告过")
    item.feedback_reminded_on = today()
    fields = ["feedback_reminded_on"]
    if item.feedback_due and item.feedback_due < today():
        p = policy(item)
        deadlines.set_due(
            item,
            "feedback_due",
            start=today(),
            amount=p.reminder_grace_days,
            unit="working_days",
            cite=f"{s.cite}（催告后 {p.reminder_grace_days} 个工作日）",
        )
        fields.append("feedback_due")
    item.save(update_fields=[*fields, "updated_at"])
    send_all(
        deputy_users(item, cosigners=False),
        item,
        title=f"请评价答复：{item.title}",
        body=f"评价期限 {item.feedback_due:%Y-%m-%d}；逾期未评价的不计入满意率。",
        key=f"sugg:{item.pk}:feedback:{item.round}",
    )
    log(item, "remind_feedback", "催告代表评价", by=None)
    return item


@transaction.atomic
def lapse_feedback(item: Suggestion) -> Suggestion:
    """Not rated after the reminder and its deadline: excluded from the satisfaction figures, shown as such."""
    lock(item)
    workflow.require(item, "lapse_feedback", None)
    if not item.feedback_reminded_on or not item.feedback_due or today() <= item.feedback_due:
        raise Refused("not_lapsed", "尚未催告或评价期限未过")
    item.unrated = True
    open_ids = item.replies.filter(
        round=item.round, status=ReplyStatus.SENT, evaluation__isnull=True
    ).values_list("assignment_id", flat=True)
    item.assignments.filter(pk__in=list(open_ids)).update(unrated=True)
    before = move(item, State.EVALUATED, fields=("unrated",))
    log(item, "lapse_feedback", "经催告逾期未评价，不计入满意率", by=None, before=before)
    return item
