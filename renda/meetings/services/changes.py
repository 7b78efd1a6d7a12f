"""Changes after a meeting is created: its time and place, and taking someone off the list.

Both are refused once the meeting is over (closed, minutes approved, cancelled) and change nothing then;
both are audited; a change after the notice tells the people concerned through the notification service."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..models import Attendee, AttendeeRemoval, Meeting, State
from .meetings import _locked, _notify

OVER = (State.CLOSED, State.APPROVED, State.CANCELLED)


def _require_not_ended(meeting: Meeting, what: str) -> None:
    if meeting.status in OVER:
        raise Refused("meeting_over", f"会议{meeting.get_status_display()}，不能再{what}")
    if meeting.ends_at < timezone.now() and meeting.status != State.IN_SESSION:
        raise Refused("meeting_ended", f"会议结束时间已过，不能再{what}")


@transaction.atomic
def reschedule(
    meeting: Meeting, *, starts_at: datetime, ends_at: datetime, location: str, reason: str = "", by
) -> Meeting:
    """Move a meeting or change its place. After the notice a reason is required and every attendee is told
    (the notification names the new time and place and the reason). Refused: once the meeting has ended,
    an end before the start, a start moved once the meeting is in session, a new time in the past, and a
    change that changes nothing."""
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="修改会议时间地点")
    _require_not_ended(meeting, "修改时间地点")
    location = location.strip()
    if ends_at < starts_at:
        raise Refused("meeting_end_before_start", "结束时间不能早于开始时间")
    if meeting.status == State.IN_SESSION and starts_at != meeting.starts_at:
        raise Refused("meeting_started", "会议已开始，只能修改结束时间和地点")
    if starts_at != meeting.starts_at and starts_at < timezone.now():
        raise Refused("meeting_moved_to_past", "新的开始时间已过，请重新填写")
    if ends_at < timezone.now():
        raise Refused("meeting_end_in_past", "新的结束时间已过，请重新填写")
    before = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "location": meeting.location}
    after = {"starts_at": starts_at, "ends_at": ends_at, "location": location}
    if before == after:
        raise Refused("meeting_unchanged", "时间和地点都没有变化")
    told = meeting.status in (State.NOTICED, State.IN_SESSION)
    if told and not reason.strip():
        raise Refused(
            "reschedule_needs_reason", "会议通知已发出，修改时间地点须填写理由（将通知全体参会人员）"
        )
    meeting.starts_at, meeting.ends_at, meeting.location = starts_at, ends_at, location
    meeting.save(update_fields=["starts_at", "ends_at", "location"])
    if told:
        start = timezone.localtime(starts_at)
        users = [a.user for a in meeting.attendees.select_related("user")]
        stamp = int(timezone.now().timestamp())
        _notify(
            users,
            title=f"会议时间地点变更：{meeting.title}",
            body=f"改为{start:%Y年%m月%d日 %H:%M}，{location or '地点另行通知'}。理由：{reason.strip()}",
            url=reverse("meetings:detail", args=[meeting.pk]),
            key=f"meetings:reschedule:{meeting.pk}:{stamp}",
        )
    changed = sorted(k for k in after if before[k] != after[k])
    audit.record(
        "meeting.reschedule",
        meeting,
        by=by,
        before={k: str(before[k]) for k in changed},
        after={k: str(after[k]) for k in changed},
    )
    return meeting


@transaction.atomic
def remove_attendee(attendee: Attendee, *, reason: str, by) -> AttendeeRemoval:
    """Take someone off the list (called by mistake, replaced, no longer in office). The attendee row goes
    and an `AttendeeRemoval` keeps who, in what capacity, why, by whom and when. A deputy is also taken off
    the duties activity the notice listed, so the closing does not count them absent. Refused: without a
    reason, once they signed in (their presence is the record), once the meeting has ended."""
    from renda.duties import services as duties  # imported late, as in meetings.services

    meeting = _locked(attendee.meeting)
    attendee = Attendee.objects.select_for_update().select_related("user").get(pk=attendee.pk)
    permissions.require_manage(by, meeting, action="移出参会人员")
    _require_not_ended(meeting, "移出参会人员")
    if not reason.strip():
        raise Refused("removal_needs_reason", "请填写移出理由")
    if attendee.signed_in_at is not None:
        raise Refused("attendee_signed_in", f"{attendee.user}已签到，签到记录须保留，不能移出")
    removal = AttendeeRemoval.objects.create(
        meeting=meeting,
        user=attendee.user,
        role=attendee.role,
        capacity=attendee.capacity,
        reason=reason.strip(),
        removed_by=by,
    )
    if meeting.duty_activity_id is not None:
        act = meeting.duty_activity
        duties.change_participants(act, remove=act.participants.filter(person__user_id=attendee.user_id))
    if meeting.status in (State.NOTICED, State.IN_SESSION):
        _notify(
            [attendee.user],
            title=f"参会安排变更：{meeting.title}",
            body=f"您已不在本次会议参会名单中。理由：{reason.strip()}",
            url=reverse("meetings:home"),
            key=f"meetings:removed:{meeting.pk}:{removal.pk}",
        )
    attendee.delete()
    audit.record(
        "meeting.remove_attendee", meeting, by=by, after={"role": removal.role, "removal": removal.pk}
    )
    return removal
