"""The duty-points ranking as xlsx (issue 19): exactly the page's ranking, its filters named as the filter
form names them (排名对象=代表, not by=deputy), never another county's deputies."""

from datetime import date

import pytest

from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory
from tests.factories.duties import DutyRecordFactory

pytestmark = pytest.mark.django_db


def test_ranking_export_has_the_page_rows_with_form_labels_and_nothing_out_of_scope(login, staff, county):
    for i, n in enumerate([3, 1]):
        seat = MandateFactory(body=county, person=PersonFactory(name=f"代表{i}"))
        for k in range(n):
            DutyRecordFactory(mandate=seat, on=date(2025, 5, 1 + k))
    DutyRecordFactory(
        mandate=MandateFactory(
            body=BodyFactory(name="别县人民代表大会"), person=PersonFactory(name="别县代表")
        )
    )
    c = login(staff)
    params = {"year": "2025", "period": "Y", "by": "deputy"}
    page = shown(c, "/work/duties/rankings/", params)
    rows = exported(c, "/work/duties/rankings/", params, shows={"period": "全年", "by": "代表"})
    assert [r[1] for r in rows] == [s.mandate.person.name for s in page] == ["代表0", "代表1"]
    assert [r[0] for r in rows] == [1, 2] and rows[0][4] == 3

    level = exported(c, "/work/duties/rankings/", {"year": "2025", "by": "level"}, shows={"by": "层级"})
    assert [r[2] for r in level] == [2] and level[0][0] == 1  # two deputies of the county, none of 别县
