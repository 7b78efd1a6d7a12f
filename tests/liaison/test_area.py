"""人大街道工委 and the district deputies in its area (地方组织法 Art. 59, domain.md §1.2: the 工委 liaises with
the deputies in the sub-district and organises their activities). Their seats are in the district congress,
above the 工委, so the tree scope never reaches them: only those elected in the sub-district open to it."""

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.core.models import BodyKind, Level
from renda.core.roles import Role
from renda.liaison import permissions, services
from renda.liaison.models import PlannedActivity
from tests.factories.core import BodyFactory, UserFactory
from tests.factories.deputies import ConstituencyFactory, MandateFactory, PersonFactory


@pytest.fixture
def gongwei(county):
    return BodyFactory(
        name="东城街道人大工委",
        short_name="东城街道",
        kind=BodyKind.SUBDISTRICT_COMMITTEE,
        level=Level.TOWNSHIP,
        parent=county,
    )


@pytest.fixture
def gongwei_staff(gongwei):
    return UserFactory(username="gongwei", full_name="陈工委", role=Role.STAFF, body=gongwei)


@pytest.fixture
def area_deputy(county, gongwei):
    seat = ConstituencyFactory(body=county, township=gongwei)
    return MandateFactory(body=county, constituency=seat, person=PersonFactory(name="东城代表"))


@pytest.fixture
def elsewhere(county):
    return MandateFactory(
        body=county, constituency=ConstituencyFactory(body=county), person=PersonFactory(name="别处代表")
    )


def test_the_area_is_the_deputies_elected_in_the_subdistrict(gongwei, area_deputy, elsewhere):
    assert list(permissions.area_mandates(gongwei)) == [area_deputy]
    assert list(permissions.deputies_of(gongwei)) == [area_deputy]


def test_the_gongwei_plans_activities_for_its_deputies_only(gongwei, gongwei_staff, area_deputy, elsewhere):
    plan = services.create_plan(body=gongwei, year=timezone.localdate().year, by=gongwei_staff)
    day = timezone.localdate()
    act = services.add_activity(
        plan, kind="inspection", title="视察老旧小区改造", start=day, mandates=[area_deputy], by=gongwei_staff
    )
    assert list(act.mandates.all()) == [area_deputy]
    with pytest.raises(
        Refused
    ) as exc:  # a district deputy from another sub-district: refused, nothing stored
        services.add_activity(
            plan, kind="inspection", title="跨街道视察", start=day, mandates=[elsewhere], by=gongwei_staff
        )
    assert exc.value.code == "deputy_outside_area"
    assert PlannedActivity.objects.count() == 1


def test_the_gongwei_sees_its_deputies_and_their_handbooks(login, gongwei_staff, area_deputy, elsewhere):
    client = login(gongwei_staff)
    page = client.get("/work/liaison/overview/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "东城代表" in text and "别处代表" not in text
    assert client.get(f"/work/liaison/handbook/{area_deputy.pk}/").status_code == 200
    assert client.get(f"/work/liaison/handbook/{elsewhere.pk}/").status_code == 404
