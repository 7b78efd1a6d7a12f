"""The fixed cast every screen is tested with (house-style.md "Tests").

county ─┬─ standing committee (staff, leader, admins)
        ├─ township A (township_staff)
        └─ township B (outsider: a staff member of a sibling township)
"""

import pytest
from django.test import Client

from renda.core.models import BodyKind, Level
from renda.core.roles import Role
from tests.factories.core import BodyFactory, TownshipFactory, UnitFactory, UnitUserFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: per-address counters (failed sign-ins, messages) must not carry
    over from earlier tests, which all come from 127.0.0.1."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def county(db):
    return BodyFactory(name="青山县人民代表大会")


@pytest.fixture
def standing_committee(county):
    return BodyFactory(
        name="青山县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county
    )


@pytest.fixture
def township_a(county):
    return TownshipFactory(name="城关镇人大主席团", parent=county)


@pytest.fixture
def township_b(county):
    return TownshipFactory(name="青石镇人大主席团", parent=county)


@pytest.fixture
def unit(county):
    return UnitFactory(name="县住房和城乡建设局", body=county)


@pytest.fixture
def other_unit(county):
    return UnitFactory(name="县交通运输局", body=county)


@pytest.fixture
def staff(standing_committee):
    return UserFactory(username="staff", full_name="王工作", role=Role.STAFF, body=standing_committee)


@pytest.fixture
def leader(standing_committee):
    return UserFactory(username="leader", full_name="李领导", role=Role.LEADER, body=standing_committee)


@pytest.fixture
def deputy_user(county):
    return UserFactory(username="deputy", full_name="赵代表", role=Role.DEPUTY, body=county)


@pytest.fixture
def unit_user(unit):
    return UnitUserFactory(username="handler", full_name="钱经办", role=Role.UNIT_HANDLER, unit=unit)


@pytest.fixture
def unit_head(unit):
    return UnitUserFactory(username="unithead", full_name="孙负责", role=Role.UNIT_HEAD, unit=unit)


@pytest.fixture
def township_staff(township_a):
    return UserFactory(username="township_a", full_name="周乡镇", role=Role.STAFF, body=township_a)


@pytest.fixture
def outsider(township_b):
    return UserFactory(username="township_b", full_name="吴外人", role=Role.STAFF, body=township_b)


@pytest.fixture
def system_admin(standing_committee):
    return UserFactory(
        username="sysadmin", full_name="郑系统", role=Role.SYSTEM_ADMIN, body=standing_committee
    )


@pytest.fixture
def security_admin(standing_committee):
    return UserFactory(
        username="secadmin", full_name="冯安全", role=Role.SECURITY_ADMIN, body=standing_committee
    )


@pytest.fixture
def audit_admin(standing_committee):
    return UserFactory(username="auditor", full_name="陈审计", role=Role.AUDIT_ADMIN, body=standing_committee)


def verified_client(user) -> Client:
    """A client signed in with the second factor already passed (OTP is tested on its own)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def login():
    return verified_client
