"""Bulk import (design.md house rule 5): the whole file is checked first, every bad row is reported with its
line number, nothing is written until clean or confirmed, re-import changes nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from renda.core.errors import NotPermitted
from renda.deputies import importing
from renda.deputies.importing import reader
from renda.deputies.models import ImportBatch, Mandate, Person
from tests.factories.deputies import make_id_number

pytestmark = pytest.mark.django_db

HEADER = [
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号",
    "政治面貌",
    "届次",
    "选区",
    "当选日期",
    "手机",
    "专业小组",
]


def good_rows():
    return [
        [
            "赵一",
            "男",
            "汉族",
            "1975-03-08",
            make_id_number(11),
            "中共党员",
            "18",
            "城关镇第1选区",
            "2021-10-20",
            "13811112222",
            "法制专业小组",
        ],
        [
            "钱二",
            "女",
            "回族",
            "1975-03-08",
            make_id_number(12, male=False),
            "群众",
            "18",
            "青石镇第1选区",
            "2021-10-20",
            "",
            "",
        ],
        ["孙三", "男", "汉族", "1980-05-06", "", "民盟", "第十八届", "", "2021/10/20", "", ""],
    ]


def xlsx(rows, header=HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig", header=HEADER) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue().encode(encoding)


def test_clean_file_imports_and_reimport_changes_nothing(county, staff, roster):
    data = xlsx(good_rows())
    first = importing.import_file(data, "r.xlsx", body=county, by=staff)
    assert first.counts.created == 3 and first.report.error_count == 0
    persons, mandates = Person.objects.count(), Mandate.objects.count()
    again = importing.import_file(data, "r.xlsx", body=county, by=staff)
    assert (again.counts.created, again.counts.updated, again.counts.unchanged) == (0, 0, 3)
    assert (Person.objects.count(), Mandate.objects.count()) == (persons, mandates)
    zhao = Person.objects.get(name="赵一")
    assert (
        zhao.phone == "13811112222" and zhao.mandates.get().professional_groups.get().name == "法制专业小组"
    )


def test_existing_person_is_matched_by_id_number_not_duplicated(county, township_a, staff, roster):
    """One person, several mandates: a county deputy imported into the township gets a second seat."""
    zhang = roster["zhang"]
    row = ["张伟", "男", "汉族", "", zhang.id_number, "中共党员", "18", "", "2021-10-20", "", ""]
    importing.import_file(xlsx([row]), "r.xlsx", body=county, by=staff)  # same seat → unchanged
    assert Person.objects.filter(name="张伟").count() == 1
    assert zhang.mandates.count() == 2


def test_person_without_id_is_matched_by_name_birth_date_and_body(county, staff, roster):
    wang = roster["wang"]
    row = [
        "王强",
        "男",
        "汉族",
        wang.birth_date.isoformat(),
        "",
        "民盟",
        "18",
        "青石镇第1选区",
        "2021-10-01",
        "",
        "",
    ]
    result = importing.import_file(xlsx([row]), "r.xlsx", body=county, by=staff)
    assert result.counts.created == 0 and Person.objects.filter(name="王强").count() == 1


def test_every_bad_row_is_reported_with_line_number_and_nothing_is_written(county, staff, roster):
    bad_id = make_id_number(20)[:-1] + ("0" if make_id_number(20)[-1] != "0" else "1")
    rows = [
        *good_rows(),
        ["", "男", "汉族", "1975-03-08", "", "群众", "18", "", "2021-10-20", "", ""],  # line 5
        ["周五", "男", "火星族", "1975-03-08", "", "群众", "18", "", "2021-10-20", "", ""],  # line 6
        ["吴六", "男", "汉族", "", bad_id, "群众", "18", "", "2021-10-20", "", ""],  # line 7
        ["郑七", "男", "汉族", "1975-03-08", "", "群众", "18", "不存在选区", "2021-10-20", "", ""],  # line 8
        [
            "赵一",
            "男",
            "汉族",
            "1975-03-08",
            make_id_number(11),
            "群众",
            "18",
            "",
            "2021-10-20",
            "",
            "",
        ],  # line 9
        ["冯八", "男", "汉族", "2022-01-01", "", "群众", "18", "", "2021-10-20", "", ""],  # line 10
    ]
    before = (Person.objects.count(), Mandate.objects.count())
    result = importing.import_file(xlsx(rows), "r.xlsx", body=county, by=staff)
    assert result.counts is None
    errors = {e["line"]: " ".join(e["reasons"]) for e in result.report.errors}
    assert set(errors) == {5, 6, 7, 8, 9, 10}
    assert "缺少姓名" in errors[5]
    assert "未知的民族“火星族”" in errors[6]
    assert "校验位" in errors[7]
    assert "未知的选区“不存在选区”" in errors[8]
    assert "与第2行是同一人" in errors[9]
    assert "出生日期“2022-01-01”晚于当选日期 2021-10-20" in errors[10]
    assert (Person.objects.count(), Mandate.objects.count()) == before


def test_confirming_valid_rows_only_writes_the_good_rows(county, staff, roster):
    rows = [*good_rows(), ["周五", "男", "火星族", "1975-03-08", "", "群众", "18", "", "2021-10-20", "", ""]]
    result = importing.import_file(xlsx(rows), "r.xlsx", body=county, by=staff, valid_only=True)
    assert result.counts.created == 3 and not Person.objects.filter(name="周五").exists()


def test_messy_values_are_normalised_and_reported(county, staff, roster):
    full_width_id = make_id_number(30).translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    rows = [["李 四", "男", "汉", "", full_width_id, "中国共产党", "18", "", "2021-10-20", "", ""]]
    result = importing.import_file(xlsx(rows), "r.xlsx", body=county, by=staff)
    person = Person.objects.get(name="李四")
    assert person.party == "cpc" and person.ethnicity == "汉族" and person.id_number == make_id_number(30)
    kinds = {n["kind"] for n in result.report.as_json()["notes"]}
    assert {"姓名中的空格已去除", "民族名称已补全", "政治面貌已规范化", "出生日期按身份证号补全"} <= kinds
    assert any("身份证号已规范化" in k for k in kinds)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_or_gbk_is_read(county, staff, roster, encoding):
    report = importing.check_file(csv_bytes(good_rows(), encoding), "r.csv", body=county)
    assert report.error_count == 0 and len(report.valid) == 3
    assert ("文件按 GBK 编码读取" in report.file_notes) == (encoding == "gbk")


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "r.csv", "file_empty"),
        (b"\xd0\xcf\x11\xe0 old excel", "r.xls", "file_format"),
        (b"not a zip", "r.xlsx", "file_format"),
        ("姓名,性别\n张三,男\n".encode(), "r.csv", "header_missing"),
        (b"\xff\xfe\x00\x00\x81", "r.csv", "file_encoding"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole(county, data, name, code):
    with pytest.raises(reader.FileProblem) as exc:
        importing.check_file(data, name, body=county)
    assert exc.value.code == code


def test_files_over_50_mb_are_refused(county, monkeypatch):
    assert reader.MAX_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(reader, "MAX_BYTES", 100)
    with pytest.raises(reader.FileProblem) as exc:
        importing.check_file(csv_bytes(good_rows()), "r.csv", body=county)
    assert exc.value.code == "file_too_big"


def test_header_only_file_reports_no_rows(county, staff, roster):
    report = importing.check_file(csv_bytes([]), "r.csv", body=county)
    assert report.total == 0 and "文件中没有数据行" in report.file_notes


def test_township_staff_cannot_import_into_the_county(county, township_staff, roster):
    with pytest.raises(NotPermitted):
        importing.import_file(xlsx(good_rows()), "r.xlsx", body=county, by=township_staff)
    assert not Person.objects.filter(name="赵一").exists()


def test_web_flow_upload_check_then_confirm(login, staff, county, roster, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(staff)
    upload = SimpleUploadedFile(
        "名册.xlsx", xlsx([*good_rows(), ["", "男", "汉族", "", "", "", "18", "", "2021-10-20", "", ""]])
    )
    r = client.post("/work/deputies/import/", {"body": county.pk, "file": upload})
    batch = ImportBatch.objects.get()
    assert r.status_code == 302 and batch.error_rows == 1 and batch.valid_rows == 3
    assert not Person.objects.filter(name="赵一").exists()
    page = client.get(f"/work/deputies/import/{batch.pk}/").content.decode()
    assert "第 5 行" in page and "缺少姓名" in page
    client.post(f"/work/deputies/import/{batch.pk}/confirm/")  # without "valid rows only": refused
    assert not Person.objects.filter(name="赵一").exists()
    client.post(f"/work/deputies/import/{batch.pk}/confirm/", {"valid_only": "1"})
    batch.refresh_from_db()
    assert batch.status == "imported" and batch.created == 3
    client.post(f"/work/deputies/import/{batch.pk}/confirm/", {"valid_only": "1"})  # twice: refused
    assert Mandate.objects.filter(person__name="赵一").count() == 1


def test_upload_of_a_bad_file_shows_the_reason(login, staff, county, roster):
    r = login(staff).post(
        "/work/deputies/import/", {"body": county.pk, "file": SimpleUploadedFile("a.doc", b"xx")}
    )
    assert r.status_code == 422 and "只支持 xlsx 或 csv" in r.content.decode()


def test_template_download_lists_columns_and_this_congress_values(login, staff, county, roster):
    r = login(staff).get("/work/deputies/import/template.xlsx", {"body": county.pk})
    wb = load_workbook(io.BytesIO(r.content))
    assert [c.value for c in wb.active[1]][:3] == ["姓名*", "性别*", "民族*"]
    assert any("城关镇第1选区" in (c.value or "") for row in wb["填写说明"].iter_rows() for c in row)


def test_template_round_trips_through_the_import(county, staff, roster):
    from renda.deputies.importing.template import template_xlsx

    report = importing.check_file(template_xlsx(county), "t.xlsx", body=county)
    assert report.total == 1  # the example row is read with the template's own headers


def test_management_command_checks_then_commits(county, staff, roster, tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(csv_bytes(good_rows(), "gbk"))
    out = io.StringIO()
    call_command("import_deputies", str(path), body=county.pk, user=staff.username, stdout=out)
    assert "有效 3" in out.getvalue() and not Person.objects.filter(name="赵一").exists()
    call_command("import_deputies", str(path), body=county.pk, user=staff.username, commit=True, stdout=out)
    assert Person.objects.filter(name="赵一").exists() and "新增 3" in out.getvalue()


def test_import_rows_accepts_plain_dicts_for_the_benchmark(county, roster):
    rows = [dict(zip(HEADER, row, strict=True)) for row in good_rows()]
    result = importing.import_rows(rows, body=county, by=None)
    assert result.counts.created == 3


def test_deputy_elected_by_a_lower_congress_names_it_as_electing_body(county, township_a, staff, roster):
    header = ["姓名", "性别", "民族", "出生日期", "届次", "选举单位", "当选日期"]
    rows = [
        ["周九", "男", "汉族", "1970-01-01", "18", township_a.name, "2021-10-20"],
        ["吴十", "男", "汉族", "1970-01-01", "18", "火星人大", "2021-10-20"],
    ]
    result = importing.import_file(xlsx(rows, header), "r.xlsx", body=county, by=staff, valid_only=True)
    assert Mandate.objects.get(person__name="周九").electing_body == township_a
    assert "未知的选举单位“火星人大”" in result.report.errors[0]["reasons"][0]
