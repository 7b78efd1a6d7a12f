"""Changes after creation: a meeting's time and place, and removing an attendee (issue 17, house rules:
audited, refusals change nothing, the people concerned are told)."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.meetings import services
from renda.meetings.models import Attendee, AttendeeRemoval, Meeting, State
from renda.notify.models import Notification

from .conftest import at

pytestmark = pytest.mark.django_db


def test_a_draft_is_moved_without_notifying_anyone(meeting, staff):
    services.reschedule(meeting, starts_at=at(12), ends_at=at(12, 11), location="第二会议室", by=staff)
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.location) == (at(12), "第二会议室")
    assert not Notification.objects.filter(title__startswith="会议时间地点变更").exists()
    entry = AuditEntry.objects.filter(action="meeting.reschedule").get()
    assert set(entry.summary["changed"]) >= {"starts_at", "ends_at", "location"}


def test_after_the_notice_a_change_needs_a_reason_and_tells_every_attendee(meeting, staff, members):
    # 议事规则: the notice named a time and place; everyone called must learn of the change
    meeting = services.send_notice(meeting, by=staff)
    with pytest.raises(Refused) as e:
        services.reschedule(meeting, starts_at=at(11), ends_at=at(11, 12), location="第一会议室", by=staff)
    assert e.value.code == "reschedule_needs_reason"
    meeting.refresh_from_db()
    assert meeting.starts_at == at(10)
    services.reschedule(
        meeting,
        starts_at=at(11),
        ends_at=at(11, 12),
        location="第一会议室",
        reason="与县委会议冲突",
        by=staff,
    )
    told = Notification.objects.filter(title__startswith="会议时间地点变更")
    assert told.count() == meeting.attendees.count() == 6
    assert "与县委会议冲突" in told.first().body


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"starts_at": at(10, 12), "ends_at": at(10, 9)}, "meeting_end_before_start"),
        ({"starts_at": at(-1), "ends_at": at(1)}, "meeting_moved_to_past"),
        ({}, "meeting_unchanged"),
    ],
)
def test_bad_changes_are_refused_and_change_nothing(meeting, staff, change, code):
    values = {"starts_at": at(10), "ends_at": at(10, 12), "location": "第一会议室", **change}
    with pytest.raises(Refused) as e:
        services.reschedule(meeting, by=staff, **values)
    assert e.value.code == code
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at) == (at(10), at(10, 12))


def test_an_ended_meeting_cannot_be_moved_nor_its_people_changed(meeting, staff, members):
    Meeting.objects.filter(pk=meeting.pk).update(status=State.CLOSED)
    with pytest.raises(Refused) as e:
        services.reschedule(meeting, starts_at=at(12), ends_at=at(12, 12), location="x", by=staff)
    assert e.value.code == "meeting_over"
    with pytest.raises(Refused) as e:
        services.remove_attendee(meeting.attendees.get(user=members[0]), reason="调离", by=staff)
    assert e.value.code == "meeting_over"
    Meeting.objects.filter(pk=meeting.pk).update(
        status=State.NOTICED, starts_at=at(-2), ends_at=at(-2) + dt.timedelta(hours=2)
    )
    with pytest.raises(Refused) as e:
        services.reschedule(meeting, starts_at=at(3), ends_at=at(3, 12), location="x", by=staff)
    assert e.value.code == "meeting_ended"  # held, never opened in the system: still over
    assert meeting.attendees.count() == 6


def test_in_session_only_the_end_and_the_place_may_change(meeting, staff):
    Meeting.objects.filter(pk=meeting.pk).update(status=State.IN_SESSION, starts_at=timezone.now())
    meeting.refresh_from_db()
    with pytest.raises(Refused) as e:
        services.reschedule(meeting, starts_at=at(1), ends_at=at(1, 12), location="x", reason="r", by=staff)
    assert e.value.code == "meeting_started"
    services.reschedule(
        meeting, starts_at=meeting.starts_at, ends_at=at(1), location="大会议室", reason="延长", by=staff
    )
    meeting.refresh_from_db()
    assert meeting.location == "大会议室"


def test_someone_else_cannot_move_it(meeting, outsider):
    with pytest.raises(NotPermitted):
        services.reschedule(meeting, starts_at=at(12), ends_at=at(12, 12), location="x", by=outsider)


def test_removing_an_attendee_keeps_who_why_and_takes_them_off_the_duty_list(meeting, staff, members):
    meeting = services.send_notice(meeting, by=staff)
    a = meeting.attendees.get(user=members[1])
    r = services.remove_attendee(a, reason="已调离本县", by=staff)
    assert not Attendee.objects.filter(pk=a.pk).exists()
    assert (r.user, r.role, r.reason, r.removed_by) == (members[1], "member", "已调离本县", staff)
    assert meeting.duty_activity.participants.count() == 4  # not counted absent at closing
    assert Notification.objects.filter(user=members[1], title__startswith="参会安排变更").exists()
    assert AuditEntry.objects.filter(action="meeting.remove_attendee", object_id=str(meeting.pk)).exists()


def test_removal_needs_a_reason_and_is_refused_once_signed_in(meeting, staff, members):
    meeting = services.send_notice(meeting, by=staff)
    a = meeting.attendees.get(user=members[0])
    with pytest.raises(Refused) as e:
        services.remove_attendee(a, reason="  ", by=staff)
    assert e.value.code == "removal_needs_reason"
    services.sign_in_by_staff(a, by=staff)
    with pytest.raises(Refused) as e:
        services.remove_attendee(a, reason="误列", by=staff)
    assert e.value.code == "attendee_signed_in"
    assert Attendee.objects.filter(pk=a.pk).exists() and not AttendeeRemoval.objects.exists()


def test_the_preparation_page_keeps_what_was_typed_on_a_refusal(meeting, staff, members, login):
    c = login(staff)
    meeting = services.send_notice(meeting, by=staff)
    r = c.post(
        f"/work/meetings/{meeting.pk}/schedule/",
        {
            "starts_at": "2099-05-06T09:30",
            "ends_at": "2099-05-06T11:00",
            "location": "新址礼堂",
            "reason": "",
        },
    )
    page = r.content.decode()
    assert r.status_code == 422 and "修改时间地点须填写理由" in page
    assert "新址礼堂" in page and "2099-05-06T09:30" in page
    a = meeting.attendees.get(user=members[0])
    services.sign_in_by_staff(a, by=staff)
    r = c.post(f"/work/meetings/{meeting.pk}/attendees/remove/", {"attendee": a.pk, "reason": "误列入名单"})
    assert r.status_code == 422 and "已签到" in r.content.decode() and "误列入名单" in r.content.decode()
    b = meeting.attendees.get(user=members[2])
    r = c.post(f"/work/meetings/{meeting.pk}/attendees/remove/", {"attendee": b.pk, "reason": "误列入名单"})
    assert r.status_code == 302 and not Attendee.objects.filter(pk=b.pk).exists()
    page = c.get(f"/work/meetings/{meeting.pk}/prepare/").content.decode()
    assert "已移出（1）" in page and "误列入名单" in page
