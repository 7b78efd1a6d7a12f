"""Voters choose places, not offices (issue 14 "Workflow gaps"): the message form lists 城关镇 and 东城街道, not
城关镇人大主席团; "我的代表" titles township deputies 城关镇人民代表大会代表; a choice scrolls to the results."""

import re

import pytest
from django.test import Client

from renda.core.models import BodyKind, Level
from tests.factories.core import BodyFactory
from tests.factories.deputies import ConstituencyFactory, MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subdistrict(county):
    return BodyFactory(
        name="东城街道人大工委", kind=BodyKind.SUBDISTRICT_COMMITTEE, level=Level.TOWNSHIP, parent=county
    )


def test_the_message_form_offers_places_not_offices(station, subdistrict):
    page = Client().get(f"/messages/?station={station.pk}").content.decode()
    select = re.search(r'<select name="township".*?</select>', page, re.S).group(0)
    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", select)
    assert "城关镇" in options and "东城街道" in options
    assert not any("主席团" in o or "工委" in o for o in options)


def test_my_deputies_groups_township_deputies_under_the_township_congress(county, township_a):
    town_con = ConstituencyFactory(
        body=township_a, name="城南社区选区", township=township_a, places="城南社区"
    )
    county_con = ConstituencyFactory(
        body=county, name="城关镇第1选区", township=township_a, places="城南社区"
    )
    MandateFactory(body=township_a, constituency=town_con, person=PersonFactory(name="孙镇代表"))
    MandateFactory(body=county, constituency=county_con, person=PersonFactory(name="周县代表"))
    page = Client().get("/deputies/find/", {"township": township_a.pk}).content.decode()
    assert "城关镇人民代表大会代表" in page and "青山县人民代表大会代表" in page
    assert "主席团代表" not in page


def test_a_choice_scrolls_the_results_into_view(county, township_a):
    ConstituencyFactory(body=county, name="城关镇第1选区", township=township_a, places="城南社区")
    c = Client()
    chooser = c.get("/deputies/find/").content.decode()
    assert f'href="?township={township_a.pk}#results">城关镇</a>' in chooser
    assert 'action="#results"' in chooser
    results = c.get("/deputies/find/", {"township": township_a.pk}).content.decode()
    assert 'id="results"' in results and f'href="?township={township_a.pk}&amp;place=' in results


def test_place_and_congress_names_of_bodies(township_a, subdistrict, county):
    assert (township_a.place_name, township_a.congress_name) == ("城关镇", "城关镇人民代表大会")
    assert subdistrict.place_name == "东城街道"
    assert county.congress_name == county.name
