"""Reminders before a meeting: a staff button and the periodic job (renda/core/tasks.py)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import LeaveState, Meeting, State
from .meetings import _announce, _locked, policy_for


@transaction.atomic
def remind(meeting: Meeting, *, by=None) -> int:
    """A reminder to everyone called who has not been granted leave (once per meeting: dedupe key)."""
    meeting = _locked(meeting)
    if by is not None:
        permissions.require_manage(by, meeting, action="发送提醒")
    if meeting.status != State.NOTICED:
        raise Refused("remind_not_noticed", "只有已发通知、尚未开会的会议可以提醒")
    people = [
        a.user
        for a in meeting.attendees.select_related("user").exclude(leave_state=LeaveState.APPROVED)
        if not a.present
    ]
    key = f"meetings:remind:{meeting.pk}"
    if by is None:
        from renda.notify.models import Notification

        # The job runs every 15 minutes through the reminder window: it tells (and audits) only those not yet
        # told, so its second run writes nothing (issue 21); a staff member's press is audited as pressed.
        told = set(Notification.objects.filter(dedupe_key=key).values_list("user_id", flat=True))
        people = [u for u in people if u.pk not in told]
        if not people:
            return 0
    start = timezone.localtime(meeting.starts_at)
    ctx = {"when": f"{start:%m月%d日 %H:%M}", "place": (meeting.location or "会场")[:20]}
    _announce(meeting, people, "meeting_reminder", ctx, key=key)
    audit.record("meeting.remind", meeting, by=by, after={"people": len(people)})
    return len(people)


def remind_due(now: datetime | None = None) -> int:
    """The periodic job: remind every noticed meeting starting within its body's `reminder_hours`; returns how
    many meetings had someone new to tell. Safe to run twice (only those not yet told are told, and audited)."""
    now = now or timezone.now()
    n = 0
    for m in Meeting.objects.filter(
        status=State.NOTICED, starts_at__gt=now, starts_at__lte=now + timedelta(hours=72)
    ).select_related("body"):
        if m.starts_at <= now + timedelta(hours=policy_for(m.body).reminder_hours) and remind(m):
            n += 1
    return n
