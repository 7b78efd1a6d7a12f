"""The annual supervision plan (监督法第六十三条) and its items' statutory timeline (监督法第十五条)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit, policy
from renda.core.errors import Refused
from renda.core.models import Body, Unit

from .. import permissions
from ..choices import Kind, PlanStatus
from ..models import ItemDocument, Plan, PlanItem, SupervisionPolicy
from ..workflow import ITEM
from .timeline import before


@transaction.atomic
def create_plan(*, body: Body, year: int, title: str = "", by) -> Plan:
    permissions.require_staff(by, "编制监督工作计划")
    if Plan.objects.filter(body=body, year=year).exists():
        raise Refused("plan_exists", f"{year}年度监督工作计划已存在")
    plan = Plan.objects.create(body=body, year=year, title=title or f"{body.name}{year}年度监督工作计划")
    audit.record("supervision.plan_create", plan, by=by)
    return plan


def timeline(item: PlanItem) -> list:
    """The three dates before the meeting with how each was counted (监督法第十五条), from the body's policy."""
    if not item.meeting_date:
        return []
    p = policy.resolve(SupervisionPolicy, item.plan.body)
    cite = "监督法第十五条（domain.md §5.1）"
    return [
        before(item.meeting_date, p.draft_days, what="报告稿送专门委员会", cite=cite),
        before(item.meeting_date, p.final_days, what="报告送常委会", cite=cite),
        before(item.meeting_date, p.members_days, what="发常委会组成人员", cite=cite),
    ]


def _count_dates(item: PlanItem) -> None:
    dates = timeline(item)
    if dates:
        item.draft_due, item.final_due, item.members_due = (d.due for d in dates)
    else:
        item.draft_due = item.final_due = item.members_due = None


@transaction.atomic
def add_item(
    plan: Plan,
    *,
    kind: str,
    title: str,
    unit: Unit | None = None,
    committee: Body | None = None,
    meeting_date: date | None = None,
    start: date | None = None,
    end: date | None = None,
    law: str = "",
    team: str = "",
    note: str = "",
    by,
) -> PlanItem:
    """An item of the plan; a report, inspection or inquiry heard at a meeting gets its three dates."""
    permissions.require_staff(by, "编制监督工作计划")
    if kind not in Kind.values:
        raise Refused("kind_unknown", "未知的监督方式")
    if start and end and end < start:
        raise Refused("dates_reversed", "结束日期早于开始日期")
    if meeting_date and meeting_date.year != plan.year:
        raise Refused("meeting_outside_year", f"会议日期不在{plan.year}年度内")
    item = PlanItem(
        plan=plan,
        kind=kind,
        title=title,
        unit=unit,
        committee=committee,
        meeting_date=meeting_date,
        start=start,
        end=end,
        law=law,
        team=team,
        note=note,
    )
    _count_dates(item)
    item.save()
    audit.record("supervision.item_add", item, by=by)
    return item


@transaction.atomic
def reschedule(item: PlanItem, *, meeting_date: date, by) -> PlanItem:
    permissions.require_staff(by, "调整会议日期")
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    item.meeting_date = meeting_date
    _count_dates(item)
    item.save(update_fields=["meeting_date", "draft_due", "final_due", "members_due"])
    audit.record("supervision.item_reschedule", item, by=by, after={"meeting_date": meeting_date})
    return item


@transaction.atomic
def publish_plan(plan: Plan, *, by) -> Plan:
    """Adopted by the chairperson's council and published (监督法第六十三条)."""
    permissions.require_staff(by, "公布监督工作计划")
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.items.exists():
        raise Refused("plan_empty", "计划中还没有监督事项，不能公布")
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = timezone.now()
    plan.adopted_on = plan.adopted_on or timezone.localdate()
    plan.save(update_fields=["status", "published_at", "adopted_on"])
    audit.record("supervision.plan_publish", plan, by=by)
    return plan


@transaction.atomic
def transition(item: PlanItem, action: str, *, by, on: date | None = None) -> PlanItem:
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    step = ITEM.require(item, action, by)
    before_state = item.status
    item.status = step.dst
    fields = ["status"]
    if action == "hear" and not item.materials_in:
        item.materials_in = on or timezone.localdate()
        fields.append("materials_in")
    item.save(update_fields=fields)
    audit.record(
        f"supervision.item_{action}",
        item,
        by=by,
        before={"status": before_state},
        after={"status": item.status},
    )
    return item


@transaction.atomic
def receive_materials(item: PlanItem, *, on: date, by) -> PlanItem:
    permissions.require_staff(by, "登记报告材料")
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    item.materials_in = on
    item.save(update_fields=["materials_in"])
    audit.record("supervision.item_materials", item, by=by)
    return item


@transaction.atomic
def add_document(
    item: PlanItem, *, title: str, kind: str, file=None, public: bool = True, by
) -> ItemDocument:
    permissions.require_staff(by, "上传监督文件")
    doc = ItemDocument.objects.create(
        item=item, title=title, kind=kind, file=file or "", public=public, uploaded_by=by
    )
    audit.record("supervision.document_add", doc, by=by)
    return doc


@transaction.atomic
def save_policy(body: Body, values: dict, *, by) -> SupervisionPolicy:
    permissions.require_staff(by, "修改监督时限")
    for name in ("satisfaction_rule", "hearing_rule", "livelihood_rating_rule"):
        if name in values:
            from renda.voting.models import Rule

            from ..vote_rules import RULES

            if values[name] not in RULES and not Rule.objects.filter(code=values[name]).exists():
                raise Refused("rule_unknown", f"表决系统中没有计票规则“{values[name]}”")
    row = policy.own_row(SupervisionPolicy, body)
    for k, v in values.items():
        setattr(row, k, v)
    row.save()
    audit.record("supervision.policy_save", row, by=by, after=values)
    return row
