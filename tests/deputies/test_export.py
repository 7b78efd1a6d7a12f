"""The deputies registry as xlsx with its filters (issue 19): exactly the page's rows, never out of scope."""

import pytest

from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    for i in range(3):
        MandateFactory(body=county, person=PersonFactory(name=f"张{i}", phone="13800001111"))
    MandateFactory(body=county, person=PersonFactory(name="李四"))
    MandateFactory(body=BodyFactory(name="别县人民代表大会"), person=PersonFactory(name="张别县"))
    c = login(staff)
    params = {"q": "张"}
    page = shown(c, "/work/deputies/", params, button="/work/deputies/export.xlsx?")
    rows = exported(c, "/work/deputies/export.xlsx", params)
    assert sorted(r[0] for r in rows) == sorted(m.person.name for m in page) == ["张0", "张1", "张2"]
    assert all("13800001111" not in str(r) for r in rows)  # masked as on screen
    assert "张别县" not in {r[0] for r in exported(c, "/work/deputies/export.xlsx")}
