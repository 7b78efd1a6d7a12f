"""The contact cast: a station in township A kept by `keeper`, a deputy who sits there, a unit."""

import pytest
from django.core.cache import cache

from renda.contact import services
from renda.contact.choices import Category
from renda.core.roles import Role
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory, StationFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def keeper(township_a):
    return UserFactory(username="keeper", full_name="郑站长", role=Role.STATION_KEEPER, body=township_a)


@pytest.fixture
def mandate(county, deputy_user):
    return MandateFactory(body=county, person=PersonFactory(name="赵代表", user=deputy_user))


@pytest.fixture
def station(township_a, keeper, mandate):
    s = StationFactory(body=township_a, name="城关镇人大代表联络站", keeper=keeper)
    s.members.add(mandate)
    return s


@pytest.fixture
def station_b(township_b):
    return StationFactory(body=township_b, name="青石镇人大代表联络站")


def draft(**kw) -> services.Draft:
    values = {
        "category": Category.ROADS,
        "title": "路灯不亮",
        "content": "城南社区门口路灯坏了一个多月，晚上出行不便。",
        "place": "城南社区",
        "phone": "13800001234",
        "consent": True,
    }
    values.update(kw)
    return services.Draft(**values)


@pytest.fixture
def make_message(station):
    def make(**kw):
        st = kw.pop("station", station)
        return services.submit(draft(**kw), station=st)

    return make
