"""代表活动提前通知 (issue 18 "deputies … when a meeting or activity is announced, N days ahead"): meetings'
notices, reminders and cancellations and liaison's planned activities reach deputies by SMS/WeChat as well
as the inbox, per the body's notify policy and each person's preferences, once per event."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.liaison import services as liaison
from renda.meetings import services as meetings
from renda.notify.models import Channel, Notification, NotifyPolicy, Outbox, Preference
from renda.notify.services import dispatch
from tests.liaison.conftest import own_mandate  # noqa: F401  (fixture)
from tests.meetings.conftest import at, meeting, members  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _phones(users, numbers):
    for u, n in zip(users, numbers, strict=False):
        u.phone = n
        u.save(update_fields=["phone"])


def _sms(event: str) -> list[str]:
    return sorted(Outbox.objects.filter(event=event, channel=Channel.SMS).values_list("address", flat=True))


def test_an_announced_meeting_sends_one_sms_per_deputy_with_a_phone_and_none_twice(
    meeting,  # noqa: F811
    members,  # noqa: F811
    deputy_user,
    staff,
):
    # the five members and the deputy called; three have a mobile, one switched SMS off
    _phones(members, ["13800000001", "13800000002", "", "13800000004", ""])
    Preference.objects.create(user=members[3], sms_on=False)
    called = list(meeting.attendees.values_list("user_id", flat=True))
    assert set(called) >= {u.pk for u in members} | {deputy_user.pk}
    meetings.send_notice(meeting, by=staff)
    event = f"meetings:notice:{meeting.pk}"
    assert _sms(event) == ["13800000001", "13800000002"]
    assert Notification.objects.filter(dedupe_key=event).count() == len(called)  # everyone has the inbox
    # the reminder job runs twice (every minute in production): one reminder SMS each, never two
    soon = at(10) - dt.timedelta(hours=2)
    assert meetings.remind_due(now=soon) == 1
    assert meetings.remind_due(now=soon) == 0  # nobody new to tell: the second run changes nothing
    assert _sms(f"meetings:remind:{meeting.pk}") == ["13800000001", "13800000002"]
    assert dispatch(now=timezone.now() + dt.timedelta(days=1)).get("sent", 0) >= 2  # the log adapter sends


def test_the_body_policy_can_keep_announcements_in_the_inbox(meeting, members, standing_committee, staff):  # noqa: F811
    NotifyPolicy.objects.create(body=standing_committee, announce_channels=0)
    _phones(members, ["13800000001"])
    meetings.send_notice(meeting, by=staff)
    assert not Outbox.objects.filter(event=f"meetings:notice:{meeting.pk}").exists()
    assert Notification.objects.filter(dedupe_key=f"meetings:notice:{meeting.pk}", user=members[0]).exists()


def test_a_cancelled_meeting_is_announced_by_sms_to_those_told(meeting, members, staff):  # noqa: F811
    _phones(members, ["13800000001"])
    meetings.send_notice(meeting, by=staff)
    meetings.cancel(meeting, reason="议程调整", by=staff)
    assert _sms(f"meetings:cancel:{meeting.pk}") == ["13800000001"]


def test_a_planned_activity_is_announced_by_sms_once(staff, standing_committee, deputy_user, own_mandate):  # noqa: F811
    # domain.md §4: deputies told 3 days ahead; issue 18: by SMS too, once per activity
    _phones([deputy_user], ["13900000009"])
    plan = liaison.create_plan(body=standing_committee, year=timezone.localdate().year, by=staff)
    start = dt.date(timezone.localdate().year, 12, 20)
    act = liaison.add_activity(
        plan, kind="inspection", title="视察农村饮水安全", start=start, mandates=[own_mandate], by=staff
    )
    assert liaison.notify_due(on=start - dt.timedelta(days=3)) == 1
    assert liaison.notify_due(on=start - dt.timedelta(days=3)) == 0
    liaison.notify(act, by=staff)  # staff press 发送活动通知 again: no second SMS
    rows = Outbox.objects.filter(event=f"liaison:plan:{act.pk}", channel=Channel.SMS)
    assert [r.address for r in rows] == ["13900000009"]
    assert "视察农村饮水安全" in rows[0].text
    assert (
        Notification.objects.get(user=deputy_user, dedupe_key=f"liaison:plan:{act.pk}").url
        == "/work/liaison/my/"
    )
