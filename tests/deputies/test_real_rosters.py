"""A real published roster (issue 14; domain.md §3, §6): no ID numbers, same-name deputies, partial birth
dates, blank parties, elections before the term's first session, by-elections."""

import datetime as dt

import pytest

from renda.core.errors import Refused
from renda.deputies import importing, services
from renda.deputies.choices import ChangeKind
from renda.deputies.models import Mandate, MandateChange
from tests.deputies.test_import import xlsx
from tests.factories.deputies import PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "性别", "民族", "出生日期", "政治面貌", "届次", "代表团", "当选日期"]


def _import(rows, county, staff, header=HEADER, **kw):
    return importing.import_file(xlsx(rows, header), "r.xlsx", body=county, by=staff, **kw)


def test_election_up_to_half_a_year_before_the_term_is_accepted(county, staff, roster):
    # domain.md §3: elected in the spring, the term (2021-10-01) starts at its first session.
    rows = [["周一", "男", "汉族", "", "群众", "18", "", "2021-04-20"]]
    result = _import(rows, county, staff)
    assert result.report.error_count == 0
    m = Mandate.objects.get(person__name="周一")
    assert m.start_date == dt.date(2021, 10, 1)  # the seat is held from the term's start
    assert m.changes.get().date == dt.date(2021, 4, 20)


def test_election_more_than_183_days_before_the_term_is_refused_with_the_date(county, staff, roster):
    rows = [["周二", "男", "汉族", "", "群众", "18", "", "2021-03-01"]]
    result = _import(rows, county, staff)
    assert "当选日期 2021-03-01 不在第十八届任期内" in result.report.errors[0]["reasons"][0]


def test_elect_service_accepts_an_election_before_the_term_but_not_a_by_election(county, staff, roster):
    term = roster["m_li"].term
    early = services.elect(PersonFactory(), term=term, on=dt.date(2021, 9, 1), by=staff)
    assert early.start_date == term.start_date
    with pytest.raises(Refused):
        services.elect(
            PersonFactory(), term=term, on=dt.date(2021, 9, 1), by=staff, kind=ChangeKind.BY_ELECTION
        )


def test_rows_marked_by_election_become_by_election_changes(county, staff, roster):
    header = [*HEADER, "当选方式"]
    rows = [
        ["吴补", "男", "汉族", "", "群众", "18", "", "2023-05-10", "补选"],
        ["郑选", "男", "汉族", "", "群众", "18", "", "2021-10-20", "当选"],
    ]
    result = _import(rows, county, staff, header=header)
    assert result.report.error_count == 0
    assert MandateChange.objects.get(mandate__person__name="吴补").kind == ChangeKind.BY_ELECTION
    assert MandateChange.objects.get(mandate__person__name="郑选").kind == ChangeKind.ELECTED


def test_a_by_election_before_the_term_is_refused(county, staff, roster):
    rows = [["吴早", "男", "汉族", "", "群众", "18", "", "2021-09-01", "补选"]]
    result = _import(rows, county, staff, header=[*HEADER, "当选方式"])
    assert "补选日期 2021-09-01 不在第十八届任期内" in result.report.errors[0]["reasons"][0]
