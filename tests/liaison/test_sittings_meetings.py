"""代表列席 for a standing-committee meeting that exists in the meetings app (seeds 002 代表列席常委会会议制度):
the rotation calls the deputies there as non-voting 列席 attendees, their sign-in is the attendance, and the
sitting-in counts once in the duty ledger (domain.md §3.1: one record per activity and deputy; §3.3 Chunfu:
attendance and speeches score separately)."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties.models import DutyRecord
from renda.liaison import services
from renda.liaison.models import SittingInvitation
from renda.meetings import services as meetings
from renda.meetings.models import Attendee, AttendeeRole, Kind, Meeting, Reply, State
from tests.factories.core import BodyFactory, UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory


def _at(days: int, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=days), dt.time(hour), tzinfo=timezone.get_current_timezone()
    )


@pytest.fixture
def meeting(standing_committee, staff, member):
    m = meetings.create_meeting(
        body=standing_committee,
        kind=Kind.STANDING_COMMITTEE,
        title="县十七届人大常委会第二十次会议",
        starts_at=_at(10),
        ends_at=_at(10, 12),
        location="常委会第一会议室",
        by=staff,
    )
    meetings.add_item(m, title="审议县政府关于农村道路养护的报告", by=staff)
    return m


@pytest.fixture
def two_deputies(county, own_mandate):
    user = UserFactory(username="qian", full_name="钱代表", role="deputy", body=county)
    return [own_mandate, MandateFactory(body=county, person=PersonFactory(name="钱代表", user=user))]


def _close(meeting):
    # the chair's quorum and agenda are the meetings app's own tests; here the meeting simply has closed
    Meeting.objects.filter(pk=meeting.pk).update(status=State.CLOSED, closed_at=timezone.now())
    meeting.refresh_from_db()


def test_rotation_calls_the_deputies_as_non_voting_attendees(
    staff, standing_committee, meeting, two_deputies
):
    sitting = services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    assert (sitting.title, sitting.on, sitting.place) == (
        meeting.title,
        timezone.localdate() + dt.timedelta(days=10),
        "常委会第一会议室",
    )
    services.invite_in_rotation(sitting, count=2, by=staff)
    called = Attendee.objects.filter(meeting=meeting, role=AttendeeRole.OBSERVER)
    assert {a.user_id for a in called} == {m.person.user_id for m in two_deputies}
    assert not any(a.votes for a in called)
    assert set(services.sign_ins(sitting)) == {m.pk for m in two_deputies}


def test_a_reply_goes_to_the_meeting_and_a_no_frees_the_place(
    staff, standing_committee, meeting, two_deputies, deputy_user
):
    sitting = services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    services.invite_in_rotation(sitting, count=2, by=staff)
    mine, theirs = (SittingInvitation.objects.get(mandate=m) for m in two_deputies)
    services.reply(mine, accept=True, by=deputy_user)
    assert Attendee.objects.get(meeting=meeting, user=deputy_user).reply == Reply.CONFIRMED
    services.reply(theirs, accept=False, by=two_deputies[1].person.user)
    # declining an invitation to sit in is not an absence: no longer called, so no absent record later
    assert not Attendee.objects.filter(meeting=meeting, user=two_deputies[1].person.user).exists()


def test_sign_in_at_the_meeting_is_the_attendance_and_counts_once(
    staff, standing_committee, meeting, two_deputies, deputy_user
):
    sitting = services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    services.invite_in_rotation(sitting, count=1, by=staff)  # before the notice
    meetings.send_notice(meeting, by=staff)
    services.invite_in_rotation(sitting, count=1, by=staff)  # after it: joins the meeting's duty activity
    meeting.refresh_from_db()
    assert set(meeting.duty_activity.participants.values_list("pk", flat=True)) >= {
        m.pk for m in two_deputies
    }
    present_user = two_deputies[0].person.user
    meetings.sign_in_by_staff(Attendee.objects.get(meeting=meeting, user=present_user), by=staff)

    # the meeting is today (moved from ten days ahead): the day has come but it has not closed yet
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=_at(0, 0), ends_at=_at(0, 1))
    meeting.duty_activity.__class__.objects.filter(pk=meeting.duty_activity_id).update(
        start=timezone.localdate(), end=timezone.localdate()
    )
    sitting.__class__.objects.filter(pk=sitting.pk).update(on=timezone.localdate())
    with pytest.raises(Refused) as exc:  # not before the meeting closed; nothing changes
        services.record_attendance(sitting, present=[two_deputies[1].pk], by=staff)
    assert exc.value.code == "sitting_meeting_open"
    assert not SittingInvitation.objects.filter(attended__isnull=False).exists()

    _close(meeting)
    meetings.record_duty_attendance(meeting, by=staff)
    # ticking the absent deputy on the form does not override the meeting's sign-in list
    services.record_attendance(sitting, present=[two_deputies[1].pk], by=staff)
    attended = dict(SittingInvitation.objects.values_list("mandate_id", "attended"))
    assert attended == {two_deputies[0].pk: True, two_deputies[1].pk: False}
    sc = Counter(DutyRecord.objects.filter(duty_type__code="sc_meeting").values_list("mandate_id", "outcome"))
    assert sc[(two_deputies[0].pk, "attended")] == 1
    assert sum(n for (m, _), n in sc.items() if m == two_deputies[0].pk) == 1  # one record, never two
    services.add_speech(
        SittingInvitation.objects.get(mandate=two_deputies[0]),
        subject="农村道路养护",
        content="建议把村道养护资金列入预算",
        by=staff,
    )
    assert DutyRecord.objects.filter(mandate=two_deputies[0], duty_type__code="speech").count() == 1


def test_a_deputy_without_an_account_is_ticked_from_the_paper_sheet(
    staff, standing_committee, meeting, other_mandate
):
    sitting = services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    services.invite_in_rotation(sitting, count=1, by=staff)
    assert not Attendee.objects.filter(meeting=meeting, role=AttendeeRole.OBSERVER).exists()
    _close(meeting)
    sitting.__class__.objects.filter(pk=sitting.pk).update(on=timezone.localdate())
    services.record_attendance(sitting, present=[other_mandate.pk], by=staff)
    assert DutyRecord.objects.filter(mandate=other_mandate, duty_type__code="sc_meeting").count() == 1


def test_a_meeting_of_another_body_or_over_is_refused(staff, standing_committee, meeting, county):
    other = BodyFactory(name="白水县人大常委会", kind="standing_committee", parent=county)
    with pytest.raises(Refused) as exc:
        services.create_sitting(body=other, meeting=meeting, by=staff)
    assert exc.value.code in ("sitting_meeting_other_body", "liaison_not_permitted")
    _close(meeting)
    with pytest.raises(Refused) as exc:
        services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    assert exc.value.code == "sitting_meeting_over"
    from renda.liaison.models import Sitting

    assert not Sitting.objects.exists()


def test_a_reply_given_in_the_meeting_shows_on_the_phone_card(
    login, staff, standing_committee, meeting, own_mandate, deputy_user
):
    sitting = services.create_sitting(body=standing_committee, meeting=meeting, by=staff)
    services.invite_in_rotation(sitting, count=1, by=staff)
    page = login(deputy_user).get("/work/liaison/my/").content.decode()
    assert f"/work/meetings/{meeting.pk}/" in page and 'name="accept"' in page
    meetings.send_notice(meeting, by=staff)
    meetings.reply(Attendee.objects.get(meeting=meeting, user=deputy_user), attend=True, by=deputy_user)
    page = login(deputy_user).get("/work/liaison/my/").content.decode()
    assert "已在会议中答复：确认参加" in page and 'name="accept"' not in page
