"""代表列席常委会会议 (seeds 002 代表列席常委会会议制度): invitations in rotation, replies, attendance, speeches.

Rotation: every sitting invites the deputies invited least often this term, then those who waited longest,
so over a term no deputy is invited twice before every other deputy has been invited once (the counts of any
two deputies differ by at most one). Members of the standing committee sit there anyway and are skipped.
Attendance feeds the duty type sc_meeting, each speech the duty type speech (domain.md §3.3 Chunfu:
attendance and speeches score separately)."""

from collections.abc import Iterable
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.choices import CURRENT_STATUSES
from renda.deputies.models import Mandate
from renda.meetings import liaison_bridge as bridge

from .. import permissions
from ..choices import Reply
from ..models import Sitting, SittingInvitation, SittingSpeech
from .common import policy_for, record_duties, require_text


@transaction.atomic
def create_sitting(
    *, body, title: str = "", on: date | None = None, place: str = "", agenda: str = "", meeting=None, by
) -> Sitting:
    permissions.require_manage(by, body, action="安排代表列席")
    if meeting is not None:
        # planned for a meeting of the meetings app: its name, day and room unless the office typed others
        bridge.require_sittable(meeting, body)
        title = title.strip() or meeting.title
        on = timezone.localtime(meeting.starts_at).date()
        place = place.strip() or meeting.location
    title = require_text(title, "title_required", "请填写会议名称")
    if on is None:
        raise Refused("date_required", "请填写会议日期")
    row = Sitting(body=body, title=title, on=on, place=place.strip(), agenda=agenda.strip(), created_by=by)
    if meeting is not None:
        row.meeting_type, row.meeting_id = ContentType.objects.get_for_model(meeting), str(meeting.pk)
    row.save()
    audit.record("liaison.sitting_create", row, by=by, after={"on": str(on)})
    return row


def meeting_of(sitting: Sitting):
    """The meetings app's meeting this sitting is planned for, or None."""
    return bridge.meeting_of(sitting.meeting_type_id, sitting.meeting_id)


def sign_ins(sitting: Sitting) -> dict[int, object]:
    """For a sitting planned for a meeting: mandate id → that deputy's attendee row there (reply, sign-in)."""
    meeting = meeting_of(sitting)
    if meeting is None:
        return {}
    rows = bridge.observers(meeting)
    return {
        i.mandate_id: rows[i.mandate.person.user_id]
        for i in sitting.invitations.select_related("mandate__person")
        if i.mandate.person.user_id in rows
    }


def candidates(sitting: Sitting):
    """The congress's deputies serving on the sitting's day, minus the committee's own members, each with
    how often and when last they were invited this term."""
    from renda.meetings.selectors import members_of

    congress = permissions.congress_of(sitting.body)
    on = sitting.on
    members = members_of(sitting.body, on, voting_only=False).values("pk")
    return (
        Mandate.objects.filter(body=congress, status__in=CURRENT_STATUSES, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .exclude(person__user__in=members)
        .annotate(
            # a mandate belongs to one term, so all its invitations are this term's
            times=Count("sittings", distinct=True),
            last=Max("sittings__sitting__on"),
        )
        .select_related("person")
    )


def rotation(sitting: Sitting, n: int) -> list[Mandate]:
    """The next `n` deputies in rotation (least invited, longest waiting, then by name) not yet invited."""
    invited = sitting.invitations.values("mandate_id")
    pool = candidates(sitting).exclude(pk__in=invited)
    # Within the same count and wait, take one deputy from each delegation (township) in turn, so one
    # sitting hears several places rather than the alphabet's first names.
    ordered = sorted(pool, key=lambda m: (m.times, m.last or date.min, m.person.name_pinyin, m.pk))
    seen: dict[tuple, int] = {}
    turn = {}
    for m in ordered:
        key = (m.times, m.last, m.delegation_id)
        turn[m.pk] = seen.get(key, 0)
        seen[key] = turn[m.pk] + 1
    ordered.sort(
        key=lambda m: (m.times, m.last or date.min, turn[m.pk], m.delegation_id or 0, m.person.name_pinyin)
    )
    return ordered[:n]


@transaction.atomic
def invite_in_rotation(sitting: Sitting, *, count: int | None = None, by) -> list[SittingInvitation]:
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    permissions.require_manage(by, sitting.body, action="邀请代表列席")
    if sitting.attendance_taken:
        raise Refused("sitting_closed", "该会议已登记出席，不能再邀请")
    n = count if count is not None else policy_for(sitting.body).sitting_seats
    if n < 1:
        raise Refused("seats_required", "邀请人数至少为 1")
    chosen = rotation(sitting, n)
    if not chosen:
        raise Refused("no_candidates", "没有可邀请的代表（均已邀请或不在任）")
    rows = [SittingInvitation.objects.create(sitting=sitting, mandate=m) for m in chosen]
    meeting = meeting_of(sitting)
    if meeting is not None:
        # the meetings app's attendees are the list: the deputies are called there as 列席 (no vote)
        bridge.call_observers(meeting, chosen, by=by)
    audit.record("liaison.sitting_invite", sitting, by=by, after={"invited": len(rows)})
    users = [m.person.user_id for m in chosen]

    def send() -> None:
        from renda.notify.services import send_many

        send_many(
            users,
            title=f"邀请列席：{sitting.title}"[:200],
            body=f"{sitting.on:%Y-%m-%d} {sitting.place}。请在“列席会议”中答复是否参加。",
            url="/work/liaison/my/",
            dedupe_key=f"liaison:sitting:{sitting.pk}",
        )

    transaction.on_commit(send)
    return rows


@transaction.atomic
def reply(invitation: SittingInvitation, *, accept: bool, by) -> SittingInvitation:
    invitation = (
        SittingInvitation.objects.select_for_update()
        .select_related("sitting", "mandate__person")
        .get(pk=invitation.pk)
    )
    permissions.require_own(by, invitation.mandate, action="答复列席邀请")
    if invitation.sitting.attendance_taken or invitation.sitting.on < timezone.localdate():
        raise Refused("sitting_over", "会议已经召开，不能再答复")
    invitation.reply = Reply.ACCEPTED if accept else Reply.DECLINED
    invitation.save(update_fields=["reply"])
    meeting = meeting_of(invitation.sitting)
    if meeting is not None:
        bridge.answer(meeting, invitation.mandate, accept=accept, by=by)
    audit.record("liaison.sitting_reply", invitation, by=by, after={"reply": invitation.reply})
    return invitation


@transaction.atomic
def record_attendance(sitting: Sitting, *, present: Iterable[int], by) -> int:
    """Who sat in: each present deputy gets a duty record (sc_meeting). Once per sitting; not before it.
    For a sitting planned for a meeting of the meetings app: only after it closed, present = signed in there,
    and the record comes from the meeting's duty activity for the deputies it lists (never twice)."""
    sitting = Sitting.objects.select_for_update().get(pk=sitting.pk)
    permissions.require_manage(by, sitting.body, action="登记列席情况")
    if sitting.attendance_taken:
        raise Refused("attendance_already_recorded", "该会议已登记列席情况，不能重复登记")
    if sitting.on > timezone.localdate():
        raise Refused("sitting_not_held", "会议尚未召开，不能登记出席")
    invitations = list(sitting.invitations.select_related("mandate__person"))
    meeting = meeting_of(sitting)
    covered: set[int] = set()
    if meeting is not None:
        # the meeting's sign-in is the attendance (QR or by staff), and the meeting's own duty activity
        # writes the sc_meeting record of each deputy it lists: one record per deputy, never two (§3.1)
        if not bridge.is_over(meeting):
            raise Refused("sitting_meeting_open", "会议尚未闭会：列席出席以会议签到为准，闭会后再登记")
        came, called = bridge.signed_in(meeting), set(bridge.observers(meeting))
        ids = {i.mandate_id for i in invitations if i.mandate.person.user_id in came}
        # a deputy with no account is not on the meeting's list: the paper sheet (ticked here) counts
        ids |= set(present) & {i.mandate_id for i in invitations if i.mandate.person.user_id not in called}
        covered = bridge.duty_covers(meeting)
    else:
        ids = set(present)
    unknown = ids - {i.mandate_id for i in invitations}
    if unknown:
        raise Refused("present_not_invited", "出席名单中有未受邀列席的代表")
    for inv in invitations:
        inv.attended = inv.mandate_id in ids
        inv.save(update_fields=["attended"])
    attended = [inv for inv in invitations if inv.attended]
    for inv in (i for i in attended if i.mandate_id not in covered):
        record_duties(
            [inv.mandate], code="sc_meeting", on=sitting.on, source=inv, title=f"列席{sitting.title}"
        )
    sitting.attendance_taken = True
    sitting.save(update_fields=["attendance_taken"])
    audit.record(
        "liaison.sitting_attendance",
        sitting,
        by=by,
        after={"present": len(attended), "from_meeting": meeting is not None},
    )
    return len(attended)


@transaction.atomic
def add_speech(invitation: SittingInvitation, *, subject: str, content: str, by) -> SittingSpeech:
    """A speech made while sitting in (审议发言): a duty record of type speech. Only a deputy who attended."""
    invitation = SittingInvitation.objects.select_related("sitting", "mandate__person").get(pk=invitation.pk)
    permissions.require_manage(by, invitation.sitting.body, action="登记列席发言")
    if not invitation.attended:
        raise Refused("speaker_not_present", "只能为出席会议的列席代表登记发言")
    subject = require_text(subject, "subject_required", "请填写发言的议题")
    content = require_text(content, "content_required", "请填写发言要点")
    row = SittingSpeech.objects.create(invitation=invitation, subject=subject, content=content)
    record_duties(
        [invitation.mandate],
        code="speech",
        on=invitation.sitting.on,
        source=row,
        title=f"列席{invitation.sitting.title}发言：{subject}",
    )
    audit.record("liaison.sitting_speech", row, by=by, after={"invitation": invitation.pk})
    return row
