"""Liaison fixtures: the fixed cast plus seats. `member` holds a seat on the county standing committee and is
a county deputy himself; `own_mandate` belongs to `deputy_user`; `other_mandate` is another county deputy;
`mandate_a` sits in township A's congress (outside the county congress)."""

import datetime as dt

import pytest

from renda.core.roles import Role
from renda.meetings.models import Membership
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def member(county, standing_committee):
    user = UserFactory(username="dep001", full_name="周委员", role=Role.DEPUTY, body=county)
    Membership.objects.create(body=standing_committee, user=user, start_date=dt.date(2022, 1, 10))
    MandateFactory(body=county, person=PersonFactory(name="周委员", user=user))
    return user


@pytest.fixture
def own_mandate(county, deputy_user):
    return MandateFactory(body=county, person=PersonFactory(name="赵代表", user=deputy_user))


@pytest.fixture
def other_mandate(county):
    return MandateFactory(body=county, person=PersonFactory(name="钱代表"))


@pytest.fixture
def mandate_a(township_a):
    return MandateFactory(
        body=township_a, person=PersonFactory(name="孙乡代表"), start_date=dt.date(2021, 9, 28)
    )
