"""Every supervision list downloads as xlsx with its filters: Chinese headers, choice labels not codes, only
the rows in scope (issue 19 through core.xlsx_export)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from renda.supervision import services
from renda.supervision.choices import AppraisalKind, Kind
from renda.supervision.models import Appraisal, Appraisee, Hearing, Project
from renda.supervision.services.cases import Row

pytestmark = pytest.mark.django_db


def _sheet(client, url: str, params: dict | None = None) -> list[tuple]:
    r = client.get(url, {**(params or {}), "format": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))


def _page_has_button(client, url: str) -> None:
    assert 'data-export href="?' in client.get(url).content.decode(), url


def test_each_list_exports_with_chinese_headers_and_labels(
    login, staff, standing_committee, report_item, unit, plan
):
    services.plan.add_item(plan, kind=Kind.INSPECTION, title="食品安全法执法检查", unit=unit, by=staff)
    services.create.matter(
        standing_committee, title="国土空间规划", proposer="县政府", proposed_on=date(2026, 3, 1), by=staff
    )
    Project.objects.create(
        body=standing_committee, year=2026, title="老旧小区改造", unit=unit, budget=Decimal(100)
    )
    h = Hearing.objects.create(body=standing_committee, title="网络问政", held_on=date(2026, 9, 26))
    services.hearing.propose(h, asker="张女士", text="城区停车难的问题什么时候能够解决？")
    a = Appraisal.objects.create(
        body=standing_committee, year=2026, title="述职评议", kind=AppraisalKind.OFFICIAL
    )
    Appraisee.objects.create(appraisal=a, unit=unit, person="李四", post="局长")
    services.cases.save_review(
        None,
        body=standing_committee,
        year=2026,
        unit=unit,
        cases=10,
        total_cases=None,
        case_numbers="",
        reviewers="评查组",
        rows=[Row("事实认定", "100", "90")],
        flawed=0,
        findings="",
        opinion_text="",
        by=staff,
    )
    c = login(staff)
    cases = {
        "/work/supervision/plans/": ("监督方式", "听取审议专项工作报告"),
        "/work/supervision/inspections/": ("执法检查", "计划中"),
        "/work/supervision/matters/": ("重大事项", "已提请"),
        "/work/supervision/projects/?year=2026": ("年终测评", "候选项目"),
        "/work/supervision/hearings/": ("提问人", "已征集"),
        "/work/supervision/appraisals/": ("评议等次", "任命人员述职评议"),
        "/work/supervision/cases/?year=2026": ("被评查单位", unit.name),
        "/work/supervision/filings/": ("文件名称", None),
    }
    for url, (header, label) in cases.items():
        _page_has_button(c, url)
        path, _, query = url.partition("?")
        rows = _sheet(c, path, dict([query.split("=")]) if query else None)
        assert header in rows[1], (url, rows[1])
        if label:
            assert any(label in (cell or "") for row in rows[2:] for cell in row if isinstance(cell, str)), (
                url
            )


def test_the_matters_export_follows_the_status_filter(login, staff, standing_committee):
    m = services.create.matter(
        standing_committee, title="甲事项", proposer="县政府", proposed_on=date(2026, 3, 1), by=staff
    )
    services.create.matter(
        standing_committee, title="乙事项", proposer="县政府", proposed_on=date(2026, 4, 1), by=staff
    )
    services.matters.deliberate(m, by=staff)
    rows = _sheet(login(staff), "/work/supervision/matters/", {"status": "deliberating"})
    assert (
        "状态=审议中" in rows[0][0] and "deliberating" not in rows[0][0]
    )  # the label, as the filter shows it
    assert [r[0] for r in rows[2:]] == ["甲事项"] and rows[2][3] == "审议中"
