"""三员分立 (domain.md §7.1; GB/T 22239-2019 8.1.4.2 ‑08): no admin can open, reset or stop an admin account
from inside the system, so none can act as another; the three are opened on the server by create-admin."""

import io

import pytest
from django.core.management import CommandError, call_command

from renda.core import services
from renda.core.errors import Refused
from renda.core.models import AuditEntry, User
from renda.core.roles import Role

pytestmark = pytest.mark.django_db

STRONG = "Strong-pass-2026"


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_the_system_admin_cannot_open_an_admin_account(system_admin, standing_committee, role):
    with pytest.raises(Refused) as exc:
        services.create_account(
            username="x",
            full_name="某人",
            role=role,
            body=standing_committee,
            password=STRONG,
            by=system_admin,
        )
    assert exc.value.code == "admin_role_not_grantable"
    assert not User.objects.filter(username="x").exists()


def test_the_system_admin_cannot_reset_or_stop_the_audit_admin(system_admin, audit_admin):
    with pytest.raises(Refused):
        services.reset_password(audit_admin, password=STRONG, by=system_admin)
    with pytest.raises(Refused):
        services.set_account_active(audit_admin, active=False, by=system_admin)
    audit_admin.refresh_from_db()
    assert audit_admin.is_active and not audit_admin.check_password(STRONG)


@pytest.mark.parametrize("admin", ["security_admin", "audit_admin"])
def test_the_other_admins_cannot_open_accounts_at_all(request, admin, standing_committee):
    by = request.getfixturevalue(admin)
    with pytest.raises(Refused) as exc:
        services.create_account(
            username="y", full_name="某人", role=Role.STAFF, body=standing_committee, password=STRONG, by=by
        )
    assert exc.value.code == "role_not_allowed"


def test_create_admin_opens_an_account_with_a_one_time_password_and_audits_it(standing_committee):
    out = io.StringIO()
    call_command("create_admin", role="audit_admin", username="auditor1", full_name="赵审计", stdout=out)
    password = out.getvalue().split("：")[-1].strip()
    user = User.objects.get(username="auditor1")
    assert user.role == Role.AUDIT_ADMIN and user.check_password(password)
    assert AuditEntry.objects.filter(action="account.create_admin").exists()


def test_one_person_cannot_hold_two_admin_roles(standing_committee):
    call_command(
        "create_admin", role="system_admin", username="sys1", full_name="钱系统", stdout=io.StringIO()
    )
    with pytest.raises(CommandError, match="三个不同的人"):
        call_command(
            "create_admin", role="audit_admin", username="aud1", full_name="钱系统", stdout=io.StringIO()
        )


def test_create_admin_cannot_turn_an_account_into_another_role(standing_committee, staff):
    with pytest.raises(CommandError, match="不能改为其他角色"):
        call_command(
            "create_admin", role="system_admin", username="staff", full_name="王工作", stdout=io.StringIO()
        )
    staff.refresh_from_db()
    assert staff.role == Role.STAFF
