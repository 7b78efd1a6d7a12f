"""The outbox (wave2-references.md (d) "What a robust outbox must guarantee"; issue 18 "Notifications"):
same transaction, one key per (event, recipient, channel), retries after an outage, unknown results
checked not resent, limits, quiet hours, fallback, bad input refused with nothing stored."""

from datetime import datetime, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from renda.core.errors import Refused
from renda.notify import services
from renda.notify.models import Attempt, Notification, NotifyPolicy, Outbox, Preference, Status
from renda.notify.services import Address, notify
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

NOON = timezone.make_aware(datetime(2026, 12, 2, 12, 0))


@pytest.fixture(autouse=True)
def _noon(monkeypatch):
    """Outside the quiet hours unless a test says otherwise."""
    monkeypatch.setattr(timezone, "now", lambda: NOON)


def _user(**kw):
    return UserFactory(email=kw.pop("email", "dep@example.cn"), phone=kw.pop("phone", "13800001111"), **kw)


def test_inbox_and_outbox_rows_are_written_once_per_event_recipient_and_channel():
    # (d) 1–2: the unique key makes a second call for the same event a no-op
    u = _user()
    for _ in range(2):
        notify(
            [u],
            "message",
            {"title": "会议通知", "body": "周五开会"},
            channels=("inbox", "email", "sms"),
            event="m:1",
        )
    assert Notification.objects.filter(user=u).count() == 1
    assert sorted(Outbox.objects.values_list("key", flat=True)) == [f"m:1:u{u.pk}:email", f"m:1:u{u.pk}:sms"]


def test_a_rolled_back_business_change_leaves_no_inbox_or_outbox_row():
    u = _user()
    with pytest.raises(RuntimeError), transaction.atomic():
        notify([u], "message", {"title": "x"}, channels=("inbox", "sms"), event="m:2")
        raise RuntimeError("the business step failed")
    assert not Notification.objects.exists() and not Outbox.objects.exists()


def test_an_unknown_variable_in_the_context_is_refused_and_nothing_is_stored():
    u = _user()
    with pytest.raises(Refused) as exc:
        notify([u], "contact_accepted", {"title": "路灯", "tracking": "x"}, channels=("sms",), event="e")
    assert exc.value.code == "notify_variable_unknown" and "tracking" in exc.value.message
    assert not Notification.objects.exists() and not Outbox.objects.exists()


@pytest.mark.parametrize(
    ("address", "code"),
    [
        (Address(phone="1380000"), "notify_phone_invalid"),
        (Address(phone="23800001111"), "notify_phone_invalid"),
        (Address(email="not-an-email"), "notify_email_invalid"),
        (Address(), "notify_address_empty"),
    ],
)
def test_an_invalid_phone_or_email_is_refused_and_nothing_is_stored(address, code):
    u = _user()
    with pytest.raises(Refused) as exc:
        notify([u, address], "message", {"title": "x"}, channels=("inbox", "sms", "email"), event="bad")
    assert exc.value.code == code
    assert not Notification.objects.exists() and not Outbox.objects.exists()


def test_an_invalid_number_on_a_profile_is_not_sent_and_says_why():
    u = _user(phone="12345")
    notify([u], "message", {"title": "x"}, channels=("inbox", "sms"), event="p")
    row = Outbox.objects.get()
    assert row.status == Status.SKIPPED and "格式不正确" in row.last_error
    assert Notification.objects.filter(user=u).exists()  # the inbox still has it


def test_quiet_hours_hold_a_non_urgent_sms_until_eight_and_let_an_urgent_one_through(monkeypatch):
    # (d) 10: 22:00–08:00 renda default
    late = timezone.make_aware(datetime(2026, 12, 2, 23, 30))
    monkeypatch.setattr(timezone, "now", lambda: late)
    notify([Address(phone="13800002222")], "message", {"title": "x"}, channels=("sms",), event="q1")
    notify(
        [Address(phone="13800003333")], "message", {"title": "x"}, channels=("sms",), event="q2", urgent=True
    )
    held, urgent = Outbox.objects.order_by("id")
    assert timezone.localtime(held.next_attempt_at) == timezone.make_aware(datetime(2026, 12, 3, 8, 0))
    assert urgent.next_attempt_at == late
    assert services.dispatch(now=late) == {"sent": 1}


def test_the_rate_limit_spaces_sms_to_one_number_and_the_daily_cap_skips_the_rest(county):
    # (d) 5: at most one SMS per number per N minutes; the provider's daily cap
    NotifyPolicy.objects.create(body=county, sms_interval_minutes=10, sms_daily_cap=3)
    u = _user(body=county)
    for i in range(4):
        notify([u], "message", {"title": f"第{i}条"}, channels=("inbox", "sms"), event=f"r{i}")
    rows = list(Outbox.objects.order_by("id"))
    assert [r.next_attempt_at - NOON for r in rows[:3]] == [
        timedelta(0),
        timedelta(minutes=10),
        timedelta(minutes=20),
    ]
    assert rows[3].status == Status.SKIPPED and "每日短信上限 3 条" in rows[3].last_error
    assert Notification.objects.filter(user=u).count() == 4  # every one reached the inbox
    assert services.dispatch(now=NOON) == {"sent": 1}  # the others wait their turn


def test_email_goes_through_a_real_smtp_server_with_the_key_as_message_id(smtp):
    u = _user()
    notify([u], "message", {"title": "会议通知", "body": "周五九点"}, channels=("email",), event="mail:1")
    assert services.dispatch(now=NOON) == {"sent": 1}
    assert smtp.messages == [("dep@example.cn", "会议通知", f"<mail.1.u{u.pk}.email@renda.local>")]
    assert Outbox.objects.get().status == Status.SENT


def test_sms_is_retried_with_backoff_after_a_gateway_outage_and_sent_once(gateway):
    # issue 18: "nothing lost if … the gateway is down — sent when they come back"
    notify([Address(phone="13800004444")], "message", {"title": "x"}, channels=("sms",), event="out")
    gateway.mode = "down"
    assert services.dispatch(now=NOON) == {"retry": 1}
    row = Outbox.objects.get()
    assert row.status == Status.RETRY and "503" in row.last_error
    assert timedelta(seconds=30) <= row.next_attempt_at - NOON <= timedelta(seconds=60)
    assert services.dispatch(now=NOON + timedelta(seconds=20)) == {}  # not yet due
    later = NOON + timedelta(minutes=2)
    assert services.dispatch(now=later) == {"retry": 1}  # still down: the wait doubles
    row.refresh_from_db()
    assert timedelta(seconds=60) <= row.next_attempt_at - later <= timedelta(seconds=120)
    gateway.mode = "ok"
    assert services.dispatch(now=later + timedelta(minutes=5)) == {"sent": 1}
    assert sum(gateway.received.values()) == 1 and Attempt.objects.count() == 3


def test_a_gateway_that_never_comes_back_ends_dead_with_the_last_error(gateway, county):
    NotifyPolicy.objects.create(body=county, max_attempts=2)
    notify([_user(body=county)], "message", {"title": "x"}, channels=("sms",), event="dead")
    gateway.mode = "down"
    services.dispatch(now=NOON)
    services.dispatch(now=NOON + timedelta(hours=1))
    row = Outbox.objects.get()
    assert row.status == Status.DEAD and "已尝试 2 次" in row.last_error and "503" in row.last_error


def test_an_unknown_result_is_checked_by_receipt_not_resent(gateway):
    # (d) 2: Aliyun/Tencent do not dedupe: a timeout is reconciled from the receipt
    notify([Address(phone="13800005555")], "message", {"title": "x"}, channels=("sms",), event="unk")
    gateway.mode = "hang"  # the gateway takes the SMS and never answers
    assert services.dispatch(now=NOON) == {"unknown": 1}
    assert Outbox.objects.get().status == Status.CHECKING
    gateway.mode = "ok"
    assert services.dispatch(now=NOON + timedelta(hours=1)) == {}  # never claimed for a resend
    assert services.check(now=NOON + timedelta(minutes=1)) == {"sent": 1}
    row = Outbox.objects.get()
    assert row.status == Status.SENT and "回执" in row.last_error
    assert gateway.received[row.key] == 1


def test_wechat_goes_first_and_falls_back_to_sms_when_refused(gateway):
    # (d) 6: WeChat → SMS → inbox
    ok, bad = _user(username="ok"), _user(username="bad", phone="13800006666")
    Preference.objects.create(user=ok, wechat_openid="oOK123")
    Preference.objects.create(user=bad, wechat_openid="bad-openid")
    notify(
        [ok, bad],
        "suggestion_replied",
        {"title": "关于修缮城南小学操场的建议（第二批）", "due": "2026-12-20"},
        channels=("inbox", "wechat", "sms"),
        event="sr",
    )
    assert sorted(Outbox.objects.values_list("channel", flat=True)) == ["wechat", "wechat"]
    assert services.dispatch(now=NOON) == {"sent": 1, "permanent": 1}
    sms = Outbox.objects.get(channel="sms")
    assert sms.address == "13800006666" and sms.user == bad
    assert services.dispatch(now=NOON) == {"sent": 1}
    assert gateway.wechat["oOK123"] == 1 and gateway.received[sms.key] == 1
    wx = Outbox.objects.get(user=ok)
    assert all(len(v["value"]) <= 20 for v in wx.params.values())  # checked before sending


def test_staff_retry_a_dead_row_and_it_is_sent(gateway, staff):
    notify(
        [Address(phone="13800007777")],
        "message",
        {"title": "x"},
        channels=("sms",),
        event="rt",
        body=staff.body,
    )
    row = Outbox.objects.get()
    row.status, row.last_error = Status.DEAD, "已尝试 6 次：503"
    row.save()
    services.retry(row, by=staff)
    assert services.dispatch(now=timezone.now()) == {"sent": 1}
    with pytest.raises(Refused) as exc:
        services.retry(row, by=staff)
    assert exc.value.code == "notify_retry_not_failed"


def test_retention_cleanup_deletes_only_finished_rows_past_the_period():
    notify([Address(phone="13800008888")], "message", {"title": "x"}, channels=("sms",), event="old")
    notify([Address(phone="13800009999")], "message", {"title": "x"}, channels=("sms",), event="queued")
    Outbox.objects.filter(event="old").update(status=Status.SENT)
    Outbox.objects.update(created_at=NOON - timedelta(days=91))
    assert services.cleanup(now=NOON) == 1
    assert list(Outbox.objects.values_list("event", flat=True)) == ["queued"]  # never lose the unsent


def test_an_address_is_encrypted_at_rest_and_limits_still_match_it():
    # design.md "Security": field encryption for phone numbers; the limit compares a keyed hash
    from django.db import connection

    notify([Address(phone="13800001212")], "message", {"title": "x"}, channels=("sms",), event="enc1")
    notify([Address(phone="13800001212")], "message", {"title": "y"}, channels=("sms",), event="enc2")
    with connection.cursor() as cur:
        cur.execute("SELECT address, address_hash FROM notify_outbox")
        stored = cur.fetchall()
    assert all("13800001212" not in a and "13800001212" not in h for a, h in stored)
    first, second = Outbox.objects.order_by("id")
    assert first.address == "13800001212"
    assert second.next_attempt_at - first.next_attempt_at == timedelta(minutes=10)
