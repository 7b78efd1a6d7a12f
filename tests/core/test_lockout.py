"""Sign-in lockout per account, a per-address limit that locks nobody, and the audited unlock (issue 14;
domain.md §7.1: "limit failed attempts (lock the account)", ~5 failures → 30 minutes)."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from renda.core import services
from renda.core.errors import NotPermitted
from renda.core.models import AuditEntry
from tests.factories.core import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

OFFICE = "10.20.30.40"  # one county office behind one NAT address
HOME = "192.168.1.9"


def _login(username, password=PASSWORD, *, ip=OFFICE):
    c = Client(REMOTE_ADDR=ip)
    return c, c.post("/work/accounts/login/", {"username": username, "password": password})


@pytest.fixture
def colleague(county):
    return UserFactory(username="colleague", full_name="钱同事", body=county)


def test_five_typos_of_one_person_do_not_lock_a_colleague_on_the_same_address(deputy_user, colleague):
    # domain.md §7.1: the account is locked, not the office's address.
    for _ in range(5):
        _login("deputy", "wrong-password")
    c, r = _login("colleague")
    assert r.status_code == 302 and "_auth_user_id" in c.session


def test_the_account_is_locked_from_every_address(deputy_user):
    for _ in range(5):
        _login("deputy", "wrong-password")
    c, r = _login("deputy", ip=HOME)  # the right password, from somewhere else
    assert r.status_code == 429 and "_auth_user_id" not in c.session
    assert AccessAttempt.objects.filter(
        username="deputy", ip_address=OFFICE
    ).exists()  # per account + address


def test_the_locked_page_says_why_until_when_and_whom_to_ask(deputy_user):
    for _ in range(5):
        _login("deputy", "wrong-password")
    _c, r = _login("deputy")
    page = r.content.decode()
    assert r.status_code == 429
    assert "账号“deputy”连续 5 次登录失败，已被锁定 30 分钟" in page
    assert (
        "后可再次登录" in page
        and "请联系本机关的安全管理员" in page
        and "忘记密码请联系系统管理员重置" in page
    )


def test_many_failures_from_one_address_are_rate_limited_in_chinese_without_locking_anyone(
    settings, deputy_user, colleague
):
    settings.LOGIN_IP_FAILURE_LIMIT = 12
    for i in range(12):  # a different account each time: no account reaches its own 5
        _login(f"guess{i}", "wrong-password")
    _c, r = _login("colleague")  # even the right password is refused from this address for now
    assert r.status_code == 429 and 590 <= int(r["Retry-After"]) <= 600  # the rest of the 10-minute window
    assert "此网络地址的登录失败次数过多，请 10 分钟后再试" in r.content.decode()
    assert "不会锁定任何人的账号" in r.content.decode()
    assert AuditEntry.objects.filter(action="login_rate_limited", ip=OFFICE).exists()
    # Nobody's account is locked: the same people sign in from another address.
    for who in ("colleague", "deputy"):
        _c, r = _login(who, ip=HOME)
        assert r.status_code == 302, who
    assert not AccessAttempt.objects.filter(username="colleague").exists()


def test_successful_sign_ins_from_one_address_are_not_limited(settings, county):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    people = [UserFactory(username=f"clerk{i}", body=county) for i in range(6)]
    for p in people:
        assert _login(p.username)[1].status_code == 302


def test_the_security_admin_unlocks_an_account_through_an_audited_service(deputy_user, security_admin):
    for ip in (OFFICE, OFFICE, OFFICE, HOME, HOME):
        _login("deputy", "wrong-password", ip=ip)
    assert _login("deputy")[1].status_code == 429
    assert services.unlock_account("deputy", by=security_admin) == 2
    assert _login("deputy")[1].status_code == 302
    entry = AuditEntry.objects.get(action="security.unlock")
    assert entry.actor == security_admin and entry.role == "security_admin"
    assert (entry.object_type, entry.object_id) == ("core.user", str(deputy_user.pk))
    assert not AccessAttempt.objects.filter(username="deputy").exists()


def test_only_the_security_admin_may_unlock_and_a_refusal_changes_nothing(deputy_user, system_admin):
    for _ in range(5):
        _login("deputy", "wrong-password")
    with pytest.raises(NotPermitted):
        services.unlock_account("deputy", by=system_admin)
    assert AccessAttempt.objects.filter(username="deputy").exists()
    assert not AuditEntry.objects.filter(action="security.unlock").exists()


def test_the_unlock_button_calls_the_service(login, deputy_user, security_admin):
    for _ in range(5):
        _login("deputy", "wrong-password", ip=HOME)
    admin = login(security_admin)
    page = admin.get("/work/admin/lockouts/").content.decode()
    assert "deputy" in page and "已锁定" in page and HOME in page
    pk = AccessAttempt.objects.get(username="deputy").pk
    r = admin.post(f"/work/admin/lockouts/{pk}/unlock/")
    assert r.status_code == 302
    assert not AccessAttempt.objects.filter(username="deputy").exists()
    assert AuditEntry.objects.filter(action="security.unlock", actor=security_admin).exists()
