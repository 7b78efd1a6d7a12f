"""The handling units' list as xlsx (issue 19): exactly the page's rows for its search, the phone masked as
on screen, never another county's units."""

import pytest

from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_units_export_has_the_searched_rows_masked_and_nothing_out_of_scope(login, staff, county):
    for name in ("县教育局", "县教育考试院", "县财政局"):
        UnitFactory(body=county, name=name, contact_name="王联络", contact_phone="13800001234")
    UnitFactory(body=BodyFactory(name="别县人民代表大会"), name="别县教育局")
    c = login(staff)
    params = {"q": "教育"}
    page = shown(c, "/work/units/", params)
    rows = exported(c, "/work/units/", params)
    assert [r[0] for r in rows] == [u.name for u in page] == ["县教育局", "县教育考试院"]
    assert rows[0][4] == "138****1234"
    assert "别县教育局" not in {r[0] for r in exported(c, "/work/units/")}
