"""Reception days: plan, publish ≥ N days ahead, deputies confirm, mark served (domain.md §4 进站接待)."""

from datetime import date, time, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, Refused

from .. import policy as policies
from ..choices import ReceptionStatus
from ..models import DutyAssignment, ReceptionDay
from ..permissions import can_manage_station
from ..signals import reception_served
from .common import notify_users


def _require_manage(station, by) -> None:
    if not can_manage_station(by, station):
        raise NotPermitted("contact_station_not_permitted", f"无权安排{station}的接待日")


def _check_mandates(station, mandates) -> None:
    member_ids = set(station.members.values_list("pk", flat=True))
    for m in mandates:
        if not m.is_current:
            raise Refused("contact_duty_not_current", f"{m.person}已不在任，不能安排接待")
        if m.pk not in member_ids:
            raise Refused("contact_duty_not_member", f"{m.person}不是本站的进站代表")


@transaction.atomic
def plan_reception(
    station, *, on: date, starts: time, ends: time, topic: str = "", mandates=(), by
) -> ReceptionDay:
    """Plan a reception day with the deputies on duty. Refuses past dates, end before start, non-members."""
    _require_manage(station, by)
    if on < timezone.localdate():
        raise Refused("contact_reception_past", "不能安排已过去的接待日")
    if ends <= starts:
        raise Refused("contact_reception_times", "结束时间须晚于开始时间")
    if not mandates:
        raise Refused("contact_reception_no_deputy", "请至少安排一名接待代表")
    _check_mandates(station, mandates)
    day = ReceptionDay.objects.create(
        station=station, date=on, starts=starts, ends=ends, topic=topic[:120], created_by=by
    )
    DutyAssignment.objects.bulk_create(DutyAssignment(reception=day, mandate=m) for m in mandates)
    audit.record(
        "contact.reception.plan", day, by=by, after={"date": str(on), "mandates": [m.pk for m in mandates]}
    )
    return day


@transaction.atomic
def publish_reception(day: ReceptionDay, *, by) -> ReceptionDay:
    """Publish on the portal, at least `publish_lead_days` before the day (domain.md §4: notice 2–3 days
    ahead), and ask each deputy on duty to confirm."""
    day = ReceptionDay.objects.select_for_update(of=("self",)).select_related("station__body").get(pk=day.pk)
    _require_manage(day.station, by)
    if day.status != ReceptionStatus.PLANNED:
        raise Refused("contact_reception_state", f"接待日当前为“{day.get_status_display()}”，不能公布")
    lead = policies.for_body(day.station.body).publish_lead_days
    if day.date < timezone.localdate() + timedelta(days=lead):
        raise Refused(
            "contact_reception_too_late",
            f"接待日须至少提前 {lead} 天公布（最晚 {day.date - timedelta(days=lead):%Y-%m-%d}），请改期",
        )
    day.status, day.published_at = ReceptionStatus.PUBLISHED, timezone.now()
    day.save(update_fields=["status", "published_at"])
    audit.record("contact.reception.publish", day, by=by)
    users = [d.mandate.person.user_id for d in day.duties.select_related("mandate__person")]
    notify_users(
        users,
        title=f"接待安排：{day.date:%m月%d日} {day.station}",
        body=f"{day.starts:%H:%M}–{day.ends:%H:%M}，请确认能否参加。",
        url=reverse("contact:my_schedule"),
        key=f"contact:reception:{day.pk}:publish",
    )
    return day


def _own_duty(duty: DutyAssignment, by) -> DutyAssignment:
    duty = (
        DutyAssignment.objects.select_for_update(of=("self",))
        .select_related("mandate__person", "reception")
        .get(pk=duty.pk)
    )
    if duty.mandate.person.user_id != getattr(by, "pk", None):
        raise NotPermitted("contact_duty_not_yours", "只能确认本人的接待安排")
    if duty.reception.status in (ReceptionStatus.SERVED, ReceptionStatus.CANCELLED):
        raise Refused("contact_duty_closed", "该接待日已结束或已取消")
    return duty


@transaction.atomic
def confirm_duty(duty: DutyAssignment, *, by) -> DutyAssignment:
    duty = _own_duty(duty, by)
    duty.confirmed_at, duty.declined_reason = timezone.now(), ""
    duty.save(update_fields=["confirmed_at", "declined_reason"])
    audit.record("contact.duty.confirm", duty, by=by)
    return duty


@transaction.atomic
def decline_duty(duty: DutyAssignment, *, reason: str, by) -> DutyAssignment:
    duty = _own_duty(duty, by)
    reason = (reason or "").strip()
    if not reason:
        raise Refused("contact_decline_reason", "请说明不能参加的原因")
    duty.confirmed_at, duty.declined_reason = None, reason[:200]
    duty.save(update_fields=["confirmed_at", "declined_reason"])
    audit.record("contact.duty.decline", duty, by=by, note=reason)
    notify_users(
        [duty.reception.station.keeper_id],
        title=f"{duty.mandate.person}不能参加{duty.reception.date:%m月%d日}接待",
        body=reason,
        url=reverse("contact:receptions"),
        key=f"contact:duty:{duty.pk}:decline",
    )
    return duty


@transaction.atomic
def mark_served(day: ReceptionDay, *, visitors: int, summary: str = "", by) -> ReceptionDay:
    """Record that the reception took place; the deputies who attended get a duty record through the
    duties app (signal `reception_served`, sent after commit)."""
    day = ReceptionDay.objects.select_for_update(of=("self",)).select_related("station__body").get(pk=day.pk)
    _require_manage(day.station, by)
    if day.status != ReceptionStatus.PUBLISHED:
        raise Refused("contact_reception_not_published", "只有已公布的接待日才能登记接待完成")
    if day.date > timezone.localdate():
        raise Refused("contact_reception_future", "接待日尚未到来")
    if not 0 <= visitors <= 10000:
        raise Refused("contact_visitors_invalid", "接待人次不正确")
    day.status, day.served_at, day.visitors, day.summary = (
        ReceptionStatus.SERVED,
        timezone.now(),
        visitors,
        summary[:4000],
    )
    day.save(update_fields=["status", "served_at", "visitors", "summary"])
    mandates = [
        d.mandate for d in day.duties.select_related("mandate__person").exclude(declined_reason__gt="")
    ]
    audit.record(
        "contact.reception.served",
        day,
        by=by,
        after={"visitors": visitors, "mandates": [m.pk for m in mandates]},
    )
    transaction.on_commit(
        lambda: reception_served.send(sender=ReceptionDay, reception=day, mandates=mandates, on=day.date)
    )
    return day


@transaction.atomic
def cancel_reception(day: ReceptionDay, *, reason: str, by) -> ReceptionDay:
    day = ReceptionDay.objects.select_for_update(of=("self",)).select_related("station__body").get(pk=day.pk)
    _require_manage(day.station, by)
    if day.status in (ReceptionStatus.SERVED, ReceptionStatus.CANCELLED):
        raise Refused("contact_reception_state", f"接待日当前为“{day.get_status_display()}”，不能取消")
    if not (reason or "").strip():
        raise Refused("contact_cancel_reason", "请说明取消原因（将在门户公布）")
    day.status, day.summary = ReceptionStatus.CANCELLED, reason.strip()[:4000]
    day.save(update_fields=["status", "summary"])
    audit.record("contact.reception.cancel", day, by=by, note=reason)
    return day
