"""The meeting's life cycle, notice, replies and leave, quorum, attendance into duty records."""

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.duties.models import DutyRecord, LeaveRequest
from renda.meetings import selectors, services
from renda.meetings.models import Attendee, AttendeeRole, LeaveState, Meeting, MeetingPolicy, Reply, State
from renda.notify.models import Notification

from .conftest import at

pytestmark = pytest.mark.django_db


def test_members_are_called_with_a_vote_and_observers_without(meeting, members, deputy_user):
    roles = dict(meeting.attendees.values_list("user_id", "role"))
    assert all(roles[u.pk] == AttendeeRole.MEMBER for u in members)
    assert roles[deputy_user.pk] == AttendeeRole.OBSERVER
    assert selectors.quorum(meeting).total == 5  # observers never count for the quorum


def test_a_voting_seat_for_someone_not_in_the_body_is_refused(meeting, staff, outsider):
    with pytest.raises(Refused) as e:
        services.add_attendees(meeting, users=[outsider], role=AttendeeRole.MEMBER, by=staff)
    assert e.value.code == "member_not_seated"
    assert not meeting.attendees.filter(user=outsider).exists()


def test_end_before_start_is_refused(standing_committee, staff):
    with pytest.raises(Refused) as e:
        services.create_meeting(
            body=standing_committee,
            kind="standing_committee",
            title="x",
            starts_at=at(3, 12),
            ends_at=at(3, 9),
            by=staff,
        )
    assert e.value.code == "meeting_end_before_start"


def test_staff_of_another_township_cannot_prepare(standing_committee, outsider):
    with pytest.raises(NotPermitted):
        services.create_meeting(
            body=standing_committee,
            kind="standing_committee",
            title="x",
            starts_at=at(3),
            ends_at=at(3, 12),
            by=outsider,
        )


def test_notice_goes_to_everyone_and_lists_the_deputies_as_a_duty_activity(meeting, staff, members):
    # domain.md §6 / 议事规则: notice N days ahead; the deputies called become a duties.Activity
    m = services.send_notice(meeting, by=staff)
    assert m.status == State.NOTICED
    assert Notification.objects.filter(user__in=members, title__startswith="会议通知").count() == 5
    assert m.duty_activity is not None
    # the five members hold county seats; the observing deputy user has none here, so is not listed
    assert m.duty_activity.participants.count() == 5


def test_notice_later_than_the_body_rule_needs_a_reason(meeting, staff, standing_committee):
    MeetingPolicy.objects.create(body=standing_committee, notice_days=14)
    with pytest.raises(Refused) as e:
        services.send_notice(meeting, by=staff)
    assert e.value.code == "notice_too_late"
    assert Meeting.objects.get(pk=meeting.pk).status == State.DRAFT
    assert (
        services.send_notice(meeting, urgent_reason="临时会议：审议紧急事项", by=staff).status
        == State.NOTICED
    )


def test_congress_notice_defaults_to_a_month(county):
    assert services.policy_for(county).notice_days == 30


def test_notice_without_agenda_is_refused(standing_committee, staff, members):
    m = services.create_meeting(
        body=standing_committee,
        kind="standing_committee",
        title="x",
        starts_at=at(10),
        ends_at=at(10, 12),
        by=staff,
    )
    with pytest.raises(Refused) as e:
        services.send_notice(m, by=staff)
    assert e.value.code == "notice_without_agenda"


def test_a_deputys_leave_goes_into_the_duties_leave_flow(meeting, staff, members):
    # domain.md §3.1: 书面请假，经批准 — the duties app's leave request, with its approver
    meeting = services.send_notice(meeting, by=staff)
    a = meeting.attendees.get(user=members[0])
    a = services.reply(a, attend=False, reason="外出学习", by=members[0])
    assert a.reply == Reply.LEAVE and a.leave_state == LeaveState.PENDING
    leave = LeaveRequest.objects.get(pk=a.leave_request_id)
    assert leave.activity_id == meeting.duty_activity_id and leave.status == "pending"
    services.decide_leave(a, approve=True, by=staff)
    leave.refresh_from_db()
    assert leave.status == "approved"
    assert Attendee.objects.get(pk=a.pk).leave_state == LeaveState.APPROVED


def test_leave_without_reason_and_someone_elses_reply_are_refused(meeting, staff, members):
    meeting = services.send_notice(meeting, by=staff)
    a = meeting.attendees.get(user=members[0])
    with pytest.raises(Refused) as e:
        services.reply(a, attend=False, reason=" ", by=members[0])
    assert e.value.code == "leave_needs_reason"
    with pytest.raises(Refused) as e:
        services.reply(a, attend=True, by=members[1])
    assert e.value.code == "not_your_invitation"
    assert Attendee.objects.get(pk=a.pk).reply == Reply.PENDING


def test_reply_before_the_notice_is_refused(meeting, members):
    a = meeting.attendees.get(user=members[0])
    with pytest.raises(Refused) as e:
        services.reply(a, attend=True, by=members[0])
    assert e.value.code == "reply_closed"


def test_open_without_quorum_is_refused_and_with_it_allowed(meeting, staff, leader, members):
    # 地方组织法: 全体组成人员过半数出席 — 5 members: 2 is not more than half, 3 is
    meeting = services.send_notice(meeting, by=staff)
    rows = list(meeting.attendees.filter(role=AttendeeRole.MEMBER))
    for a in rows[:2]:
        services.sign_in_by_staff(a, by=staff)
    with pytest.raises(Refused) as e:
        services.open_meeting(meeting, by=leader)
    assert e.value.code == "quorum_not_met"
    assert "须至少3人" in e.value.message
    services.sign_in_by_staff(rows[2], by=staff)
    assert services.open_meeting(meeting, by=leader).status == State.IN_SESSION


def test_quorum_policy_two_thirds_at_least(standing_committee):
    p = MeetingPolicy(body=standing_committee, quorum_numerator=2, quorum_denominator=3, quorum_strict=False)
    assert p.quorum_needed(15) == 10 and p.quorum_met(10, 15) and not p.quorum_met(9, 15)
    half = MeetingPolicy(body=standing_committee)
    assert half.quorum_needed(15) == 8 and half.quorum_needed(14) == 8 and not half.quorum_met(7, 14)


def test_closing_feeds_absence_without_leave_to_duty_records(meeting, staff, leader, members, deputy_user):
    # domain.md §3.1: signed in → attended; approved leave → leave; otherwise absent without leave
    meeting = services.send_notice(meeting, by=staff)
    services.reply(meeting.attendees.get(user=members[4]), attend=False, reason="病假", by=members[4])
    services.decide_leave(meeting.attendees.get(user=members[4]), approve=True, by=staff)
    for a in meeting.attendees.filter(user__in=members[:3]):
        services.sign_in_by_staff(a, by=staff)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now())
    type(meeting.duty_activity).objects.filter(pk=meeting.duty_activity_id).update(
        start=timezone.localdate(), end=timezone.localdate()
    )
    services.open_meeting(meeting, by=leader)
    services.close_meeting(meeting, by=staff)
    outcomes = dict(
        DutyRecord.objects.filter(activity=meeting.duty_activity).values_list(
            "mandate__person__user", "outcome"
        )
    )
    assert [outcomes[u.pk] for u in members] == ["attended"] * 3 + ["absent", "leave"]
    assert deputy_user.pk not in outcomes  # no seat in the county congress in this test
    with pytest.raises(Refused):
        services.record_duty_attendance(meeting, by=staff)  # not twice


def test_a_leader_closing_leaves_the_duty_attendance_to_staff(meeting, staff, leader, members):
    meeting = services.send_notice(meeting, by=staff)
    for a in meeting.attendees.filter(user__in=members[:3]):
        services.sign_in_by_staff(a, by=staff)
    type(meeting.duty_activity).objects.filter(pk=meeting.duty_activity_id).update(
        start=timezone.localdate(), end=timezone.localdate()
    )
    services.open_meeting(meeting, by=leader)
    m = services.close_meeting(meeting, by=leader)
    assert not DutyRecord.objects.filter(activity=m.duty_activity).exists()
    assert services.record_duty_attendance(m, by=staff)["attended"] == 3


def test_minutes_are_drafted_edited_and_approved_by_a_leader(meeting, staff, leader, members):
    meeting = services.send_notice(meeting, by=staff)
    for a in meeting.attendees.filter(user__in=members[:3]):
        services.sign_in_by_staff(a, by=staff)
    services.open_meeting(meeting, by=leader)
    m = services.close_meeting(meeting, by=leader)
    assert "应到组成人员5人，实到3人" in m.minutes and "审议工作报告" in m.minutes
    with pytest.raises(NotPermitted):
        services.approve_minutes(m, by=staff)  # domain.md §6: the chair signs off
    services.save_minutes(m, text=m.minutes + "\n议定：同意报告。", by=staff)
    m = services.approve_minutes(m, by=leader)
    assert m.status == State.APPROVED
    with pytest.raises(Refused) as e:
        services.save_minutes(m, text="改", by=staff)
    assert e.value.code == "minutes_not_editable"


def test_minutes_docx_is_a_word_document(meeting):
    import io

    from docx import Document

    from renda.meetings.services import minutes

    d = Document(io.BytesIO(minutes.as_docx(meeting)))
    assert "常委会第一次会议纪要" in d.paragraphs[0].text


def test_reminder_is_sent_once(meeting, staff, members):
    meeting = services.send_notice(meeting, by=staff)
    services.remind(meeting, by=staff)
    services.remind(meeting, by=staff)
    assert Notification.objects.filter(user=members[0], title__startswith="会议提醒").count() == 1


def test_remind_due_reminds_meetings_within_the_policy_hours(meeting, staff, members):
    meeting = services.send_notice(meeting, by=staff)
    assert services.remind_due() == 0  # ten days ahead, policy 24 h
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timezone.timedelta(hours=5))
    assert services.remind_due() == 1


def test_remind_due_run_again_in_the_window_writes_nothing_and_tells_only_the_newly_called(
    meeting, staff, members, county, standing_committee
):
    """Issue 21: a worker killed mid-task loses nothing, and a second run adds nothing. The job runs every
    15 minutes through the reminder window; it used to audit a reminder at each run though nobody was told."""
    from renda.core.models import AuditEntry
    from tests.factories.core import UserFactory

    meeting = services.send_notice(meeting, by=staff)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timezone.timedelta(hours=5))
    audited = AuditEntry.objects.filter(action="meeting.remind")
    assert services.remind_due() == 1
    assert services.remind_due() == 0 and audited.count() == 1
    late = UserFactory(username="late", body=standing_committee)
    services.add_attendees(meeting, users=[late], role=AttendeeRole.OBSERVER, capacity="列席", by=staff)
    assert services.remind_due() == 1 and audited.count() == 2
    assert Notification.objects.filter(user=late, title__startswith="会议提醒").count() == 1
    assert Notification.objects.filter(user=members[0], title__startswith="会议提醒").count() == 1


def test_congress_session_has_one_meeting_per_delegation(county, staff):
    from tests.factories.deputies import DelegationFactory

    d = DelegationFactory(body=county, name="城关代表团")
    s = services.create_meeting(
        body=county, kind="congress_session", title="县人代会", starts_at=at(40), ends_at=at(43), by=staff
    )
    part = services.create_meeting(
        body=county,
        kind="delegation",
        title="城关代表团全体会议",
        starts_at=at(40),
        ends_at=at(40, 12),
        session=s,
        delegation=d,
        by=staff,
    )
    assert list(s.parts.all()) == [part]
    with pytest.raises(Refused) as e:
        services.create_meeting(
            body=county,
            kind="delegation",
            title="again",
            starts_at=at(40),
            ends_at=at(40, 12),
            session=s,
            delegation=d,
            by=staff,
        )
    assert e.value.code == "delegation_twice"


def test_policy_is_saved_per_body_and_checked(standing_committee, staff, township_staff, township_a):
    row = services.save_policy(standing_committee, notice_days=10, by=staff)
    assert row.notice_days == 10 and services.policy_for(standing_committee).notice_days == 10
    with pytest.raises(Refused) as e:
        services.save_policy(standing_committee, quorum_numerator=3, quorum_denominator=2, by=staff)
    assert e.value.code == "quorum_fraction_invalid"
    assert services.policy_for(standing_committee).quorum_numerator == 1
    with pytest.raises(NotPermitted):
        services.save_policy(standing_committee, notice_days=3, by=township_staff)


def test_policy_page(staff, login):
    c = login(staff)
    assert "提前通知天数" in c.get("/work/meetings/policy/").content.decode()
    r = c.post(
        "/work/meetings/policy/",
        {
            "notice_days": 5,
            "quorum_numerator": 2,
            "quorum_denominator": 3,
            "code_seconds": 5,
            "reminder_hours": 24,
            "document_max_mb": 20,
        },
    )
    assert r.status_code == 422 and "不能少于10秒" in r.content.decode()


def test_session_page_lists_the_suggestions_of_its_days(county, staff, login):
    s = services.create_meeting(
        body=county, kind="congress_session", title="县人代会", starts_at=at(0, 0), ends_at=at(2), by=staff
    )
    page = login(staff).get(f"/work/meetings/{s.pk}/").content.decode()
    assert "大会期间收到的建议、议案" in page
