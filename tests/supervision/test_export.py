"""Supervision lists as xlsx with their filters (issue 19): exactly the page's rows, never out of scope."""

import pytest

from renda.core.models import BodyKind, Level
from renda.supervision import services
from renda.supervision.choices import Kind, OpinionStatus
from renda.supervision.models import Opinion
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, report_item, unit):
    for i in range(3):
        Opinion.objects.create(item=report_item, text=f"意见{i}", unit=unit, status=OpinionStatus.SENT)
    Opinion.objects.create(item=report_item, text="起草中", unit=unit, status=OpinionStatus.DRAFT)
    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    plan2 = services.plan.create_plan(body=sc2, year=2026, by=staff)
    item2 = services.plan.add_item(plan2, kind=Kind.SPECIAL_REPORT, title="别县的监督事项", by=staff)
    Opinion.objects.create(
        item=item2, text="别县意见", unit=UnitFactory(body=county2), status=OpinionStatus.SENT
    )
    c = login(staff)
    params = {"status": OpinionStatus.SENT}
    page = shown(c, "/work/supervision/opinions/", params)
    rows = exported(c, "/work/supervision/opinions/", params, shows={"status": "已交办"})
    assert len(rows) == len(page) == 3 and {r[2] for r in rows} == {"已交办"}
    assert "别县的监督事项" not in {r[0] for r in exported(c, "/work/supervision/opinions/")}
