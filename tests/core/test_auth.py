"""Sign-in, lockout, second factor and sessions (issue 4 "Security"; domain.md §7.1)."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from renda.core.models import AuditEntry
from tests.factories.core import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client, username, password=PASSWORD):
    return client.post("/work/accounts/login/", {"username": username, "password": password})


def test_passwords_are_hashed_with_argon2_in_production():
    assert settings.PASSWORD_HASHERS[-2].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=settings.PASSWORD_HASHERS[1:]):
        assert identify_hasher(make_password("Some-pass-2026")).algorithm == "argon2"


@pytest.mark.parametrize("weak", ["short1A!", "alllowercaseletters", "lowercase123456"])
def test_password_policy_refuses_weak_passwords(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)


def test_password_policy_accepts_ten_chars_three_classes():
    validate_password("Qingshan-2026")


def test_wrong_password_is_refused_in_chinese_and_audited(deputy_user):
    r = _login(Client(), "deputy", "wrong-password")
    assert r.status_code == 200 and "用户名或密码错误" in r.content.decode()
    assert AuditEntry.objects.filter(action="login_failed", object_repr="deputy").exists()


def test_login_and_logout_are_audited(deputy_user):
    c = Client()
    assert _login(c, "deputy").status_code == 302
    c.post("/work/accounts/logout/")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["login", "logout"]
    assert AuditEntry.objects.get(action="login").ip == "127.0.0.1"


def test_five_failures_lock_the_account_for_thirty_minutes(deputy_user):
    c = Client()
    for _ in range(5):
        _login(c, "deputy", "wrong-password")
    r = _login(c, "deputy")  # even the right password is refused now
    assert r.status_code == 429 and "锁定 30 分钟" in r.content.decode()
    assert 1700 <= int(r["Retry-After"]) <= 1800  # until the lock ends, counted from the last failure
    assert "_auth_user_id" not in c.session
    assert AuditEntry.objects.filter(action="login_locked").exists()
    assert settings.AXES_COOLOFF_TIME == 0.5


@override_settings(RENDA_DEMO=False)
def test_staff_must_enrol_and_pass_totp_before_anything_else(staff):
    c = Client()
    assert _login(c, "staff").status_code == 302
    r = c.get("/work/")
    assert r.status_code == 302 and r.url == "/work/accounts/otp/"
    page = c.get("/work/accounts/otp/")
    assert "绑定手机验证器" in page.content.decode() and "data:image/svg+xml" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff)
    bad = c.post("/work/accounts/otp/", {"token": "000000" if totp(device.bin_key) != 0 else "111111"})
    assert bad.status_code == 422 and "验证码不正确" in bad.content.decode()
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    good = c.post("/work/accounts/otp/", {"token": f"{totp(device.bin_key):06d}"})
    assert good.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert c.get("/work/").status_code == 200
    assert AuditEntry.objects.filter(action="otp_enrolled").exists()


@override_settings(RENDA_DEMO=False)
def test_api_refuses_a_session_without_the_second_factor(staff):
    c = Client()
    _login(c, "staff")
    assert c.get("/api/v1/me").status_code == 401


@override_settings(RENDA_DEMO=True)
def test_demo_accounts_skip_the_second_factor_only_in_the_demo(staff):
    staff.is_demo = True
    staff.save()
    c = Client()
    _login(c, "staff")
    assert c.get("/work/").status_code == 200


@override_settings(RENDA_DEMO=False)
def test_demo_flag_alone_does_not_skip_the_second_factor_in_production(staff):
    staff.is_demo = True
    staff.save()
    c = Client()
    _login(c, "staff")
    assert c.get("/work/").status_code == 302


def test_deputies_sign_in_without_a_second_factor(deputy_user):
    c = Client()
    _login(c, "deputy")
    assert c.get("/work/").status_code == 200


def _session_row(c):
    from django.contrib.sessions.models import Session

    return Session.objects.get(session_key=c.cookies[settings.SESSION_COOKIE_NAME].value)


def _age_session(c, seconds):
    """Move the session's last refresh and expiry `seconds` into the past, as if the user had been idle."""
    from datetime import timedelta

    from django.contrib.sessions.backends.db import SessionStore

    row = _session_row(c)
    store = SessionStore(session_key=row.session_key)
    store["_seen"] = store.get("_seen", 0) - seconds
    store.save()
    type(row).objects.filter(pk=row.pk).update(expire_date=row.expire_date - timedelta(seconds=seconds))


def test_idle_session_is_refreshed_at_most_once_a_minute_not_on_every_request(deputy_user):
    c = Client()
    _login(c, "deputy")
    c.get("/work/")
    first = _session_row(c).expire_date
    c.get("/work/")
    assert _session_row(c).expire_date == first  # within the minute: no write
    _age_session(c, 61)
    c.get("/work/")
    assert _session_row(c).expire_date > first  # a minute later: the expiry moves on


def test_idle_session_ends_after_thirty_minutes_without_a_request(deputy_user):
    assert settings.SESSION_COOKIE_AGE - settings.SESSION_REFRESH_AFTER == 30 * 60
    c = Client()
    _login(c, "deputy")
    c.get("/work/")
    _age_session(c, 29 * 60)
    assert c.get("/work/").status_code == 200  # 29 minutes idle: still signed in, and refreshed
    _age_session(c, settings.SESSION_COOKIE_AGE + 1)
    r = c.get("/work/", follow=True)
    assert "登录已超时" in r.content.decode()


def test_expired_session_is_told_and_audited(db):
    c = Client()
    c.cookies[settings.SESSION_COOKIE_NAME] = "expired-session-key"
    r = c.get("/work/", follow=True)
    assert "登录已超时" in r.content.decode()
    assert AuditEntry.objects.filter(action="session_expired").exists()


def test_anonymous_user_is_sent_to_login(db):
    r = Client().get("/work/")
    assert r.status_code == 302 and r.url.startswith("/work/accounts/login/")


def test_csrf_is_enforced_on_login(deputy_user):
    c = Client(enforce_csrf_checks=True)
    assert c.post("/work/accounts/login/", {"username": "deputy", "password": PASSWORD}).status_code == 403


def test_otp_enrolment_is_a_service_write_audited_once(staff):
    """Issue 15: the enrolment device is created by core.accounts, not by the view; reloading the page
    keeps the same device (one QR code to scan) and audits the start once."""
    from renda.core import accounts

    first = accounts.start_otp_enrolment(staff, by=staff)
    again = accounts.start_otp_enrolment(staff, by=staff)
    assert first.pk == again.pk and not again.confirmed
    assert AuditEntry.objects.filter(action="otp_enrolment_started").count() == 1
    accounts.confirm_otp_device(first, by=staff)
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert AuditEntry.objects.filter(action="otp_enrolled").count() == 1
