"""A real published roster (issue 14; domain.md §3, §6): no ID numbers, same-name deputies, partial birth
dates, blank parties, elections before the term's first session, by-elections."""

import datetime as dt

import pytest

from renda.core.errors import Refused
from renda.deputies import importing, services
from renda.deputies.choices import ChangeKind
from renda.deputies.models import Mandate, MandateChange, Person
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


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("1967年3月", "1967-03", "1967年03月"),
        ("1988年", "1988", "1988年"),
        ("1967-03", "1967-03", "1967年03月"),
        ("1967.3", "1967-03", "1967年03月"),
        ("1988", "1988", "1988年"),
        ("1967-03-08", "1967-03-08", "1967年03月08日"),
    ],
)
def test_partial_birth_dates_are_kept_with_their_precision(county, staff, roster, text, iso, shown):
    result = _import([["陈某", "男", "汉族", text, "群众", "18", "", "2021-10-20"]], county, staff)
    assert result.report.error_count == 0
    person = Person.objects.get(name="陈某")
    assert (person.birth_iso, person.birth_text) == (iso, shown)


def test_partial_birth_dates_show_only_what_is_known_everywhere(login, staff, county, roster):
    rows = [
        ["陈年", "男", "汉族", "1988年", "群众", "18", "", "2021-10-20"],
        ["陈月", "女", "汉族", "1967年3月", "群众", "18", "", "2021-10-20"],
    ]
    _import(rows, county, staff)
    year, month = Person.objects.get(name="陈年"), Person.objects.get(name="陈月")
    client = login(staff)
    page = client.get(f"/work/deputies/people/{year.pk}/").content.decode()
    assert "1988年" in page and "1988年01月" not in page and "1988-01-01" not in page
    listing = client.get("/work/deputies/", {"q": "陈"}).content.decode()
    assert "1988-01" not in listing and "1967-03-01" not in listing
    api = client.get(f"/api/v1/deputies/{month.mandates.get().pk}").json()
    assert api["person"]["birth_date"] == "1967-03" and api["person"]["birth_precision"] == "month"
    persons = {p["name"]: p for p in client.get("/api/v1/popolo.json").json()["persons"]}
    assert persons["陈年"]["birth_date"] == "1988" and persons["陈月"]["birth_date"] == "1967-03"
    edit = client.get(f"/work/deputies/people/{month.pk}/edit/").content.decode()
    assert 'value="1967-03"' in edit  # re-saving the form keeps the precision


def test_duty_file_shows_the_birth_month_only_as_far_as_known(county, staff, roster):
    from renda.duties.services.duty_file import build

    _import([["陈年", "男", "汉族", "1988年", "群众", "18", "", "2021-10-20"]], county, staff)
    file = build(Mandate.objects.get(person__name="陈年").pk)
    basic = dict(next(s for s in file.sections if s.key == "basic").rows)
    assert basic["出生年月"] == "1988年"


def test_an_unreadable_birth_date_names_the_row_and_value(county, staff, roster):
    result = _import([["陈错", "男", "汉族", "1967年13月", "群众", "18", "", "2021-10-20"]], county, staff)
    assert "出生日期“1967年13月”不是有效日期" in result.report.errors[0]["reasons"][0]


def test_blank_party_stays_unknown_is_reported_and_counted_apart(login, staff, county, roster):
    rows = [
        ["空党", "男", "汉族", "", "", "18", "", "2021-10-20"],
        ["无党", "男", "汉族", "", "无", "18", "", "2021-10-20"],
    ]
    result = _import(rows, county, staff)
    assert Person.objects.get(name="空党").party == ""
    assert Person.objects.get(name="无党").party == "masses"  # the documented 无 rule
    kinds = {n["kind"] for n in result.report.as_json()["notes"]}
    assert "政治面貌未填（保留为“未填”）" in kinds and "政治面貌“无”按规则导入为“群众”" in kinds
    figures = login(staff).get("/work/deputies/stats/").context["figures"]
    assert {row["label"]: row["count"] for row in figures["party"]}["未填"] == 1
