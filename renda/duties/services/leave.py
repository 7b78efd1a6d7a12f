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


@transaction.atomic
def request_leave(mandate: Mandate, *, activity: Activity, reason: str, by) -> LeaveRequest:
    """Ask for leave before the activity ends; refused afterwards, twice, or for an activity one is not
    expected at."""
    permissions.require_own(by, mandate, action="请假")
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
    )
    audit.record(
        "duty.request_leave", leave, by=by, after={"activity": activity.pk, "approver": approver.label}
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
            outcome=Outcome.LEAVE, points=points_for(act.duty_type, Outcome.LEAVE, act.start.year)
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
