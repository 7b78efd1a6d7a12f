"""Accounts are opened by the system admin only, in one body or one unit, under the password policy."""

import pytest

from renda.core import services
from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry, User

pytestmark = pytest.mark.django_db
GOOD = "Qingshan-2026!"


def test_system_admin_opens_an_account_and_it_is_audited(system_admin, township_a):
    user = services.create_account(
        username="newstaff", full_name="新同志", role="staff", body=township_a, password=GOOD, by=system_admin
    )
    assert user.check_password(GOOD) and user.body == township_a
    assert AuditEntry.objects.filter(action="account.create", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    "kwargs,code",
    [
        ({"role": "unit_handler"}, "unit_role_needs_unit"),
        ({"role": "staff", "body": None}, "body_role_needs_body"),
        ({"password": "short"}, "password_policy"),
        ({"username": "sysadmin"}, "username_taken"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_created(system_admin, township_a, kwargs, code):
    args = {
        "username": "x_user",
        "full_name": "某某",
        "role": "staff",
        "body": township_a,
        "password": GOOD,
    } | kwargs
    before = User.objects.count()
    with pytest.raises(Refused) as exc:
        services.create_account(**args, by=system_admin)
    assert exc.value.code == code and User.objects.count() == before


def test_staff_cannot_open_accounts(staff, township_a):
    with pytest.raises(NotPermitted):
        services.create_account(
            username="x", full_name="x", role="staff", body=township_a, password=GOOD, by=staff
        )


def test_account_page_creates_and_deactivates(login, system_admin, township_a, deputy_user):
    c = login(system_admin)
    r = c.post(
        "/work/admin/users/",
        {
            "username": "tianzr",
            "full_name": "田主任",
            "role": "staff",
            "body": township_a.pk,
            "password": GOOD,
        },
    )
    assert r.status_code == 302 and User.objects.filter(username="tianzr").exists()
    bad = c.post(
        "/work/admin/users/",
        {"username": "tz2", "full_name": "田", "role": "unit_head", "body": township_a.pk, "password": GOOD},
    )
    assert bad.status_code == 422 and "承办单位角色" in bad.content.decode()
    c.post(f"/work/admin/users/{deputy_user.pk}/active/", {"active": "0"})
    deputy_user.refresh_from_db()
    assert not deputy_user.is_active


def test_reset_password_gives_a_policy_conforming_temporary_password(login, system_admin, deputy_user):
    import re

    r = login(system_admin).post(f"/work/admin/users/{deputy_user.pk}/password/", follow=True)
    temporary = re.search(r"临时密码：(\S+)（", r.content.decode()).group(1)
    deputy_user.refresh_from_db()
    assert deputy_user.check_password(temporary) and len(temporary) >= 10
    assert AuditEntry.objects.filter(action="account.reset_password", object_id=str(deputy_user.pk)).exists()


def test_reset_password_refuses_a_weak_password(system_admin, deputy_user):
    with pytest.raises(Refused) as exc:
        services.reset_password(deputy_user, password="abc", by=system_admin)
    assert exc.value.code == "password_policy"
