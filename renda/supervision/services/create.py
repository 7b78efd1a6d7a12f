"""Creating the smaller records from the staff screens: appraisals and appraisees, hearings, livelihood
candidates and major matters (domain.md §5)."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body, Unit

from .. import permissions
from ..choices import AppraisalKind
from ..models import Appraisal, Appraisee, Hearing, Matter, Project


def _title(text: str, limit: int) -> str:
    text = (text or "").strip()
    if not text:
        raise Refused("title_required", "请填写名称")
    return text[:limit]


@transaction.atomic
def appraisal(body: Body, *, year: int, title: str, kind: str, by) -> Appraisal:
    permissions.require_staff(by, "新建评议")
    if kind not in AppraisalKind.values:
        raise Refused("kind_unknown", "请选择部门工作评议或述职评议")
    a = Appraisal.objects.create(body=body, year=year, title=_title(title, 120), kind=kind)
    audit.record("supervision.appraisal_create", a, by=by)
    return a


@transaction.atomic
def appraisee(
    a: Appraisal, *, unit: Unit, person: str, post: str, list_name: str, ranked: bool, by
) -> Appraisee:
    permissions.require_staff(by, "增加评议对象")
    if a.kind == AppraisalKind.OFFICIAL and not person.strip():
        raise Refused("person_required", "述职评议须填写被评议人姓名")
    p = Appraisee.objects.create(
        appraisal=a,
        unit=unit,
        person=person.strip()[:40],
        post=post.strip()[:60],
        list_name=list_name.strip()[:30] or "综合排名",
        ranked=ranked,
    )
    audit.record("supervision.appraisee_add", p, by=by)
    return p


@transaction.atomic
def hearing(body: Body, *, title: str, held_on: date, place: str, minutes: int, by) -> Hearing:
    permissions.require_staff(by, "新建网络问政")
    if not 1 <= minutes <= 60:
        raise Refused("minutes_range", "每题答复时间须为 1—60 分钟")
    h = Hearing.objects.create(
        body=body, title=_title(title, 120), held_on=held_on, place=place.strip()[:80], answer_minutes=minutes
    )
    audit.record("supervision.hearing_create", h, by=by)
    return h


@transaction.atomic
def candidate(body: Body, *, year: int, title: str, unit: Unit, budget: Decimal, summary: str, by) -> Project:
    permissions.require_staff(by, "增加候选项目")
    if budget <= 0:
        raise Refused("budget_invalid", "计划投资须大于 0")
    p = Project.objects.create(
        body=body,
        year=year,
        title=_title(title, 100),
        unit=unit,
        budget=budget,
        summary=summary.strip()[:2000],
    )
    audit.record("supervision.project_add", p, by=by)
    return p


@transaction.atomic
def matter(body: Body, *, title: str, proposer: str, proposed_on: date, by) -> Matter:
    permissions.require_staff(by, "登记重大事项")
    m = Matter.objects.create(
        body=body,
        title=_title(title, 160),
        proposer=proposer.strip()[:60] or "县人民政府",
        proposed_on=proposed_on,
    )
    audit.record("supervision.matter_add", m, by=by)
    return m
