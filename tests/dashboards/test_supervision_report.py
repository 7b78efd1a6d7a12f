"""监督工作总结 (issue 19): the year-end supervision summary from its docxtpl template, figures from supervision."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from renda.dashboards import reports
from renda.dashboards.models import ReportTemplate
from renda.supervision import services
from renda.supervision.choices import (
    AppraisalKind,
    FilingStatus,
    Grade,
    ItemStatus,
    Kind,
    OpinionStatus,
    Outcome,
    Severity,
)
from renda.supervision.models import Appraisal, Appraisee, Filing, Opinion, Rule, RuleSet, Warning
from tests.factories.core import BodyFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def year_of_work(standing_committee, unit, staff):
    plan = services.plan.create_plan(body=standing_committee, year=2025, by=staff)
    heard = services.plan.add_item(
        plan, kind=Kind.SPECIAL_REPORT, title="听取老旧小区改造报告", unit=unit, by=staff
    )
    heard.status = ItemStatus.HEARD
    heard.save(update_fields=["status"])
    check = services.plan.add_item(
        plan,
        kind=Kind.INSPECTION,
        title="检查《消防法》实施情况",
        unit=unit,
        law="中华人民共和国消防法",
        by=staff,
    )
    dropped = services.plan.add_item(plan, kind=Kind.INSPECTION, title="已取消的检查", unit=unit, by=staff)
    dropped.status = ItemStatus.CANCELLED
    dropped.save(update_fields=["status"])
    Opinion.objects.create(
        item=heard,
        text="加快改造进度",
        unit=unit,
        status=OpinionStatus.SATISFIED,
        report_due=date(2025, 9, 1),
        reported_on=date(2025, 9, 10),
        grade=Grade.SATISFIED,
        grade_source="常委会会议测评",
    )
    Opinion.objects.create(
        item=check, text="加强消防检查", unit=unit, status=OpinionStatus.SENT, report_due=date(2025, 10, 1)
    )
    Opinion.objects.create(
        item=check,
        text="整改隐患",
        unit=unit,
        status=OpinionStatus.UNSATISFIED,
        report_due=date(2025, 10, 1),
        reported_on=date(2025, 9, 20),
        grade=Grade.UNSATISFIED,
        grade_source="常委会会议测评",
    )
    a = Appraisal.objects.create(
        body=standing_committee, year=2025, title="部门工作评议", kind=AppraisalKind.DEPARTMENT
    )
    Appraisee.objects.create(appraisal=a, unit=unit, total=91.5, rank=1, outcome=Outcome.QUALIFIED)
    rs = RuleSet.objects.create(body=standing_committee, version=1, effective_from=date(2025, 1, 1))
    rule = Rule.objects.create(ruleset=rs, code="R1", title="执行进度偏慢", article="预算法第五十七条")
    for sev in (Severity.RED, Severity.YELLOW):
        Warning.objects.create(
            body=standing_committee,
            year=2025,
            rule=rule,
            unit=unit,
            key=f"R1-{sev}",
            severity=sev,
            message="进度偏慢",
            raised_on=date(2025, 7, 1),
        )
    Filing.objects.create(
        body=standing_committee,
        title="关于物业管理的规定",
        number="青政发〔2025〕1号",
        unit=unit,
        published_on=date(2025, 3, 1),
        filing_due=date(2025, 3, 31),
        status=FilingStatus.NO_ISSUE,
        filed_on=date(2025, 3, 20),
    )
    return heard


def test_the_summary_fills_every_section_from_supervision_data(login, staff, year_of_work):
    """Issue 19: 监督工作总结 as docx from the staff-editable template, figures from the supervision data."""
    c = login(staff)
    r = c.get("/work/dashboards/reports/supervision.docx?year=2025")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _text(r.content)
    assert "青山县人大常委会2025年监督工作总结" in text
    assert "共安排监督事项2项" in text  # the cancelled item is not counted
    assert "执法检查1项" in text and "已取消的检查" not in text
    assert "检查《消防法》实施情况" in text and "中华人民共和国消防法" in text
    assert (
        "形成审议意见3件，已报送办理情况2件" in text and "逾期未报告1件" in text and "超过期限报送1件" in text
    )
    assert "满意1件、基本满意0件、不满意1件，满意率（含基本满意）50.0%（1/2）" in text
    assert "部门工作评议（部门工作评议）" in text and "91.5" in text and "合格" in text
    assert "发出预算预警2条（红色1条、黄色1条）" in text and "R1 执行进度偏慢" in text
    assert "报备规范性文件1件" in text and "审查未发现问题" in text
    assert "{{" not in text and "{%" not in text


def test_kinds_table_counts_items_by_kind_and_state(staff, year_of_work):
    ctx = reports.context("supervision", user=staff, year=2025)
    special = next(k for k in ctx["kinds"] if k["label"] == "听取审议专项工作报告")
    inspection = next(k for k in ctx["kinds"] if k["label"] == "执法检查")
    assert (special["total"], special["heard"]) == (1, 1)
    assert (inspection["total"], inspection["planned"], inspection["cancelled"]) == (2, 1, 1)


def test_out_of_scope_supervision_is_not_counted(login, year_of_work):
    """A staff member of another congress sees none of this county's supervision in the summary."""
    from renda.core.models import BodyKind, Level
    from renda.core.roles import Role
    from tests.factories.core import UserFactory

    county2 = BodyFactory(name="别县人民代表大会")
    sc2 = BodyFactory(
        name="别县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=county2
    )
    UnitFactory(name="别县住建局", body=county2)
    other = UserFactory(username="other", role=Role.STAFF, body=sc2)
    ctx = reports.context("supervision", user=other, year=2025)
    assert ctx["items_total"] == 0 and ctx["opinions"]["total"] == 0 and ctx["warnings"]["total"] == 0
    assert "老旧小区" not in _text(
        login(other).get("/work/dashboards/reports/supervision.docx?year=2025").content
    )


def test_an_uploaded_summary_template_is_test_filled_first(login, staff, year_of_work):
    c = login(staff)
    doc = Document(io.BytesIO(reports.default_template("supervision")))
    doc.add_paragraph("本县格式：{{ votes.rate }}")
    buf = io.BytesIO()
    doc.save(buf)
    ok = c.post(
        "/work/dashboards/reports/",
        {"kind": "supervision", "file": SimpleUploadedFile("a.docx", buf.getvalue())},
    )
    assert (
        ok.status_code == 302 and ReportTemplate.objects.filter(kind="supervision", active=True).count() == 1
    )
    assert "本县格式：50.0%（1/2）" in _text(
        c.get("/work/dashboards/reports/supervision.docx?year=2025").content
    )
    bad = Document(io.BytesIO(reports.default_template("supervision")))
    bad.add_paragraph("{{ votes.rate | nosuchfilter }}")
    buf = io.BytesIO()
    bad.save(buf)
    r = c.post(
        "/work/dashboards/reports/",
        {"kind": "supervision", "file": SimpleUploadedFile("b.docx", buf.getvalue())},
    )
    assert r.status_code == 422 and "模板中的标签无法填写" in r.content.decode()
    assert ReportTemplate.objects.filter(kind="supervision", active=True).count() == 1  # the good one stays
