"""What the liaison app's 代表列席 (seeds 002 代表列席常委会会议制度) needs from a meeting, in one place.

A rotation invitation for a standing-committee meeting that exists here calls the deputy as a non-voting
列席 attendee (`AttendeeRole.OBSERVER`) through `services.add_attendees`; the deputy then gets the notice,
the papers and the door code like anyone called, and their sign-in is the attendance. The meeting's duty
activity (created at notice, `services.meetings._duty_activity`) lists every called deputy, so the one
duty record of sitting in (sc_meeting) comes from `record_duty_attendance` at closing — liaison writes it
only for a deputy the meeting's activity does not cover (domain.md §3.1: one record per activity and
deputy; §3.3 Chunfu: attendance and speeches score separately, speeches stay in liaison).

Nothing here imports liaison; liaison calls these functions."""

from collections.abc import Iterable
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .models import Attendee, AttendeeRole, Kind, Meeting, Reply, State

OVER = (State.CLOSED, State.APPROVED)
CAPACITY = "人大代表（轮流列席）"


def meeting_of(ref_type_id: int | None, ref_id: str) -> Meeting | None:
    """The meeting a generic reference (content type id, pk) points at, or None."""
    if not ref_type_id or not ref_id:
        return None
    if ContentType.objects.get_for_model(Meeting).pk != ref_type_id:
        return None
    return Meeting.objects.select_related("body", "duty_activity").filter(pk=ref_id).first()


def standing_meetings(body, *, since=None):
    """The body's standing-committee meetings a sitting can be planned for: not cancelled, not over."""
    since = since or timezone.now() - timedelta(days=30)
    return Meeting.objects.filter(body=body, kind=Kind.STANDING_COMMITTEE, starts_at__gte=since).exclude(
        status__in=(*OVER, State.CANCELLED)
    )


def require_sittable(meeting: Meeting, body) -> None:
    if meeting.body_id != body.pk or meeting.kind != Kind.STANDING_COMMITTEE:
        raise Refused("sitting_meeting_other_body", f"所选会议不是{body}的常委会会议")
    if meeting.status in (*OVER, State.CANCELLED):
        raise Refused("sitting_meeting_over", f"所选会议{meeting.get_status_display()}，不能再安排列席")


def is_over(meeting: Meeting) -> bool:
    return meeting.status in OVER


@transaction.atomic
def call_observers(meeting: Meeting, mandates: Iterable, *, by) -> int:
    """Call the invited deputies as 列席 (no vote). If the notice has gone out, the meeting's duty activity
    already exists: the deputies join its participants so closing records their attendance once."""
    from renda.duties import services as duties  # imported late, as in meetings.services

    from .services import add_attendees

    mandates = [m for m in mandates if m.person.user_id]
    if not mandates:
        return 0
    users = [m.person.user for m in mandates]
    n = add_attendees(meeting, users=users, role=AttendeeRole.OBSERVER, capacity=CAPACITY, by=by)
    act = Meeting.objects.select_related("duty_activity").get(pk=meeting.pk).duty_activity
    if act is not None and not act.attendance_taken:
        same = [m for m in mandates if m.body_id == act.body_id]
        duties.change_participants(act, add=same)
        audit.record("meeting.observers_to_duty", meeting, by=by, after={"added": len(same)})
    return n


@transaction.atomic
def answer(meeting: Meeting, mandate, *, accept: bool, by) -> None:
    """The deputy's answer to a rotation invitation. Yes → confirmed here too. No → they are no longer
    called (declining an invitation to sit in is not an absence from a meeting one must attend), unless
    already signed in."""
    from renda.duties import services as duties  # imported late, as in meetings.services

    a = Attendee.objects.select_for_update().filter(meeting=meeting, user_id=mandate.person.user_id).first()
    if a is None or a.role != AttendeeRole.OBSERVER or a.present:
        return
    if accept:
        a.reply = Reply.CONFIRMED
        a.save(update_fields=["reply"])
        audit.record("meeting.confirm", a, by=by, after={"via": "liaison"})
        return
    if meeting.duty_activity is not None:
        duties.change_participants(meeting.duty_activity, remove=[mandate])
    audit.record("meeting.observer_withdrawn", meeting, by=by, after={"user": a.user_id})
    a.delete()


def observers(meeting: Meeting) -> dict[int, Attendee]:
    """The meeting's 列席 attendees by user id (reply and sign-in)."""
    return {a.user_id: a for a in meeting.attendees.filter(role=AttendeeRole.OBSERVER)}


def signed_in(meeting: Meeting) -> set[int]:
    """User ids of everyone called who signed in (QR or by staff)."""
    return set(meeting.attendees.filter(signed_in_at__isnull=False).values_list("user_id", flat=True))


def duty_covers(meeting: Meeting) -> set[int]:
    """Mandate ids whose sitting-in duty record the meeting itself writes (its duty activity's list)."""
    act = Meeting.objects.select_related("duty_activity").get(pk=meeting.pk).duty_activity
    if act is None:
        return set()
    return set(act.participants.values_list("pk", flat=True))
