"""Issue 6, Performance: the public deputy list and "find my deputy" answer in a constant number of queries,
whatever the roster size — and so do the staff list, its export and the API list.

Each page is fetched at two roster sizes and must run exactly the same queries both times. The added deputies
carry everything a row can show (delegation, group, professional group, liaison stations, a second seat in the
township, seats in a higher congress elected by the county), so a relation loaded row by row shows up as a
count that grows.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from renda.core.models import Level
from tests.factories.core import BodyFactory
from tests.factories.deputies import (
    DelegationFactory,
    DeputyGroupFactory,
    MandateFactory,
    PersonFactory,
    StationFactory,
    TermFactory,
    make_id_number,
)

pytestmark = pytest.mark.django_db

GROWN = 40  # more than a page of the public list (24), so the bigger roster fills whole pages


@pytest.fixture
def city_seats(county):
    """A city congress above the county, whose deputies the county elects (选举单位), with their delegation."""
    city = BodyFactory(name="青州市人民代表大会", level=Level.CITY, region_code="360900")
    term = TermFactory(body=city, number=16, start_date=dt.date(2021, 9, 1))
    return city, term, DelegationFactory(body=city, name="青山县代表团")


@pytest.fixture
def enlarge(roster, county, township_a, city_seats):
    """enlarge(): GROWN more people elected in township A with every relation a list row shows."""
    city, city_term, city_delegation = city_seats
    county_term, town_term = roster["m_zhang"].term, roster["m_zhang_town"].term
    town_station = roster["station"]
    house = StationFactory(body=county, name="青山县人大代表之家")
    town_group = DeputyGroupFactory(body=township_a, name="城关镇第1代表小组")

    def grow():
        for i in range(GROWN):
            person = PersonFactory(
                name=f"张{'伟芳敏静丽强磊军洋勇'[i % 10]}{i}",
                id_number=make_id_number(100 + i),
                phone=f"1390000{i:04d}",
            )
            seat = MandateFactory(
                person=person,
                body=county,
                term=county_term,
                constituency=roster["con_a"],
                delegation=roster["delegation"],
                group=roster["group"],
                card_number=f"QS18-{100 + i}",
            )
            seat.professional_groups.add(roster["prof"])
            town_station.members.add(seat)
            house.members.add(seat)
            if i % 2 == 0:  # a dual mandate: the same person in the township congress
                town = MandateFactory(
                    person=person,
                    body=township_a,
                    term=town_term,
                    constituency=roster["town_con"],
                    group=town_group,
                    card_number=f"CG18-{100 + i}",
                )
                town_station.members.add(town)
            if i % 4 == 0:  # a city deputy elected by the county congress
                MandateFactory(
                    person=PersonFactory(name=f"钱{i}"),
                    body=city,
                    term=city_term,
                    electing_body=county,
                    delegation=city_delegation,
                    card_number=f"QZ16-{100 + i}",
                )

    return grow


def queries(client: Client, url: str, params: dict | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def counts_at_two_sizes(client: Client, requests: list[tuple[str, dict]], enlarge) -> tuple[dict, dict]:
    for url, params in requests:  # first use fills per-process caches (content types, site settings)
        queries(client, url, params)
    small = {(url, str(params)): len(queries(client, url, params)) for url, params in requests}
    enlarge()
    big = {(url, str(params)): len(queries(client, url, params)) for url, params in requests}
    return small, big


def test_public_list_runs_the_same_queries_at_two_roster_sizes(enlarge, county):
    requests = [
        ("/deputies/", {}),
        ("/deputies/", {"page": 2}),
        ("/deputies/", {"q": "zhang"}),
        ("/deputies/", {"level": "county"}),
        ("/deputies/", {"body": county.pk}),
    ]
    small, big = counts_at_two_sizes(Client(), requests, enlarge)
    assert big == small
    assert max(big.values()) <= 6
    page = Client().get("/deputies/").context["page"]
    assert page.paginator.count > 24 and len(page.object_list) == 24  # the bigger roster fills the page


def test_find_my_deputy_runs_the_same_queries_at_two_roster_sizes(enlarge, township_a):
    requests = [
        ("/deputies/find/", {"township": township_a.pk}),
        ("/deputies/find/", {"township": township_a.pk, "place": "城南社区"}),
        ("/deputies/find/", {"q": "城关镇"}),
        ("/deputies/find/", {"q": "城北村"}),
        ("/deputies/find/", {}),
    ]
    small, big = counts_at_two_sizes(Client(), requests, enlarge)
    assert big == small
    assert max(big.values()) <= 6
    r = Client().get("/deputies/find/", {"township": township_a.pk})
    levels = {m.level for _title, rows in r.context["groups"] for m in rows}
    assert r.context["count"] > GROWN
    assert levels == {"city", "county", "township"}  # every level elected there is on the page


def test_public_profile_runs_the_same_queries_at_two_roster_sizes(enlarge, roster):
    requests = [(f"/deputies/{roster['zhang'].pk}/", {})]
    small, big = counts_at_two_sizes(Client(), requests, enlarge)
    assert big == small


def test_staff_list_and_export_run_the_same_queries_at_two_roster_sizes(
    enlarge, login, staff, roster, county
):
    requests = [
        ("/work/deputies/", {}),
        ("/work/deputies/", {"page": 2}),
        ("/work/deputies/", {"q": "zhang"}),
        ("/work/deputies/", {"body": county.pk, "constituency": roster["con_a"].pk}),
        ("/work/deputies/", {"professional_group": roster["prof"].pk}),
        ("/work/deputies/", {"level": "township", "status": "all"}),
        ("/work/deputies/export.xlsx", {}),
        ("/work/deputies/export.xlsx", {"level": "county"}),
    ]
    small, big = counts_at_two_sizes(login(staff), requests, enlarge)
    assert big == small
    assert max(n for (url, _p), n in big.items() if "export" not in url) <= 12


def test_api_list_runs_the_same_queries_at_two_roster_sizes(enlarge, login, staff, roster, county):
    requests = [
        ("/api/v1/deputies", {}),
        ("/api/v1/deputies", {"limit": 10, "offset": 10}),
        ("/api/v1/deputies", {"q": "zhang"}),
        ("/api/v1/deputies", {"body": county.pk, "level": "county"}),
        ("/api/v1/deputies", {"professional_group": roster["prof"].pk}),
        ("/api/v1/deputies", {"status": "all", "on": "2024-01-01"}),
        (f"/api/v1/deputies/{roster['m_zhang'].pk}", {}),
    ]
    client = login(staff)
    small, big = counts_at_two_sizes(client, requests, enlarge)
    assert big == small
    assert max(big.values()) <= 10
    assert client.get("/api/v1/deputies").json()["count"] > GROWN
