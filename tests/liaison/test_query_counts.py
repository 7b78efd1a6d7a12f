"""Lists cost a fixed number of queries whatever their length (design.md house rule 6): the member's page,
the coverage page and the "六有" table are measured with few rows and with more rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.liaison import services
from tests.factories.deputies import MandateFactory, StationFactory


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _add(staff, member, county, n: int) -> None:
    people = [MandateFactory(body=county) for _ in range(n)]
    services.link_many(member, people, by=staff)
    services.record_contact(
        member, mandates=people[:2], on=timezone.localdate(), kind="visit", summary="走访", by=member
    )


def test_the_member_page_does_not_grow_with_the_deputies(login, staff, member, county):
    _add(staff, member, county, 2)
    client = login(member)
    few = _count(client, "/work/liaison/member/")
    _add(staff, member, county, 8)
    assert _count(client, "/work/liaison/member/") <= few


def test_the_links_page_does_not_grow_with_the_deputies(login, staff, member, county):
    _add(staff, member, county, 2)
    client = login(staff)
    few = _count(client, "/work/liaison/links/")
    _add(staff, member, county, 8)
    assert _count(client, "/work/liaison/links/") <= few


def test_the_six_has_table_does_not_grow_with_the_stations(login, staff, county):
    StationFactory(body=county)
    client = login(staff)
    few = _count(client, "/work/liaison/stations/")
    for _ in range(6):
        StationFactory(body=county)
    assert _count(client, "/work/liaison/stations/") <= few
