"""The voters' messages list as xlsx with its filters (issue 19): exactly the page's rows, never out of scope."""

import pytest

from tests.exporting import exported, shown
from tests.factories.contact import MessageFactory
from tests.factories.core import BodyFactory
from tests.factories.deputies import StationFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, make_message):
    for i in range(3):
        make_message(title=f"教育留言{i}", category="education")
    make_message(title="道路留言")
    MessageFactory(station=StationFactory(body=BodyFactory(name="别县人民代表大会")), title="别县留言")
    c = login(staff)
    params = {"category": "education"}
    page = shown(c, "/work/contact/", params, button="/work/contact/export.xlsx?")
    rows = exported(c, "/work/contact/export.xlsx", params, shows={"category": "教育"})
    assert sorted(r[0] for r in rows) == sorted(m.pk for m in page) and len(rows) == 3
    assert "别县留言" not in {r[3] for r in exported(c, "/work/contact/export.xlsx")}
