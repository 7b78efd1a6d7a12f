"""Steps 3–5: hand-over to a lead unit with co-handlers or to several units separately, acceptance by the
units, and the return of a mis-assigned item within its deadline. Units never pass an item on themselves."""

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.utils import timezone

from renda.core import deadlines
from renda.core.errors import Refused
from renda.core.models import Unit

from .. import permissions, workflow
from ..models import Assignment, AssignmentStatus, State, Suggestion, UnitRole
from . import reconsideration
from .common import lock, log, move, policy, require_text, today
from .notices import send_all, unit_users


def _check_units(item: Suggestion, units: Iterable[Unit]) -> None:
    for u in units:
        if u.body_id != item.body_id or not u.active:
            raise Refused("unit_not_of_body", f"{u}不是{item.body}的在用承办单位")


def _assign(item: Suggestion, unit: Unit, role: str, *, by, on) -> Assignment:
    p = policy(item)
    a = Assignment(
        suggestion=item, unit=unit, role=role, year=on.year, assigned_on=on, return_due=on, assigned_by=by
    )
    a.save()
    deadlines.set_due(
        a,
        "return_due",
        start=on,
        amount=p.return_days,
        unit="working_days",
        cite=f"{workflow.step('request_return').cite}（{p.return_days} 个工作日）",
    )
    fields = ["return_due"]
    if role == UnitRole.CO:
        deadlines.set_due(
            a,
            "cohandler_due",
            start=on,
            amount=p.cohandler_months,
            unit="months",
            cite=f"{workflow.step('give_opinion').cite}（{p.cohandler_months} 个月）",
        )
        fields.append("cohandler_due")
    a.save(update_fields=fields)
    send_all(
        unit_users(unit.pk),
        item,
        title=f"新交办{a.get_role_display()}件：{item.title}",
        body=f"请在 {a.return_due:%Y-%m-%d} 前签收或说明理由申请退回。",
    )
    return a


def _start_reply_clock(item: Suggestion, on) -> None:
    p = policy(item)
    months = p.reply_months + item.extended_months
    deadlines.set_due(
        item,
        "reply_due",
        start=on,
        amount=months,
        unit="months",
        cite=f"{workflow.step('hand_over').cite}（{p.reply_months} 个月"
        f"{f'，已延期 {item.extended_months} 个月' if item.extended_months else ''}）",
    )


@transaction.atomic
def hand_over(
    item: Suggestion, *, lead: Unit | None = None, co: Sequence[Unit] = (), separate: Sequence[Unit] = (), by
) -> Suggestion:
    """Hand over to one lead unit plus co-handlers (主办+协办), or to several units separately (分办).

    Refuses: neither or both set-ups; a unit of another body; the same unit twice.
    """
    lock(item)
    workflow.require(item, "hand_over", by)
    permissions.require_body_scope(by, item)
    if reconsideration.pending(item):
        # §1.4: the presidium may still file it as a motion; handing it over as a suggestion would pre-empt that.
        raise Refused("reconsideration_pending", "该件的议案复议申请尚待主席团决定，暂不能交办")
    if bool(lead) == bool(separate):
        raise Refused("handover_setup", "请指定一个主办单位（可加协办单位），或指定分别办理的各单位")
    if separate and co:
        raise Refused("handover_setup", "分别办理时不设协办单位")
    units = [u for u in [lead, *co, *separate] if u]
    if len({u.pk for u in units}) != len(units):
        raise Refused("unit_twice", "同一单位不能重复列入")
    _check_units(item, units)
    on = today()
    late = item.handover_due is not None and on > item.handover_due
    live = {a.unit_id: a for a in item.assignments.exclude(status=AssignmentStatus.RETURNED)}
    wanted = (
        ([(lead, UnitRole.LEAD)] if lead else [])
        + [(u, UnitRole.CO) for u in co]
        + [(u, UnitRole.SEPARATE) for u in separate]
    )
    for unit, role in wanted:
        existing = live.get(unit.pk)
        if existing is not None:
            # Re-hand-over after a return keeps the co-handlers already at work.
            if existing.role != role:
                existing.role = role
                existing.save(update_fields=["role"])
            continue
        _assign(item, unit, role, by=by, on=on)
    item.handed_over_on = on
    _start_reply_clock(item, on)
    before = move(item, State.HANDED_OVER, fields=("handed_over_on", "reply_due"))
    names = "；".join(f"{role.label}：{u}" for u, role in wanted)
    log(
        item,
        "hand_over",
        "交办",
        by=by,
        before=before,
        note=names + ("（超过交办期限）" if late else ""),
        audit_after={"units": names},
    )
    return item


def hand_over_many(
    items: Sequence[Suggestion],
    *,
    lead: Unit | None = None,
    co: Sequence[Unit] = (),
    separate: Sequence[Unit] = (),
    by,
) -> list[Suggestion]:
    """The board after a congress session: the same set-up for many items, each in its own transaction, so
    one refused item does not undo the others. Returns the items handed over."""
    done = []
    for item in items:
        try:
            done.append(hand_over(item, lead=lead, co=co, separate=separate, by=by))
        except Refused as exc:
            from renda.core import audit

            audit.record_refusal(exc, by=by, action="suggestion.hand_over")
    return done


@transaction.atomic
def add_unit(item: Suggestion, *, unit: Unit, role: str, by) -> Assignment:
    """Staff add a unit while the item is in handling (re-assignment is the hand-over body's job)."""
    lock(item)
    workflow.require(item, "add_unit", by)
    permissions.require_body_scope(by, item)
    _check_units(item, [unit])
    if role not in UnitRole.values:
        raise Refused("role_unknown", "请选择承办方式")
    if item.assignments.exclude(status=AssignmentStatus.RETURNED).filter(unit=unit).exists():
        raise Refused("unit_twice", "该单位已在办理")
    live_roles = set(
        item.assignments.exclude(status=AssignmentStatus.RETURNED).values_list("role", flat=True)
    )
    if role == UnitRole.LEAD and UnitRole.LEAD in live_roles:
        raise Refused("lead_exists", "已有主办单位")
    if (role == UnitRole.SEPARATE and live_roles & {UnitRole.LEAD, UnitRole.CO}) or (
        role in (UnitRole.LEAD, UnitRole.CO) and UnitRole.SEPARATE in live_roles
    ):
        raise Refused("handover_setup", "主办协办与分别办理不能混用")
    a = _assign(item, unit, role, by=by, on=today())
    log(item, "add_unit", f"增加{a.get_role_display()}单位：{unit}", by=by)
    return a


@transaction.atomic
def accept_assignment(item: Suggestion, *, by) -> Assignment:
    """A unit signs for its part; the first-contact clock starts (Chongqing Art. 18)."""
    lock(item)
    workflow.require(item, "accept_assignment", by)
    a = permissions.require_assignment(by, item)
    if a.status != AssignmentStatus.PENDING:
        raise Refused("already_accepted", "本单位已签收或已申请退回")
    p = policy(item)
    a.status = AssignmentStatus.ACCEPTED
    a.accepted_at = timezone.now()
    a.save(update_fields=["status", "accepted_at"])
    deadlines.set_due(
        a,
        "contact_due",
        start=today(),
        amount=p.contact_days,
        unit="working_days",
        cite=f"{workflow.step('accept_assignment').cite}（{p.contact_days} 个工作日）",
    )
    a.save(update_fields=["contact_due"])
    before = item.state
    if not item.assignments.filter(status=AssignmentStatus.PENDING).exists():
        move(item, State.HANDLING)
    log(item, "accept_assignment", f"{a.unit}签收（{a.get_role_display()}）", by=by, before=before)
    return a


@transaction.atomic
def request_return(item: Suggestion, *, reason: str, by) -> Assignment:
    """A unit asks to return a mis-assigned item within the return deadline, with reasons (§1.3 step 5)."""
    lock(item)
    workflow.require(item, "request_return", by)
    a = permissions.require_assignment(by, item)
    reason = require_text(reason, "reason_required", "申请退回须说明理由")
    if a.status not in (AssignmentStatus.PENDING, AssignmentStatus.ACCEPTED):
        raise Refused("return_pending", "已申请退回，等待交办机关决定")
    if today() > a.return_due:
        raise Refused(
            "return_deadline_passed",
            f"退回申请期限（{a.return_due:%Y-%m-%d}）已过，请继续办理或联系人大工作人员",
        )
    if a.replies.exists():
        raise Refused("already_replied", "本单位已拟写答复，不能再申请退回")
    a.status = AssignmentStatus.RETURN_REQUESTED
    a.return_reason = reason
    a.return_requested_on = today()
    a.save(update_fields=["status", "return_reason", "return_requested_on"])
    log(item, "request_return", f"{a.unit}申请退回", by=by, note=reason)
    from .notices import staff_users

    send_all(staff_users(item), item, title=f"承办单位申请退回：{item.title}", body=f"{a.unit}：{reason}")
    return a


def _pending_return(item: Suggestion, assignment_id: int) -> Assignment:
    a = item.assignments.filter(pk=assignment_id, status=AssignmentStatus.RETURN_REQUESTED).first()
    if a is None:
        raise Refused("no_return_request", "没有待处理的退回申请")
    return a


@transaction.atomic
def approve_return(
    item: Suggestion, *, assignment_id: int, reassign_to: Unit | None = None, by
) -> Suggestion:
    """Staff accept a return and, if they name one, re-assign the part to another unit at once.

    When no unit is left to reply, the item goes back to 待交办 for a new hand-over.
    """
    lock(item)
    workflow.require(item, "approve_return", by)
    permissions.require_body_scope(by, item)
    a = _pending_return(item, assignment_id)
    a.status = AssignmentStatus.RETURNED
    a.save(update_fields=["status"])
    before = item.state
    note = f"同意{a.unit}退回"
    if reassign_to is not None:
        _check_units(item, [reassign_to])
        if item.assignments.exclude(status=AssignmentStatus.RETURNED).filter(unit=reassign_to).exists():
            raise Refused("unit_twice", "该单位已在办理")
        _assign(item, reassign_to, a.role, by=by, on=today())
        item.handed_over_on = today()
        if a.role != UnitRole.CO:
            _start_reply_clock(item, item.handed_over_on)
        move(item, State.HANDED_OVER, fields=("handed_over_on", "reply_due"))
        note += f"，改由{reassign_to}{a.get_role_display()}"
    else:
        live = item.assignments.exclude(status=AssignmentStatus.RETURNED)
        if not live.filter(role__in=[UnitRole.LEAD, UnitRole.SEPARATE]).exists():
            # The hand-over is undone: no reply clock and no hand-over date until the next one (the log keeps
            # the first; a date left behind read as "handed over, no reply due" — found by the state machine).
            item.reply_due = item.handed_over_on = None
            move(item, State.ACCEPTED, fields=("reply_due", "handed_over_on"))
            note += "，待重新交办"
        elif not live.filter(status=AssignmentStatus.PENDING).exists() and item.state == State.HANDED_OVER:
            move(item, State.HANDLING)
    log(item, "approve_return", "同意退回", by=by, before=before, note=note)
    send_all(unit_users(a.unit_id), item, title=f"退回申请已同意：{item.title}")
    return item


@transaction.atomic
def refuse_return(item: Suggestion, *, assignment_id: int, reason: str, by) -> Suggestion:
    lock(item)
    workflow.require(item, "refuse_return", by)
    permissions.require_body_scope(by, item)
    a = _pending_return(item, assignment_id)
    reason = require_text(reason, "reason_required", "请说明不同意退回的理由")
    a.status = AssignmentStatus.ACCEPTED if a.accepted_at else AssignmentStatus.PENDING
    a.save(update_fields=["status"])
    log(item, "refuse_return", f"不同意{a.unit}退回", by=by, note=reason)
    send_all(unit_users(a.unit_id), item, title=f"退回申请未同意，请继续办理：{item.title}", body=reason)
    return item
