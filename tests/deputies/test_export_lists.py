"""The stations list and the roster on a date as xlsx (issue 19): exactly the page's rows, the roster's
人大 named as its filter form names it, never another county's stations or deputies."""

import pytest

from renda.deputies.choices import StationKind
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_stations_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    for i in range(2):
        StationFactory(body=county, name=f"第{i}联络站", kind=StationKind.STATION)
    StationFactory(body=BodyFactory(name="别县人民代表大会"), name="别县联络站")
    c = login(staff)
    page = shown(c, "/work/deputies/stations/")
    rows = exported(c, "/work/deputies/stations/")
    assert [r[0] for r in rows] == [s.name for s in page] == ["第0联络站", "第1联络站"]
    assert rows[0][1] == StationKind.STATION.label and rows[0][5] == 0


def test_roster_on_a_date_export_names_the_body_and_keeps_to_scope(login, staff, county):
    for i in range(2):
        MandateFactory(body=county, person=PersonFactory(name=f"代表{i}"))
    far = BodyFactory(name="别县人民代表大会")
    MandateFactory(body=far, person=PersonFactory(name="别县代表"))
    c = login(staff)
    params = {"body": county.pk, "on": "2026-01-01"}
    page = shown(c, "/work/deputies/roster/", params, key="rows")
    rows = exported(c, "/work/deputies/roster/", params, shows={"body": county.name})
    assert sorted(r[0] for r in rows) == sorted(m.person.name for m, _, _ in page) == ["代表0", "代表1"]
    assert {r[5] for r in rows} == {"在任"}
    r = c.get("/work/deputies/roster/", {"body": far.pk, "on": "2026-01-01", "format": "xlsx"})
    assert (
        not r["Content-Type"].startswith("application/vnd.openxmlformats")
        and "别县代表" not in r.content.decode()
    )
