"""The duty-record ledger as xlsx with its filters (issue 19): exactly the page's rows, never out of scope."""

from datetime import date

import pytest

from renda.duties.choices import Review
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory
from tests.factories.duties import DutyRecordFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    seat = MandateFactory(body=county)
    for i in range(3):
        DutyRecordFactory(mandate=seat, title=f"视察{i}", on=date(2025, 5, 10 + i))
    DutyRecordFactory(mandate=seat, title="待审核的记录", status=Review.PENDING)
    DutyRecordFactory(mandate=MandateFactory(body=BodyFactory(name="别县人民代表大会")), title="别县的记录")
    c = login(staff)
    params = {"status": Review.APPROVED, "start": "2025-01-01"}
    page = shown(c, "/work/duties/records/", params)
    rows = exported(c, "/work/duties/records/", params, shows={"status": "已确认"})
    assert [r[4] for r in rows] == [d.title for d in page] == ["视察2", "视察1", "视察0"]
    assert "别县的记录" not in {r[4] for r in exported(c, "/work/duties/records/")}
