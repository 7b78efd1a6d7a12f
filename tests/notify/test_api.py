"""/api/v1/notifications… (issue 18; docs/notify.md "API"): one's own inbox paged and filtered, mark read,
preferences read and update; another user's notice is 404, bad input 422, an invalid phone a 409 refusal."""

import pytest

from renda.notify.models import Notification, Preference
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inbox(deputy_user):
    rows = [Notification.objects.create(user=deputy_user, title=f"会议通知 {k}") for k in range(3)]
    Notification.objects.create(user=deputy_user, title="建议已答复")
    return rows


def test_the_inbox_is_paged_and_filtered_and_only_ones_own(login, deputy_user, inbox):
    Notification.objects.create(user=UserFactory(), title="别人的会议通知")
    c = login(deputy_user)
    r = c.get("/api/v1/notifications?limit=2")
    assert r.status_code == 200 and r.json()["count"] == 4 and len(r.json()["items"]) == 2
    r = c.get("/api/v1/notifications", {"q": "会议"})
    assert r.json()["count"] == 3 and all("会议" in i["title"] for i in r.json()["items"])
    inbox[0].read_at = inbox[0].created_at
    inbox[0].save()
    assert c.get("/api/v1/notifications?unread=true").json()["count"] == 3
    assert c.get("/api/v1/notifications?unread=false").json()["count"] == 1
    Notification.objects.filter(pk=inbox[2].pk).update(created_at="2026-01-02T08:00:00+08:00")
    assert c.get("/api/v1/notifications?since=2026-06-01").json()["count"] == 3


@pytest.mark.parametrize(
    "query",
    [
        "limit=501",
        "offset=-1",
        "q=" + "长" * 51,
        "q=a%00b",
        "since=yesterday",
        "since=0.5",
        "since=2026-12-03T10:00",
        "unread=maybe",
    ],
)
def test_unbounded_or_malformed_filters_are_422(login, deputy_user, query):
    r = login(deputy_user).get("/api/v1/notifications?" + query)
    assert r.status_code == 422 and r.json()["code"] == "invalid_input"


def test_mark_read_is_for_ones_own_notice_only(login, deputy_user, inbox):
    c = login(deputy_user)
    r = c.post(f"/api/v1/notifications/{inbox[1].pk}/read")
    assert r.status_code == 200 and r.json()["read_at"]
    other = Notification.objects.create(user=UserFactory(), title="别人的")
    assert c.post(f"/api/v1/notifications/{other.pk}/read").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_preferences_are_read_and_updated_partially(login, deputy_user):
    c = login(deputy_user)
    assert c.get("/api/v1/notifications/preferences").json()["sms_on"] is True
    r = c.post(
        "/api/v1/notifications/preferences",
        {"sms_on": False, "phone": "139 0000 1234"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["sms_on"] is False and r.json()["phone"] == "13900001234"
    r = c.post("/api/v1/notifications/preferences", {"digest_on": True}, content_type="application/json")
    assert r.json()["phone"] == "13900001234" and r.json()["sms_on"] is False  # left out = kept


def test_an_invalid_phone_is_refused_and_nothing_changes(login, deputy_user):
    c = login(deputy_user)
    r = c.post("/api/v1/notifications/preferences", {"phone": "12345"}, content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "notify_phone_invalid"
    assert not Preference.objects.filter(user=deputy_user, phone="12345").exists()
    r = c.post("/api/v1/notifications/preferences", {"email": "a\x00b"}, content_type="application/json")
    assert r.status_code == 422
