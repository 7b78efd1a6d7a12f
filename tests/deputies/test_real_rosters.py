"""A real published roster (issue 14; domain.md §3, §6): no ID numbers, same-name deputies, partial birth
dates, blank parties, elections before the term's first session, by-elections."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.errors import Refused
from renda.deputies import importing, services
from renda.deputies.choices import ChangeKind
from renda.deputies.models import ImportBatch, Mandate, MandateChange, Person
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


def _counts(result):
    c = result.counts
    return (c.created, c.updated, c.unchanged, c.persons_created)


def test_reimport_without_id_numbers_or_birth_dates_adds_nobody(county, staff, roster):
    # domain.md §6: a published roster has no ID numbers; Django drops None from `IN` (the lost match).
    rows = [[f"无号{i}", "男", "汉族", "", "群众", "18", "城关镇代表团", "2021-10-20"] for i in range(5)]
    first = _import(rows, county, staff)
    assert _counts(first) == (5, 0, 0, 5)
    people = Person.objects.count()
    again = _import(rows, county, staff)
    assert _counts(again) == (0, 0, 5, 0)  # "0 new, 5 unchanged"
    assert Person.objects.count() == people


def test_same_name_deputies_of_one_delegation_are_two_seats_and_reimport_keeps_both(county, staff, roster):
    rows = [
        ["王伟", "男", "汉族", "", "群众", "18", "城关镇代表团", "2021-10-20"],
        ["王伟", "男", "汉族", "", "中共党员", "18", "城关镇代表团", "2021-10-20"],
    ]
    first = _import(rows, county, staff)
    assert first.report.error_count == 0 and _counts(first) == (2, 0, 0, 2)
    assert first.report.pairs[0]["line"] == 3 and first.report.pairs[0]["other"] == 2
    assert Mandate.objects.filter(person__name="王伟").count() == 2
    again = _import(rows, county, staff)
    assert _counts(again) == (0, 0, 2, 0) and not again.report.pairs
    assert set(Person.objects.filter(name="王伟").values_list("party", flat=True)) == {"masses", "cpc"}


def test_staff_can_confirm_a_same_name_pair_is_one_person(county, staff, roster):
    rows = [
        ["王伟", "男", "汉族", "", "群众", "18", "城关镇代表团", "2021-10-20"],
        ["王伟", "男", "汉族", "", "群众", "18", "城关镇代表团", "2021-10-20"],
    ]
    result = _import(rows, county, staff, decisions={"d3": "dup"})
    assert _counts(result) == (1, 0, 0, 1)


def test_a_row_that_could_be_two_people_is_reported_not_guessed(county, staff, roster):
    liu = PersonFactory(name="刘洋", birth_date=None)
    Mandate.objects.create(
        person=liu, body=county, level=county.level, term=roster["m_li"].term, start_date=dt.date(2021, 10, 1)
    )
    header = ["姓名", "性别", "民族", "出生日期", "政治面貌", "届次", "选区", "当选日期"]
    rows = [["刘洋", "男", "汉族", "", "群众", "18", "青石镇第1选区", "2021-10-20"]]
    result = _import(rows, county, staff, header=header)
    assert result.counts is None and result.report.ambiguous[0]["line"] == 2
    assert {o["value"] for o in result.report.ambiguous[0]["options"]} == {f"p{liu.pk}", "new"}
    same = _import(rows, county, staff, header=header, decisions={"m2": f"p{liu.pk}"})
    assert _counts(same) == (0, 1, 0, 0)
    assert Mandate.objects.get(person=liu).constituency == roster["con_b"]


def test_a_known_birth_date_matches_the_person_across_a_changed_seat(county, staff, roster):
    wang = roster["wang"]
    header = ["姓名", "性别", "民族", "出生日期", "政治面貌", "届次", "选区", "当选日期"]
    rows = [["王强", "男", "汉族", wang.birth_date.isoformat(), "民盟", "18", "城关镇第1选区", "2021-10-20"]]
    result = _import(rows, county, staff, header=header)
    assert _counts(result) == (0, 1, 0, 0) and Person.objects.filter(name="王强").count() == 1


def test_a_file_without_birth_dates_never_erases_known_ones(county, staff, roster):
    li = roster["li"]
    header = ["姓名", "性别", "民族", "政治面貌", "届次", "选区", "当选日期"]
    rows = [["李芳", "女", "畲族", "", "18", "城关镇第1选区", "2021-10-01"]]
    _import(rows, county, staff, header=header)
    li.refresh_from_db()
    assert li.birth_date == dt.date(1975, 3, 8) and li.party == "masses"


def test_web_report_asks_the_staff_and_imports_their_answer(login, staff, county, roster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    liu = PersonFactory(name="刘洋", birth_date=None)
    Mandate.objects.create(
        person=liu, body=county, level=county.level, term=roster["m_li"].term, start_date=dt.date(2021, 10, 1)
    )
    header = ["姓名", "性别", "民族", "出生日期", "政治面貌", "届次", "选区", "当选日期"]
    rows = [
        ["刘洋", "男", "汉族", "", "群众", "18", "青石镇第1选区", "2021-10-20"],
        ["王伟", "男", "汉族", "", "群众", "18", "青石镇第1选区", "2021-10-20"],
        ["王伟", "男", "汉族", "", "群众", "18", "青石镇第1选区", "2021-10-20"],
    ]
    client = login(staff)
    client.post(
        "/work/deputies/import/",
        {"body": county.pk, "file": SimpleUploadedFile("r.xlsx", xlsx(rows, header))},
    )
    batch = ImportBatch.objects.get()
    page = client.get(f"/work/deputies/import/{batch.pk}/").content.decode()
    assert 'name="decide-m2"' in page and f'value="p{liu.pk}"' in page
    assert 'name="decide-d4"' in page and "第 3 行与第 4 行" in page
    client.post(f"/work/deputies/import/{batch.pk}/confirm/")  # undecided: refused, nothing written
    assert not Person.objects.filter(name="王伟").exists()
    client.post(f"/work/deputies/import/{batch.pk}/confirm/", {"decide-m2": "new", "decide-d4": "two"})
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.created == 3
    assert Person.objects.filter(name="刘洋").count() == 2 and Person.objects.filter(name="王伟").count() == 2


def test_errors_name_row_person_and_value_and_download_as_xlsx(
    login, staff, county, roster, settings, tmp_path
):
    import io

    from openpyxl import load_workbook

    settings.MEDIA_ROOT = tmp_path
    rows = [
        ["钱错", "男", "汉族", "2010年5月", "群众", "18", "", "2021-10-20"],
        ["孙错", "男", "火星族", "", "群众", "18", "", "2021-10-20"],
        ["李错", "男", "汉族", "", "外星党", "18", "", "2021-10-20"],
    ]
    client = login(staff)
    client.post(
        "/work/deputies/import/",
        {"body": county.pk, "file": SimpleUploadedFile("r.xlsx", xlsx(rows, HEADER))},
    )
    batch = ImportBatch.objects.get()
    page = client.get(f"/work/deputies/import/{batch.pk}/").content.decode()
    assert "钱错" in page and "当选时未满18周岁（出生日期“2010年5月”" in page and "下载错误清单" in page
    r = client.get(f"/work/deputies/import/{batch.pk}/errors.xlsx")
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(r.content)).active
    table = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert table[0][:2] == [2, "钱错"] and "2010年5月" in table[0][2]
    assert table[1][:2] == [3, "孙错"] and "火星族" in table[1][2]
    assert table[2][1] == "李错" and "外星党" in table[2][2]


def test_a_name_from_the_file_never_becomes_an_excel_formula():
    from renda.deputies.views.imports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("张伟") == "张伟"
