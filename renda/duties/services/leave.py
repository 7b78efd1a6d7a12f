"""Leave requests (请假), routed to the approver domain.md §3.1 names for the activity."""

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.models import Mandate

from .. import permissions, workflow
from ..choices import LeaveStatus, Outcome
from ..models import Activity, DutyRecord, LeaveRequest
from .records import points_for


def half_day_choices(activity: Activity) -> list[tuple[int, str]]:
    """半天 / 全天, and the whole activity when it lasts longer than a day (counted in half days, §3.3)."""
    days = (activity.end - activity.start).days + 1
    choices = [(1, "半天"), (2, "全天")]
    if days > 1:
        choices.append((2 * days, f"整个会期（{days} 天）"))
    return choices


@transaction.atomic
def request_leave(
    mandate: Mandate, *, activity: Activity, reason: str, by, half_days: int = 2
) -> LeaveRequest:
    """Ask for leave (half a day, a day or the whole activity) before the activity ends; refused afterwards,
    twice, for another length, or for an activity one is not expected at."""
    permissions.require_own(by, mandate, action="请假")
    if half_days not in dict(half_day_choices(activity)):
        raise Refused("leave_bad_length", "请假时长只能是半天、全天或整个会期")
    today = timezone.localdate()
    if today > activity.end:
        raise Refused("leave_after_activity", "活动已经结束，不能补请假")
    if activity.attendance_taken:
        raise Refused("leave_after_attendance", "该活动已登记考勤，不能再请假")
    if not activity.participants.filter(pk=mandate.pk).exists():
        raise Refused("not_a_participant", "您不是该活动的应参加代表")
    if not reason.strip():
        raise Refused("leave_needs_reason", "请填写请假事由")
    if LeaveRequest.objects.filter(
        mandate=mandate, activity=activity, status__in=[LeaveStatus.PENDING, LeaveStatus.APPROVED]
    ).exists():
        raise Refused("leave_already_requested", "已经为该活动请过假")
    approver = workflow.leave_approver(
        is_session=activity.duty_type.is_session,
        level=activity.body.level,
        convener=activity.convener,
        start=activity.start,
        end=activity.end,
        on=today,
    )
    leave = LeaveRequest.objects.create(
        mandate=mandate,
        activity=activity,
        reason=reason.strip(),
        approver=approver.label,
        approver_cite=approver.cite,
        requested_on=today,
        half_days=half_days,
    )
    audit.record(
        "duty.request_leave",
        leave,
        by=by,
        after={"activity": activity.pk, "approver": approver.label, "half_days": half_days},
    )
    return leave


@transaction.atomic
def decide_leave(leave: LeaveRequest, *, action: str, note: str = "", by) -> LeaveRequest:
    """Staff record the approver's decision (approve / refuse). Approving after attendance was entered
    turns the absence into leave."""
    leave = (
        LeaveRequest.objects.select_for_update()
        .select_related("activity__body", "activity__duty_type")
        .get(pk=leave.pk)
    )
    if action == "withdraw":
        permissions.require_own(by, leave.mandate, action="撤回请假")
    else:
        permissions.require_manage(by, leave.activity.body, action="审批请假")
    step = workflow.LEAVE.require(leave, action, by)
    if action == "refuse" and not note.strip():
        raise Refused("refuse_needs_note", "不批准时请填写理由")
    before = audit.snapshot(leave, ["status"])
    leave.status, leave.decision_note = step.dst, note.strip()
    leave.decided_by, leave.decided_at = by, timezone.now()
    leave.save(update_fields=["status", "decision_note", "decided_by", "decided_at"])
    if leave.status == LeaveStatus.APPROVED:
        act = leave.activity
        DutyRecord.objects.filter(activity=act, mandate=leave.mandate, outcome=Outcome.ABSENT).update(
            outcome=Outcome.LEAVE,
            half_days=leave.half_days,
            points=points_for(act.duty_type, Outcome.LEAVE, act.start.year, half_days=leave.half_days),
        )
    audit.record(f"duty.leave_{action}", leave, by=by, before=before, after={"status": leave.status})
    if action != "withdraw":
        from .records import _tell_deputy

        _tell_deputy(
            leave.mandate,
            title=f"请假{leave.get_status_display()}：{leave.activity.title}",
            body=leave.decision_note,
            key=f"duties:leave:{leave.pk}",
        )
    return leave
