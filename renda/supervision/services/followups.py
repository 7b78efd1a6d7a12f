"""Tracked follow-ups (跟踪督办) with their own deadline, and the periodic reminder scan.

An unsatisfactory evaluation or vote, an unsatisfied hearing answer, a budget warning or an appraisal's
rectification item starts one (监督法第十七条, domain.md §5.1). The deadline goes through
core.deadlines.set_due so it shows how it was counted.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from renda.core import audit, deadlines, policy
from renda.core.deadlines import OVERDUE, SOON, due_state
from renda.core.errors import Refused
from renda.core.models import Body, Unit, User
from renda.core.roles import UNIT_ROLES, Role
from renda.notify import services as notify

from ..choices import FollowStatus, OpinionStatus
from ..models import FollowUp, Opinion, SupervisionPolicy
from ..workflow import FOLLOWUP


def _months(body: Body, field_name: str) -> int:
    return getattr(policy.resolve(SupervisionPolicy, body), field_name)


@transaction.atomic
def start(
    source,
    *,
    body: Body,
    unit: Unit,
    title: str,
    origin: str,
    detail: str = "",
    months: int | None = None,
    clock: str = "followup_months",
    cite: str = "domain.md §5.1 监督法第十七条：跟踪监督",
    on: date | None = None,
    by=None,
) -> FollowUp:
    """One follow-up per source (a second call returns the open one: safe to run twice)."""
    ct = ContentType.objects.get_for_model(source)
    existing = (
        FollowUp.objects.filter(content_type=ct, object_id=str(source.pk))
        .exclude(status=FollowStatus.CLOSED)
        .first()
    )
    if existing:
        return existing
    on = on or timezone.localdate()
    f = FollowUp.objects.create(
        body=body,
        unit=unit,
        title=title[:200],
        detail=detail,
        origin=origin,
        content_type=ct,
        object_id=str(source.pk),
        created_by=by if getattr(by, "pk", None) else None,
    )
    deadlines.set_due(
        f,
        "due",
        start=on,
        amount=months if months is not None else _months(body, clock),
        unit="months",
        cite=cite,
        new=True,
    )
    f.save(update_fields=["due"])
    audit.record("supervision.followup_start", f, by=by if getattr(by, "pk", None) else None)
    _tell_unit(f)  # the inbox is a table: told in the same transaction, or not at all (never after a kill)
    return f


def _tell_unit(f: FollowUp) -> None:
    for u in User.objects.filter(unit=f.unit, role__in=UNIT_ROLES, is_active=True):
        notify.send(
            u,
            title=f"人大跟踪督办：{f.title}"[:200],
            body=f"请于 {f.due:%Y-%m-%d} 前反馈整改情况。",
            url=f"/work/supervision/followups/{f.pk}/",
            dedupe_key=f"sv-followup-{f.pk}",
        )


@transaction.atomic
def answer(f: FollowUp, *, text: str, by, on: date | None = None) -> FollowUp:
    f = FollowUp.objects.select_for_update().get(pk=f.pk)
    FOLLOWUP.require(f, "answer", by)
    if by.role in UNIT_ROLES and f.unit_id != by.unit_id:
        raise Refused("not_your_unit", "该督办事项不属于本单位")
    if not text.strip():
        raise Refused("answer_empty", "请填写整改情况")
    f.answer, f.answered_on, f.status = text.strip(), on or timezone.localdate(), FollowStatus.ANSWERED
    f.save(update_fields=["answer", "answered_on", "status"])
    audit.record("supervision.followup_answer", f, by=by)
    return f


@transaction.atomic
def close(f: FollowUp, *, by, on: date | None = None) -> FollowUp:
    f = FollowUp.objects.select_for_update().get(pk=f.pk)
    FOLLOWUP.require(f, "close", by)
    f.status, f.closed_on, f.due_state = FollowStatus.CLOSED, on or timezone.localdate(), ""
    f.save(update_fields=["status", "closed_on", "due_state"])
    audit.record("supervision.followup_close", f, by=by)
    return f


@transaction.atomic
def reopen(f: FollowUp, *, reason: str, by, on: date | None = None) -> FollowUp:
    """Not solved: back to the unit with a new deadline (the policy's follow-up months)."""
    f = FollowUp.objects.select_for_update().get(pk=f.pk)
    FOLLOWUP.require(f, "reopen", by)
    if not reason.strip():
        raise Refused("reason_required", "请说明退回理由")
    f.status = FollowStatus.OPEN
    f.detail = (f.detail + f"\n退回（{timezone.localdate():%Y-%m-%d}）：{reason.strip()}").strip()
    deadlines.set_due(
        f,
        "due",
        start=on or timezone.localdate(),
        amount=_months(f.body, "followup_months"),
        unit="months",
        cite="domain.md §5.1 跟踪监督：退回继续督办",
    )
    f.save(update_fields=["status", "detail", "due"])
    audit.record("supervision.followup_reopen", f, by=by)
    return f


@dataclass
class ScanReport:
    marked: dict = field(default_factory=dict)
    reminders: int = 0


# The reminders are sent only when the mark changes, so each mark and its reminders are one transaction: a
# worker killed in between used to leave the mark set and the unit never told (the next scan saw no change).
def scan(on: date) -> ScanReport:
    """Mark soon/overdue opinions and follow-ups and remind the units once per state (safe to run twice)."""
    report = ScanReport()
    policies: dict[int, SupervisionPolicy] = {}

    def soon_days(body: Body) -> int:
        if body.pk not in policies:
            policies[body.pk] = policy.resolve(SupervisionPolicy, body)
        return policies[body.pk].soon_days

    for f in FollowUp.objects.filter(status=FollowStatus.OPEN).select_related("body", "unit"):
        state = due_state(f.due, on=on, soon_days=soon_days(f.body))
        if state == f.due_state:
            continue
        with transaction.atomic():  # the mark and its reminders, or neither (see the comment on scan)
            FollowUp.objects.filter(pk=f.pk).update(due_state=state)
            report.marked[state] = report.marked.get(state, 0) + 1
            if state in (SOON, OVERDUE):
                report.reminders += _remind(
                    f.unit,
                    f.body,
                    f"督办事项{'临期' if state == SOON else '已逾期'}：{f.title}",
                    f"/work/supervision/followups/{f.pk}/",
                    f"sv-fu-{f.pk}-{state}-{f.due}",
                )
    for o in Opinion.objects.filter(status=OpinionStatus.SENT).select_related("item__plan__body", "unit"):
        state = due_state(o.report_due, on=on, soon_days=soon_days(o.item.plan.body))
        if state == o.due_state:
            continue
        with transaction.atomic():  # the mark and its reminders, or neither (see the comment on scan)
            Opinion.objects.filter(pk=o.pk).update(due_state=state)
            report.marked[state] = report.marked.get(state, 0) + 1
            if state in (SOON, OVERDUE):
                report.reminders += _remind(
                    o.unit,
                    o.item.plan.body,
                    f"审议意见办理报告{'临期' if state == SOON else '已逾期'}：{o.item.title}",
                    f"/work/supervision/opinions/{o.pk}/",
                    f"sv-op-{o.pk}-{state}-{o.report_due}",
                )
    return report


def _remind(unit: Unit, body: Body, title: str, url: str, key: str) -> int:
    """The unit's people, and a copy to the congress staff whose scope covers the supervising `body` (not the
    unit's own body: a government department belongs to the county, the office staff to its committee)."""
    staff = [
        u
        for u in User.objects.filter(role=Role.STAFF, is_active=True, body__isnull=False).select_related(
            "body"
        )
        if body.path.startswith(u.body.scope_path)
    ]
    n = 0
    for u in [*User.objects.filter(unit=unit, role__in=UNIT_ROLES, is_active=True), *staff]:
        if notify.send(u, title=title[:200], url=url, dedupe_key=key[:120]):
            n += 1
    return n


def scan_today() -> dict:
    r = scan(timezone.localdate())
    return {"marked": {(k or "ok"): v for k, v in r.marked.items()}, "reminders": r.reminders}
