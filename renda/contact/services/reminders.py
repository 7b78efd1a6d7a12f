"""Daily reminders and closing: remind who must act before a deadline, flag overdue messages, close finished ones.

Safe to run twice: reminders carry a dedupe_key per message, deadline and kind; closing goes through `close`,
which refuses a message that is no longer in a closable state. Scheduled in renda/core/tasks.py.
"""

from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from renda.core import deadlines
from renda.core.errors import Refused
from renda.core.models import User
from renda.core.roles import Role
from renda.notify import services as notify

from .. import policy as policies
from ..choices import UNIT_OPEN, Status
from ..models import Message
from .handling import close

CLOSE_AFTER_RATING_DAYS = 3


def _recipients(m: Message) -> list:
    if m.status in UNIT_OPEN:
        return list(m.unit.users.filter(is_active=True)) if m.unit_id else []
    people = []
    if m.station_id and m.station.keeper_id:
        people.append(m.station.keeper)
    if m.mandate_id and m.mandate.person.user_id and m.status == Status.RECEIVED:
        people.append(m.mandate.person.user)
    people += list(User.objects.filter(role=Role.STAFF, body=m.body, is_active=True))
    return people


def scan_deadlines(on: date | None = None) -> int:
    """Send due-soon and overdue reminders; returns how many notifications were created."""
    on = on or timezone.localdate()
    horizon = on + timedelta(days=14)
    qs = Message.objects.filter(
        Q(status=Status.RECEIVED, accept_due__lte=horizon)
        | Q(status=Status.ACCEPTED, forward_due__lte=horizon)
        | Q(status__in=UNIT_OPEN, reply_due__lte=horizon)
    ).select_related("body", "station__keeper", "mandate__person__user", "unit")
    soon_days: dict[int, int] = {}
    sent = 0
    for m in qs.iterator(chunk_size=500):
        due = m.current_due
        if due is None:
            continue
        if m.body_id not in soon_days:
            soon_days[m.body_id] = policies.for_body(m.body).due_soon_days
        kind = deadlines.due_state(due, on=on, soon_days=soon_days[m.body_id], working_days=False)
        if kind == deadlines.OK:
            continue
        title = f"【已超期】{m.title}" if kind == deadlines.OVERDUE else f"【临期】{m.title}"
        body = f"{Status(m.status).label}，期限 {due:%Y-%m-%d}。"
        url = reverse("contact:detail", args=[m.pk])
        for user in _recipients(m):
            sent += (
                notify.send(
                    user,
                    title=title,
                    body=body,
                    url=url,
                    dedupe_key=f"contact:{m.pk}:{m.current_due_field}:{due:%Y%m%d}:{kind}",
                )
                is not None
            )
    return sent


def close_finished(on: date | None = None) -> int:
    """Close rated messages after a few days and replies whose rating window has passed (domain.md §4 archive)."""
    on = on or timezone.localdate()
    done = 0
    cutoff = timezone.now() - timedelta(days=CLOSE_AFTER_RATING_DAYS)
    qs = Message.objects.filter(
        Q(status=Status.RATED, rated_at__lt=cutoff) | Q(status=Status.REPLIED, rate_due__lt=on)
    )
    for m in qs.only("pk").iterator(chunk_size=500):
        try:
            close(m, system=True)
            done += 1
        except Refused:
            continue  # changed in between (e.g. rated a moment ago): tomorrow's run sees it again
    return done
