"""Case-quality review (案件质量评查): one unit's review — cases sampled, reviewers, a score per criterion on
the review's sheet, findings, opinions — entered and edited by staff; 整改 as a tracked follow-up.

The whole form is checked before anything is stored; each bad row is named ("第3行“法律适用”得分 32 超出范围
0—30"). Seed 000 (案件质量评查 of 684 cases in 58 units with 23 opinions); domain.md §5.1 (监督法第十七条 跟踪监督).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body, Unit

from .. import permissions
from ..models import CaseReview
from . import followups

# The sheet a new review starts from (staff may rename rows and change their ranges per review).
DEFAULT_SHEET = (("事实认定", 25), ("证据采信", 20), ("法律适用", 25), ("程序规范", 20), ("文书质量", 10))


@dataclass
class Row:
    name: str
    max: str
    score: str


def _number(raw: str, what: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise Refused("number_invalid", f"{what}须为数字") from None
    if not value.is_finite():
        raise Refused("number_invalid", f"{what}须为数字")
    return value


def check_sheet(rows: list[Row]) -> list[dict]:
    """The sheet's rows as stored, or a refusal naming the first bad row."""
    out = []
    for k, r in enumerate(rows, start=1):
        name = r.name.strip()
        if not name and not str(r.score).strip():
            continue  # an empty line of the form
        if not name or len(name) > 30:
            raise Refused("criterion_name", f"第{k}行：请填写评查项目名称（不超过30字）")
        high = _number(r.max, f"第{k}行“{name}”的满分")
        if high <= 0 or high > 100:
            raise Refused("criterion_max", f"第{k}行“{name}”的满分须在 0—100 之间")
        score = _number(r.score, f"第{k}行“{name}”的得分")
        if not 0 <= score <= high:
            raise Refused("score_out_of_range", f"第{k}行“{name}”得分 {score} 超出范围 0—{high}")
        out.append({"name": name, "max": float(high), "score": float(score)})
    if not out:
        raise Refused("sheet_empty", "请至少填写一个评查项目及得分")
    if len({r["name"] for r in out}) != len(out):
        raise Refused("criterion_duplicate", "评查项目名称重复")
    return out


@transaction.atomic
def save_review(
    review: CaseReview | None,
    *,
    body: Body,
    year: int,
    unit: Unit,
    cases: int,
    total_cases: int | None,
    case_numbers: str,
    reviewers: str,
    rows: list[Row],
    flawed: int,
    findings: str,
    opinion_text: str,
    by,
) -> CaseReview:
    """Create (`review` None) or edit a review; nothing is stored unless every field and row is right."""
    permissions.require_staff(by, "登记案件评查")
    if not 2000 <= year <= 2100:
        raise Refused("year_invalid", "年度不正确")
    if cases < 1:
        raise Refused("cases_invalid", "抽查案件数至少 1 件")
    if total_cases is not None and total_cases < cases:
        raise Refused("cases_invalid", f"抽查案件数（{cases}）不能多于办结案件总数（{total_cases}）")
    if not 0 <= flawed <= cases:
        raise Refused("cases_invalid", f"瑕疵案件（{flawed}）不能多于抽查案件数（{cases}）")
    reviewers = reviewers.strip()
    if not reviewers:
        raise Refused("reviewers_required", "请填写评查人员")
    sheet = check_sheet(rows)
    total = sum(Decimal(str(r["score"])) for r in sheet) / sum(Decimal(str(r["max"])) for r in sheet) * 100
    c = CaseReview.objects.select_for_update().get(pk=review.pk) if review else CaseReview(body=body)
    c.year, c.unit, c.cases, c.total_cases = year, unit, cases, total_cases
    c.case_numbers, c.reviewers, c.criteria = case_numbers.strip()[:5000], reviewers[:200], sheet
    c.score = total.quantize(Decimal("0.01"))
    c.flawed, c.findings, c.opinion_text = flawed, findings.strip()[:5000], opinion_text.strip()[:5000]
    c.opinions = len(c.opinion_lines())
    c.save()
    audit.record("supervision.case_review_save" if review else "supervision.case_review_add", c, by=by)
    return c


@transaction.atomic
def rectify(c: CaseReview, *, title: str, by):
    """The review's opinions handed to the unit as a tracked 整改 item."""
    permissions.require_staff(by, "交办评查整改")
    title = title.strip()
    if not title:
        raise Refused("title_empty", "请填写整改事项")
    return followups.start(
        c,
        body=c.body,
        unit=c.unit,
        origin="案件评查整改",
        title=title[:200],
        detail=c.opinion_text,
        clock="rectify_months",
        cite="domain.md §5.1 监督法第十七条：跟踪监督",
        by=by,
    )
