"""年度代表活动计划 (seeds 004: 根据常委会工作要点制定活动计划；活动安排要提前告知代表，早知道、早准备).

Each planned activity is told to its deputies `notice_days` before it starts (policy; domain.md §4: notice
3 days ahead), once (a dedupe key per activity), by the daily scan `notify_due`. At year end the plan's
execution is summed up and the plan closed."""

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import permissions
from ..choices import ActivityState
from ..models import ActivityPlan, PlannedActivity
from .common import policy_for, require_deputies_of, require_text


@transaction.atomic
def create_plan(*, body, year: int, title: str = "", by) -> ActivityPlan:
    permissions.require_manage(by, body, action="制定年度活动计划")
    if ActivityPlan.objects.filter(body=body, year=year).exists():
        raise Refused("plan_exists", f"{body}{year}年的活动计划已经存在")
    row = ActivityPlan.objects.create(
        body=body, year=year, title=(title or "").strip() or f"{year}年代表活动计划", created_by=by
    )
    audit.record("liaison.plan_create", row, by=by, after={"year": year})
    return row


@transaction.atomic
def add_activity(
    plan: ActivityPlan,
    *,
    kind: str,
    title: str,
    start: date,
    end: date | None = None,
    place: str = "",
    mandates: Iterable = (),
    by,
) -> PlannedActivity:
    """Refuses a closed plan, dates outside the plan's year, an end before the start, other bodies' deputies."""
    permissions.require_manage(by, plan.body, action="安排计划活动")
    if plan.closed_on:
        raise Refused("plan_closed", "该计划已年终总结，不能再添加活动")
    title = require_text(title, "title_required", "请填写活动名称")
    end = end or start
    if end < start:
        raise Refused("end_before_start", "结束日期不能早于开始日期")
    if start.year != plan.year or end.year != plan.year:
        raise Refused("date_outside_year", f"活动日期须在{plan.year}年内")
    people = require_deputies_of(mandates, plan.body)
    row = PlannedActivity.objects.create(
        plan=plan, kind=kind, title=title, start=start, end=end, place=place.strip()
    )
    row.mandates.set(people)
    audit.record("liaison.plan_activity", row, by=by, after={"start": str(start), "deputies": len(people)})
    return row


def notice_date(activity: PlannedActivity) -> date:
    return activity.start - timedelta(days=policy_for(activity.plan.body).notice_days)


def notify_due(*, on: date | None = None) -> int:
    """Tell the deputies of every planned activity whose notice date has come and that has not started.
    Safe to run twice: each activity is marked once notified, and each message has a dedupe key."""
    on = on or timezone.localdate()
    sent = 0
    due = PlannedActivity.objects.filter(
        state=ActivityState.PLANNED,
        notified_on__isnull=True,
        start__gt=on,
        start__lte=on + timedelta(days=60),
    ).select_related("plan__body")
    for activity in due:
        if notice_date(activity) <= on:
            sent += notify(activity, on=on)
    return sent


@transaction.atomic
def notify(activity: PlannedActivity, *, on: date | None = None, by=None) -> int:
    """Send the advance notice of one activity now (the scan, or staff pressing the button)."""
    from renda.notify.services import announce

    activity = PlannedActivity.objects.select_for_update().select_related("plan__body").get(pk=activity.pk)
    if by is not None:
        permissions.require_manage(by, activity.plan.body, action="发送活动通知")
    if activity.state != ActivityState.PLANNED:
        raise Refused("activity_not_planned", "该活动已开展或已取消，无需通知")
    users = [m.person.user for m in activity.mandates.select_related("person__user") if m.person.user]
    until = f"至{activity.end:%Y-%m-%d}" if activity.end != activity.start else ""
    ctx = {"title": activity.title[:20], "when": f"{activity.start:%Y-%m-%d}{until}"}
    ctx |= {"place": (activity.place or "地点另行通知")[:20], "kind": activity.get_kind_display()}
    # inbox + SMS/WeChat by the body's notify policy; the event is the dedupe key (once per activity)
    done = announce(
        users,
        "activity_notice",
        ctx,
        event=f"liaison:plan:{activity.pk}",
        body=activity.plan.body,
        url="/work/liaison/my/",
    )
    n = len(done.inbox)
    activity.notified_on = on or timezone.localdate()
    activity.save(update_fields=["notified_on"])
    audit.record("liaison.plan_notify", activity, by=by, after={"sent": n})
    return n


@transaction.atomic
def record_outcome(activity: PlannedActivity, *, state: str, outcome: str, by) -> PlannedActivity:
    """Held (with what was done) or cancelled (with why); a held activity not before its start."""
    activity = PlannedActivity.objects.select_for_update().select_related("plan__body").get(pk=activity.pk)
    permissions.require_manage(by, activity.plan.body, action="登记活动开展情况")
    if state not in (ActivityState.HELD, ActivityState.CANCELLED):
        raise Refused("state_unknown", "请选择“已开展”或“已取消”")
    if state == ActivityState.HELD and activity.start > timezone.localdate():
        raise Refused("activity_not_held", "活动尚未开始，不能登记为已开展")
    activity.outcome = require_text(outcome, "outcome_required", "请填写开展情况或取消原因")
    activity.state = state
    activity.save(update_fields=["state", "outcome"])
    audit.record("liaison.plan_outcome", activity, by=by, after={"state": state})
    return activity


@transaction.atomic
def close_plan(plan: ActivityPlan, *, summary: str, by, on: date | None = None) -> ActivityPlan:
    """Year-end summary. Refuses while a past activity has no outcome (the execution would be wrong)."""
    plan = ActivityPlan.objects.select_for_update().get(pk=plan.pk)
    permissions.require_manage(by, plan.body, action="年终总结")
    on = on or timezone.localdate()
    if plan.closed_on:
        raise Refused("plan_closed", "该计划已年终总结")
    open_past = plan.activities.filter(state=ActivityState.PLANNED, start__lte=on).count()
    if open_past:
        raise Refused("outcomes_missing", f"还有 {open_past} 项已到期的活动未登记开展情况")
    plan.summary = require_text(summary, "summary_required", "请填写执行情况总结")
    plan.closed_on = on
    plan.save(update_fields=["summary", "closed_on"])
    audit.record("liaison.plan_close", plan, by=by, after={"closed_on": str(on)})
    return plan
