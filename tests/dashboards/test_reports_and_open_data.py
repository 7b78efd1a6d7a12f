"""Year-end reports from templates, the monthly xlsx, print pages and the open-data page (issue 19)."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from renda.core.models import AuditEntry
from renda.dashboards import reports
from renda.dashboards.models import ReportTemplate
from renda.suggestions.models import State
from tests.factories.deputies import MandateFactory, StationFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_each_default_report_fills_its_figures(login, staff, county):
    seat = MandateFactory(body=county)
    SuggestionFactory(lead=seat, created_by=staff, year=2026, state=State.HANDLING)
    StationFactory(body=county, name="城关联络站")
    c = login(staff)
    text = _text(c.get("/work/dashboards/reports/suggestions.docx?year=2026").content)
    assert "关于2026年代表建议" in text and "共收到代表建议、批评和意见及议案1件" in text and "办理中" in text
    assert "{{" not in text and "{%" not in text
    assert "城关联络站" in _text(c.get("/work/dashboards/reports/stations.docx?year=2026").content)
    assert "关于2026年代表履职情况的报告" in _text(
        c.get("/work/dashboards/reports/duties.docx?year=2026").content
    )


def test_staff_upload_their_own_template_and_a_broken_one_is_refused(login, staff, county):
    c = login(staff)
    doc = Document()
    doc.add_paragraph("{{ body }} {{ year }} 年共 {{ total }} 件（本县格式）")
    buf = io.BytesIO()
    doc.save(buf)
    up = SimpleUploadedFile("本县模板.docx", buf.getvalue())
    r = c.post("/work/dashboards/reports/", {"kind": "suggestions", "file": up})
    assert r.status_code == 302
    assert "本县格式" in _text(c.get("/work/dashboards/reports/suggestions.docx?year=2026").content)
    assert AuditEntry.objects.filter(action="dashboards.template_upload").count() == 1
    broken = Document()
    broken.add_paragraph("{{ body ")
    buf = io.BytesIO()
    broken.save(buf)
    r = c.post(
        "/work/dashboards/reports/",
        {"kind": "suggestions", "file": SimpleUploadedFile("坏.docx", buf.getvalue())},
    )
    assert r.status_code == 422 and "模板中的标签无法填写" in r.content.decode()
    r = c.post(
        "/work/dashboards/reports/", {"kind": "duties", "file": SimpleUploadedFile("a.docx", b"not a zip")}
    )
    assert r.status_code == 422 and "应为 Word 文档" in r.content.decode()
    assert ReportTemplate.objects.filter(active=True).count() == 1  # nothing stored half-way


def test_leaders_download_but_do_not_upload(login, leader):
    c = login(leader)
    assert c.get("/work/dashboards/reports/suggestions/template.docx").status_code == 200
    r = c.post(
        "/work/dashboards/reports/",
        {
            "kind": "suggestions",
            "file": SimpleUploadedFile("a.docx", reports.default_template("suggestions")),
        },
    )
    assert r.status_code in (403, 422) and not ReportTemplate.objects.exists()


def test_monthly_statistics_xlsx_has_a_sheet_per_figure_with_its_definition(login, staff, county):
    from openpyxl import load_workbook

    data = login(staff).get("/work/dashboards/reports/monthly.xlsx?year=2026&month=3").content
    wb = load_workbook(io.BytesIO(data))
    assert "建议办理状态" in wb.sheetnames and "乡镇履职" in wb.sheetnames
    values = [c for row in wb["乡镇履职"].iter_rows(values_only=True) for c in row if c]
    assert any(str(v).startswith("口径：") for v in values)


def test_print_pages_render_for_the_viewer_and_404_for_others(login, staff, outsider, county):
    item = SuggestionFactory(lead=MandateFactory(body=county), created_by=staff, state=State.SUBMITTED)
    html = login(staff).get(f"/work/dashboards/print/handover/{item.pk}/").content.decode()
    assert "交办单" in html and item.title in html and "print.css" in html
    assert login(outsider).get(f"/work/dashboards/print/handover/{item.pk}/").status_code == 404


def test_open_data_page_and_downloads(client, county):
    StationFactory(body=county, name="城关联络站")
    html = client.get("/open/").content.decode()
    assert "开放数据" in html and "CC BY 4.0" in html and "数据日期" in html
    csv_bytes = client.get("/open/data/stations.csv").content
    assert csv_bytes.startswith("\ufeff".encode()) and "城关联络站" in csv_bytes.decode()
    body = json.loads(client.get("/open/data/stations.json").content)
    assert body["licence"].startswith("知识共享") and body["items"][0]["name"] == "城关联络站"
    assert client.get("/open/data/nothing.csv").status_code == 404
    for key in ("deputies", "receptions", "suggestions", "points"):
        assert client.get(f"/open/data/{key}.json").status_code == 200


def test_default_templates_are_real_docx():
    for kind in ("suggestions", "duties", "stations"):
        assert zipfile.ZipFile(io.BytesIO(reports.default_template(kind))).getinfo("word/document.xml")
