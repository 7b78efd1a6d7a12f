"""Step 2 and motions: screening, registration, non-acceptance, conversion to a letter, motion review."""

from django.db import transaction
from django.db.models import Max

from renda.core import deadlines
from renda.core.errors import Refused

from .. import permissions, signals, workflow
from ..models import Kind, MotionDecision, NonAcceptance, State, Suggestion
from .common import lock, log, move, policy, require_text, today
from .notices import deputy_users, send_all


def _number(item: Suggestion) -> str:
    prefix = "议" if item.kind == Kind.MOTION else "建"
    last = Suggestion.objects.filter(
        body=item.body, year=item.year, number__startswith=f"{item.year}{prefix}"
    ).aggregate(n=Max("number"))["n"]
    seq = int(last[-4:]) + 1 if last else 1
    return f"{item.year}{prefix}{seq:04d}"


def register_item(item: Suggestion, *, by, action: str, label: str, note: str = "") -> Suggestion:
    item.accepted_on = today()
    item.number = item.number or _number(item)
    p = policy(item)
    s = workflow.step(action)
    deadlines.set_due(
        item,
        "handover_due",
        start=item.accepted_on,
        amount=p.handover_days,
        unit="working_days",
        cite=f"{s.cite}（交办期限 {p.handover_days} 个工作日）",
    )
    before = move(
        item,
        State.ACCEPTED,
        fields=("accepted_on", "number", "handover_due", "kind", "motion_decision", "decision_note"),
    )
    log(item, action, label, by=by, before=before, note=note, audit_after={"number": item.number})
    mandates = [
        item.lead,
        *[
            c.mandate
            for c in item.cosigners.filter(
                confirmed_at__isnull=False, declined_at__isnull=True
            ).select_related("mandate")
        ],
    ]
    on = item.accepted_on
    transaction.on_commit(
        lambda: signals.suggestion_accepted.send(sender=Suggestion, suggestion=item, mandates=mandates, on=on)
    )
    return item


@transaction.atomic
def accept(item: Suggestion, *, by) -> Suggestion:
    """Register a suggestion for hand-over; the hand-over clock starts (§1.3 step 2–3)."""
    lock(item)
    workflow.require(item, "accept", by)
    permissions.require_body_scope(by, item)
    if item.kind == Kind.MOTION:
        raise Refused("motion_needs_review", "议案须作出审查决定（立案、转作建议或不予立案）")
    return register_item(item, by=by, action="accept", label="受理登记")


@transaction.atomic
def not_accept(item: Suggestion, *, by, reason: str, note: str = "") -> Suggestion:
    """Return to the deputy with one of the §1.3 step 2 reasons (Beijing Art. 12, Shanghai Art. 8)."""
    lock(item)
    workflow.require(item, "not_accept", by)
    permissions.require_body_scope(by, item)
    if reason not in NonAcceptance.values:
        raise Refused("reason_required", "请选择不予受理的理由")
    item.non_acceptance = reason
    item.decision_note = note
    before = move(item, State.NOT_ACCEPTED, fields=("non_acceptance", "decision_note"))
    log(item, "not_accept", f"不予受理：{NonAcceptance(reason).label}", by=by, before=before, note=note)
    send_all(deputy_users(item), item, title=f"建议未予受理：{item.title}", body=NonAcceptance(reason).label)
    return item


@transaction.atomic
def to_letter(item: Suggestion, *, by, note: str) -> Suggestion:
    lock(item)
    workflow.require(item, "to_letter", by)
    permissions.require_body_scope(by, item)
    note = require_text(note, "reason_required", "请说明转作代表来信的理由")
    item.decision_note = note
    before = move(item, State.LETTER, fields=("decision_note",))
    log(item, "to_letter", "转作代表来信处理", by=by, before=before, note=note)
    send_all(deputy_users(item), item, title=f"建议转作代表来信处理：{item.title}", body=note)
    return item


@transaction.atomic
def review_motion(item: Suggestion, *, decision: str, reasons: str, by) -> Suggestion:
    """The presidium's decision on a motion (§1.4): 立案, handle as a suggestion, or not a motion.

    Refuses: an item that is not a motion; a decision without written reasons; 立案 below the threshold.
    """
    lock(item)
    action = {
        MotionDecision.FILED: "file_motion",
        MotionDecision.AS_SUGGESTION: "motion_to_suggestion",
        MotionDecision.REJECTED: "reject_motion",
    }.get(decision)
    if action is None:
        raise Refused("decision_unknown", "请选择审查决定")
    workflow.require(item, action, by)
    permissions.require_body_scope(by, item)
    if item.kind != Kind.MOTION:
        raise Refused("not_a_motion", "该件不是议案")
    reasons = require_text(reasons, "reason_required", "审查决定须书面说明理由")
    item.motion_decision = decision
    item.decision_note = reasons
    if decision == MotionDecision.FILED:
        need = policy(item).motion_threshold
        have = 1 + item.cosigners.filter(confirmed_at__isnull=False, declined_at__isnull=True).count()
        if have < need:
            raise Refused("motion_threshold_not_met", f"议案须{need}名以上代表联名，已确认{have}名")
        return register_item(item, by=by, action=action, label="议案立案", note=reasons)
    if decision == MotionDecision.AS_SUGGESTION:
        item.kind = Kind.SUGGESTION
        item.number = ""
        return register_item(item, by=by, action=action, label="议案转作建议办理", note=reasons)
    before = move(item, State.MOTION_REJECTED, fields=("motion_decision", "decision_note"))
    log(item, action, "议案不予立案", by=by, before=before, note=reasons)
    return item
