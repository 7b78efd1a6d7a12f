"""Special report → deliberation opinions → handling report → evaluation (监督法第十七条, domain.md §5.1–5.3)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from renda.core import audit, calendar, deadlines, policy
from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.roles import UNIT_ROLES

from .. import permissions
from ..choices import Grade, ItemStatus, Kind, OpinionStatus
from ..models import Opinion, PlanItem, SupervisionPolicy
from ..workflow import OPINION
from . import followups

# Which policy field sets the handling period, per kind of item (domain.md §5.2, Henan Art. 11/30/44).
HANDLING_CLOCK = {
    Kind.INSPECTION: ("inspection_months", "domain.md §5.2 河南办法第四十四条：执法检查审议意见三个月内报告"),
    Kind.BUDGET_REVIEW: ("budget_months", "domain.md §5.2 河南办法第三十条：预算审计审议意见二个月内报告"),
}
DEFAULT_CLOCK = ("handling_months", "domain.md §5.2 河南办法第十一条：专项工作报告审议意见三个月内报告")


@transaction.atomic
def draft(item: PlanItem, *, text: str, unit: Unit, by, on: date | None = None) -> Opinion:
    """Deliberation opinions after the meeting; to be sent within the policy's days (Zhejiang: 7)."""
    permissions.require_staff(by, "起草审议意见")
    if item.status not in (ItemStatus.HEARD, ItemStatus.PREPARING, ItemStatus.PLANNED):
        raise Refused("item_closed", "该监督事项已办结或取消")
    if not text.strip():
        raise Refused("text_empty", "请填写审议意见")
    p = policy.resolve(SupervisionPolicy, item.plan.body)
    o = Opinion.objects.create(item=item, text=text.strip(), unit=unit)
    start = on or item.meeting_date or timezone.localdate()
    deadlines.set_due(
        o,
        "send_due",
        start=start,
        amount=p.send_days,
        unit="working_days",
        cite="domain.md §5.2 浙江监督条例：主任会议通过后七日内交办",
        new=True,
    )
    o.save(update_fields=["send_due"])
    audit.record("supervision.opinion_draft", o, by=by)
    return o


@transaction.atomic
def send(o: Opinion, *, by, on: date | None = None) -> Opinion:
    o = Opinion.objects.select_for_update(of=("self",)).select_related("item__plan__body").get(pk=o.pk)
    OPINION.require(o, "send", by)
    on = on or timezone.localdate()
    field_name, cite = HANDLING_CLOCK.get(o.item.kind, DEFAULT_CLOCK)
    months = getattr(policy.resolve(SupervisionPolicy, o.item.plan.body), field_name)
    o.status, o.sent_on = OpinionStatus.SENT, on
    deadlines.set_due(o, "report_due", start=on, amount=months, unit="months", cite=cite)
    o.save(update_fields=["status", "sent_on", "report_due"])
    audit.record("supervision.opinion_send", o, by=by)
    # The inbox is a table: the unit is told in the send's own transaction (an on_commit hook was lost to a kill).
    followups._remind(
        o.unit,
        o.item.plan.body,
        f"人大常委会审议意见交办：{o.item.title}",
        f"/work/supervision/opinions/{o.pk}/",
        f"sv-op-sent-{o.pk}",
    )
    return o


@transaction.atomic
def submit_report(o: Opinion, *, text: str, by, file=None, on: date | None = None) -> Opinion:
    """The organ's written handling report (监督法第十七条); also the re-report after an unsatisfactory vote."""
    o = Opinion.objects.select_for_update(of=("self",)).select_related("item__plan__body").get(pk=o.pk)
    action = "rereport" if o.status == OpinionStatus.UNSATISFIED else "report"
    OPINION.require(o, action, by)
    if by.role in UNIT_ROLES and o.unit_id != by.unit_id:
        raise Refused("not_your_unit", "该审议意见不是交本单位办理的")
    if not text.strip():
        raise Refused("report_empty", "请填写办理情况报告")
    on = on or timezone.localdate()
    o.report_text, o.reported_on, o.status, o.due_state = text.strip(), on, OpinionStatus.REPORTED, ""
    if file:
        o.report_file = file
    if action == "rereport":
        o.round += 1
        o.grade, o.grade_source, o.poll_id = "", "", None
    p = policy.resolve(SupervisionPolicy, o.item.plan.body)
    deadlines.set_due(
        o,
        "evaluation_due",
        start=on,
        amount=p.evaluation_days,
        unit="working_days",
        cite="domain.md §5.3 收到办理报告后提请满意度测评",
    )
    o.save()
    audit.record(f"supervision.opinion_{action}", o, by=by)
    return o


@transaction.atomic
def evaluate(
    o: Opinion, *, grade: str, source: str, by, poll_id: int | None = None, on: date | None = None
) -> Opinion:
    """Record the evaluation; 不满意 starts a follow-up with its own deadline (the re-report)."""
    o = (
        Opinion.objects.select_for_update(of=("self",))
        .select_related("item__plan__body", "unit")
        .get(pk=o.pk)
    )
    step = OPINION.require(o, "evaluate", by)
    if grade not in Grade.values:
        raise Refused("grade_unknown", "评价结果须为满意、基本满意或不满意")
    if not source.strip():
        raise Refused("source_required", "请写明评价依据（测评结果或主任会议决定）")
    o.grade, o.grade_source, o.poll_id = grade, source.strip()[:200], poll_id
    o.status = OpinionStatus.UNSATISFIED if grade == Grade.UNSATISFIED else OpinionStatus.SATISFIED
    assert o.status in step.alt
    o.save(update_fields=["grade", "grade_source", "poll_id", "status"])
    audit.record("supervision.opinion_evaluate", o, by=by, after={"grade": grade})
    if o.status == OpinionStatus.UNSATISFIED:
        followups.start(
            o,
            body=o.item.plan.body,
            unit=o.unit,
            origin="满意度测评不满意",
            title=f"{o.item.title}：审议意见办理不满意，整改后再报告",
            detail=f"测评结果：{source.strip()}",
            on=on,
            by=by,
        )
    return o


def report_due_explained(o: Opinion) -> calendar.Counted | None:
    return deadlines.explain(o, "report_due")
