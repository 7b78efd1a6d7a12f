"""Pieces every message service shares: lock, timeline entry, deadlines, notices."""

import time
from datetime import date

from django.urls import reverse
from django.utils import timezone

from renda.core import audit, calendar, deadlines
from renda.notify import services as notify

from .. import policy as policies
from .. import workflow
from ..models import ContactPolicy, Message, MessageEvent


def lock(message: Message) -> Message:
    return (
        Message.objects.select_for_update(of=("self",))
        .select_related("body", "station", "mandate__person", "unit")
        .get(pk=message.pk)
    )


def today() -> date:
    return timezone.localdate()


def policy_of(message: Message) -> ContactPolicy:
    return policies.for_body(message.body)


_CAL: tuple[float, calendar.Calendar] | None = None
CAL_TTL = 60.0


def shared_calendar() -> calendar.Calendar:
    """One Calendar per process for a minute: public intake is busy and the holiday table changes a few
    times a year (an edit recounts stored deadlines anyway, core.deadlines.recount_year)."""
    global _CAL
    now = time.monotonic()
    if _CAL is None or now - _CAL[0] > CAL_TTL:
        _CAL = (now, calendar.Calendar())
    return _CAL[1]


def set_clock(
    message: Message,
    field: str,
    step: workflow.Step,
    *,
    start: date | None = None,
    pol: ContactPolicy | None = None,
    new: bool = False,
) -> None:
    """Set `field` from the step's policy clock, in working days, citing the rule (caller saves)."""
    pol = pol or policy_of(message)
    amount = getattr(pol, step.clock)
    deadlines.set_due(
        message,
        field,
        start=start or today(),
        amount=amount,
        unit="working_days",
        cite=f"{pol._meta.get_field(step.clock).verbose_name} {amount} 日（domain.md {step.cite}）",
        cal=shared_calendar(),
        new=new,
    )


def set_hours(message: Message, field: str, *, hours: int, start=None) -> None:
    """A clock in hours (domain.md §2.3): `<field>_at` the exact moment, `<field>` its local day (caller saves).
    No calendar: these clocks run around the clock, and no holiday table can move them (no Deadline recipe)."""
    at = calendar.add_hours(start or timezone.now(), hours)
    setattr(message, f"{field}_at", at)
    setattr(message, field, timezone.localdate(at))


def set_reply_clock(message: Message, *, start, pol: ContactPolicy | None = None) -> str:
    """The reply deadline for the message's type from `start`; returns how it was set, for the timeline."""
    pol = pol or policy_of(message)
    field, hours = pol.reply_clock(message.urgency)
    set_hours(message, "reply_due", hours=hours, start=start)
    label = pol._meta.get_field(field).verbose_name
    return f"{label} {getattr(pol, field)}（domain.md §2.3）"


def event(
    message: Message,
    action: str,
    label: str,
    *,
    by=None,
    note: str = "",
    public: bool = True,
    actor_name: str = "",
) -> MessageEvent:
    if not actor_name:
        actor_name = str(by) if by is not None and getattr(by, "is_authenticated", False) else "选民"
    entry = MessageEvent.objects.create(
        message=message,
        at=timezone.now(),
        action=action,
        label=label,
        note=note,
        public=public,
        actor=by if by is not None and getattr(by, "is_authenticated", False) else None,
        actor_name=actor_name,
        status_after=message.status,
    )
    # The voter's SMS (accepted, replied, closed) goes through renda.notify (services.voter, called by the
    # steps in handling.py); every public change is on the status page.
    return entry


def write(message: Message, action: str, fields: list[str], *, by, before: dict, note: str = "") -> None:
    message.save(update_fields=fields)
    audit.record(
        f"contact.{action}",
        message,
        by=by if by is not None and getattr(by, "is_authenticated", False) else None,
        before=before,
        after=audit.snapshot(message, ["status", *[f for f in fields if f != "status"]]),
        note=note,
    )


def notify_users(user_ids, *, title: str, body: str, url: str, key: str) -> None:
    """Inbox notices written in the step's own transaction, so a rolled-back step tells nobody."""
    notify.send_many(user_ids, title=title, body=body, url=url, dedupe_key=key)


def work_url(message: Message) -> str:
    return reverse("contact:detail", args=[message.pk])


def people_of(message: Message) -> list[int]:
    """Who follows a message at the station (user ids): the keeper and the addressed deputy's account."""
    people = []
    if message.station_id and message.station.keeper_id:
        people.append(message.station.keeper_id)
    if message.mandate_id and message.mandate.person.user_id:
        people.append(message.mandate.person.user_id)
    return people


def unit_users(unit) -> list[int]:
    return list(unit.users.filter(is_active=True).values_list("pk", flat=True)) if unit is not None else []
