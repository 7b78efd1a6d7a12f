"""The deadline scan: mark open items due soon or overdue at their current stage, remind whoever must act,
send the one feedback reminder and exclude items still unrated after it (§1.3 steps 3, 7, 9, 10)."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from renda.core import calendar, deadlines
from renda.core import policy as resolver
from renda.core.errors import Refused

from ..models import OPEN_STATES, Assignment, AssignmentStatus, DueState, Policy, State, Suggestion, UnitRole
from .notices import send_all, staff_users, unit_users

# Which due date governs each stage.
STAGE_FIELD = {
    State.ACCEPTED: "handover_due",
    State.HANDED_OVER: "reply_due",
    State.HANDLING: "reply_due",
    State.REHANDLING: "reply_due",
    State.REPLIED: "feedback_due",
}
STAGE_LABEL = {
    State.ACCEPTED: "交办",
    State.HANDED_OVER: "答复",
    State.HANDLING: "答复",
    State.REHANDLING: "重新办理答复",
    State.REPLIED: "代表评价",
}


@dataclass
class ScanReport:
    marked: dict = field(default_factory=lambda: {DueState.SOON: 0, DueState.OVERDUE: 0, DueState.OK: 0})
    reminders: int = 0
    feedback_reminded: int = 0
    lapsed: int = 0


def due_state(due: date | None, *, on: date, soon_days: int, cal: calendar.Calendar) -> str:
    # DueState's values are core.deadlines' ("", "soon", "overdue"); soon counts working days (§1.3).
    return deadlines.due_state(due, on=on, soon_days=soon_days, cal=cal)


# Each reminder and its timeline entry are one transaction: the notifications carry dedupe keys, so a worker
# killed between the two used to leave a reminder sent but never on the timeline (nor audited), and the next run,
# finding nothing new to send, never wrote it (tests/drills/test_worker_killed_every_task.py found it).
@transaction.atomic
def _remind(item: Suggestion, state: str, due: date) -> int:
    label = STAGE_LABEL.get(item.state, "办理")
    word = "已超期" if state == DueState.OVERDUE else "即将到期"
    key = f"sugg:{item.pk}:{item.state}:{item.round}:{state}:{due:%Y%m%d}"
    title = f"{label}{word}：{item.title}"
    body = f"{label}期限 {due:%Y-%m-%d}。"
    sent = 0
    if item.state == State.ACCEPTED:
        sent = send_all(staff_users(item), item, title=title, body=body, key=key)
    elif item.state in (State.HANDED_OVER, State.HANDLING, State.REHANDLING):
        for a in item.assignments.exclude(status=AssignmentStatus.RETURNED).filter(
            role__in=[UnitRole.LEAD, UnitRole.SEPARATE]
        ):
            sent += send_all(unit_users(a.unit_id), item, title=title, body=body, key=key)
        if state == DueState.OVERDUE:
            sent += send_all(staff_users(item), item, title=title, body=body, key=key)
    if sent:
        _timeline(item, f"提醒：{label}{word}（期限 {due:%Y-%m-%d}）")
    return sent


def _timeline(item: Suggestion, label: str) -> None:
    """Reminders belong to the item's timeline (issue 7: every transition, contact, reminder and document)."""
    from .common import log

    with transaction.atomic():
        log(item, "reminder", label[:60], by=None)


def _remind_promises(on: date) -> int:
    """Promised items past their date and not done: the unit is reminded once per promised date (§1.3 step 11)."""
    from ..models import Promise

    sent = 0
    for p in Promise.objects.filter(done_on__isnull=True, due__lt=on).select_related("suggestion").iterator():
        with transaction.atomic():  # the reminder and its timeline entry, or neither (see _remind)
            n = send_all(
                unit_users(p.unit_id),
                p.suggestion,
                title=f"承诺事项逾期未落实：{p.text[:40]}",
                body=f"承诺于 {p.due:%Y-%m-%d} 前完成，请报告落实情况。",
                key=f"sugg:promise:{p.pk}:{p.due:%Y%m%d}",
            )
            if n:
                _timeline(p.suggestion, f"提醒：承诺事项逾期未落实（{p.due:%Y-%m-%d}）")
        sent += n
    return sent


def _remind_first_contact(on: date, cal: calendar.Calendar, policies: dict) -> int:
    """Lead and separate units that have not yet contacted the deputy by the first-contact deadline (§1.3 step 6,
    Chongqing Art. 18)."""
    from django.db.models import Exists, OuterRef

    from ..models import Contact

    contacted = Contact.objects.filter(suggestion=OuterRef("suggestion"), unit=OuterRef("unit"))
    parts = (
        Assignment.objects.filter(
            role__in=[UnitRole.LEAD, UnitRole.SEPARATE],
            status=AssignmentStatus.ACCEPTED,
            contact_due__isnull=False,
            suggestion__state=State.HANDLING,
        )
        .filter(~Exists(contacted))
        .select_related("suggestion__body", "unit")
    )
    return _remind_units(
        parts,
        "contact_due",
        on=on,
        cal=cal,
        policies=policies,
        what="联系代表",
        ask="请在 {due:%Y-%m-%d} 前与代表沟通（办前沟通）并登记。",
        key="contact",
        timeline="首次联系代表",
    )


def _remind_cohandlers(on: date, cal: calendar.Calendar, policies: dict) -> int:
    """Co-handlers whose written opinion to the lead unit is due soon or overdue (§1.3 step 4)."""
    parts = (
        Assignment.objects.filter(
            role=UnitRole.CO,
            opinion_on__isnull=True,
            cohandler_due__isnull=False,
            suggestion__state__in=[State.HANDED_OVER, State.HANDLING],
        )
        .exclude(status=AssignmentStatus.RETURNED)
        .select_related("suggestion__body", "unit")
    )
    return _remind_units(
        parts,
        "cohandler_due",
        on=on,
        cal=cal,
        policies=policies,
        what="协办意见",
        ask="请在 {due:%Y-%m-%d} 前向主办单位提出书面意见。",
        key="co",
        timeline="协办意见",
    )


def _remind_units(
    parts, due_field: str, *, on, cal, policies, what: str, ask: str, key: str, timeline: str
) -> int:
    """The users of each assignment's unit whose `due_field` is due soon or overdue, once per state and date."""
    sent = 0
    for a in parts.iterator(chunk_size=500):
        item, due = a.suggestion, getattr(a, due_field)
        policy = _policy(item, policies)
        state = due_state(due, on=on, soon_days=policy.due_soon_days, cal=cal)
        if state == DueState.OK:
            continue
        word = "已超期" if state == DueState.OVERDUE else "即将到期"
        with transaction.atomic():  # the reminder and its timeline entry, or neither (see _remind)
            n = send_all(
                unit_users(a.unit_id),
                item,
                title=f"{what}{word}：{item.title}",
                body=ask.format(due=due),
                key=f"sugg:{item.pk}:{key}:{a.unit_id}:{state}:{due:%Y%m%d}",
            )
            if n:
                _timeline(item, f"提醒：{a.unit}{timeline}{word}")
        sent += n
    return sent


def _policy(item: Suggestion, policies: dict) -> Policy:
    if item.body_id not in policies:
        policies[item.body_id] = resolver.resolve(Policy, item.body)
    return policies[item.body_id]


def scan(on: date) -> ScanReport:
    """Safe to run twice a day: states are recomputed, reminders carry a dedupe key, and the feedback steps
    are services that refuse a second run."""
    from . import evaluation

    report = ScanReport()
    cal = calendar.Calendar()
    policies: dict[int, Policy] = {}
    items = Suggestion.objects.filter(state__in=OPEN_STATES).select_related("body", "lead__person")
    for item in items.iterator(chunk_size=500):
        policy = _policy(item, policies)
        fname = STAGE_FIELD.get(item.state)
        due = getattr(item, fname) if fname else None
        state = due_state(due, on=on, soon_days=policy.due_soon_days, cal=cal)
        if item.state == State.REPLIED and state != DueState.OK:
            try:
                if item.feedback_reminded_on is None:
                    evaluation.remind_feedback(item)
                    report.feedback_reminded += 1
                elif state == DueState.OVERDUE:
                    evaluation.lapse_feedback(item)
                    report.lapsed += 1
            except Refused:
                pass
            item.refresh_from_db()
            fname = STAGE_FIELD.get(item.state)
            due = getattr(item, fname) if fname else None
            state = due_state(due, on=on, soon_days=policy.due_soon_days, cal=cal)
        if state != item.due_state:
            with transaction.atomic():
                Suggestion.objects.filter(pk=item.pk).update(due_state=state)
        report.marked[state] += 1
        if state != DueState.OK and due is not None:
            report.reminders += _remind(item, state, due)
    report.reminders += _remind_cohandlers(on, cal, policies)
    report.reminders += _remind_first_contact(on, cal, policies)
    report.reminders += _remind_promises(on)
    # Closed and withdrawn items carry no deadline mark.
    Suggestion.objects.exclude(state__in=OPEN_STATES).exclude(due_state="").update(due_state="")
    return report
