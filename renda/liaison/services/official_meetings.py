"""代表约见国家机关负责人 (seeds 001): request → arrange → hold (what was said; a duty) → close (follow-up).
The state table is workflow.OFFICIAL_MEETING."""

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.choices import CURRENT_STATUSES

from .. import permissions
from ..models import OfficialMeeting
from ..workflow import OFFICIAL_MEETING, STAFF
from .common import record_duties, require_text


def _notify(users, *, title: str, body: str, url: str, key: str) -> None:
    ids = [u for u in users if u]

    def send() -> None:
        from renda.notify.services import send_many

        send_many(ids, title=title, body=body, url=url, dedupe_key=key)

    transaction.on_commit(send)


@transaction.atomic
def request(
    lead,
    *,
    topic: str,
    unit,
    official: str,
    reason: str = "",
    others: Iterable = (),
    by,
) -> OfficialMeeting:
    """A deputy (alone or leading a group) asks to meet a unit's head. Refuses a request with no topic, no
    target unit or official, and co-requesters from another congress."""
    permissions.require_own(by, lead, action="申请约见")
    if lead.status not in CURRENT_STATUSES:
        raise Refused("mandate_not_current", "代表资格已终止，不能申请约见")
    topic = require_text(topic, "topic_required", "请填写约见事由（要谈的问题）")
    if unit is None:
        raise Refused("target_required", "请选择约见的国家机关（单位）")
    official = require_text(official, "official_required", "请填写约见的负责人（姓名或职务）")
    if unit.body_id != lead.body_id and not unit.body.is_within(lead.body):
        raise Refused("unit_other_body", f"{unit} 不是{lead.body}监督的单位")
    group = [lead, *[m for m in others if m.pk != lead.pk]]
    if any(m.body_id != lead.body_id for m in group):
        raise Refused("deputy_other_body", f"共同约见的代表须为{lead.body}的代表")
    row = OfficialMeeting.objects.create(
        body=lead.body,
        lead=lead,
        topic=topic,
        unit=unit,
        official=official,
        reason=reason.strip(),
        requested_by=by,
    )
    row.mandates.set(group)
    audit.record("liaison.meeting_request", row, by=by, after={"unit": unit.pk, "deputies": len(group)})
    return row


def _take(row: OfficialMeeting, action: str, by):
    """Lock the row, check the table (state and role), then the scope: staff of the body, or the lead deputy."""
    row = OfficialMeeting.objects.select_for_update().select_related("lead__person", "unit").get(pk=row.pk)
    step = OFFICIAL_MEETING.require(row, action, by)
    if step.roles == STAFF:
        permissions.require_manage(by, row.body, action=step.label)
    else:
        permissions.require_own(by, row.lead, action=step.label)
    return row, step


def _users(row: OfficialMeeting) -> list[int]:
    return list(row.mandates.values_list("person__user_id", flat=True))


@transaction.atomic
def arrange(row: OfficialMeeting, *, scheduled_at: datetime, place: str, by) -> OfficialMeeting:
    row, step = _take(row, "arrange", by)
    if scheduled_at <= timezone.now():
        raise Refused("schedule_in_past", "约见时间应晚于现在")
    place = require_text(place, "place_required", "请填写约见地点")
    row.status, row.scheduled_at, row.place = step.dst, scheduled_at, place
    row.save(update_fields=["status", "scheduled_at", "place"])
    audit.record("liaison.meeting_arrange", row, by=by, after={"status": row.status})
    when = timezone.localtime(scheduled_at)
    _notify(
        _users(row),
        title=f"约见已安排：{row.topic}"[:200],
        body=f"{when:%Y-%m-%d %H:%M} 在{place}约见{row.unit} {row.official}",
        url=f"/work/liaison/meetings/{row.pk}/",
        key=f"liaison:meeting:{row.pk}:arranged",
    )
    return row


@transaction.atomic
def decline(row: OfficialMeeting, *, reason: str, by) -> OfficialMeeting:
    row, step = _take(row, "decline", by)
    row.decline_reason = require_text(reason, "reason_required", "不予安排时请说明理由")
    row.status = step.dst
    row.save(update_fields=["status", "decline_reason"])
    audit.record("liaison.meeting_decline", row, by=by, after={"status": row.status})
    _notify(
        _users(row),
        title=f"约见未安排：{row.topic}"[:200],
        body=f"理由：{row.decline_reason}",
        url=f"/work/liaison/meetings/{row.pk}/",
        key=f"liaison:meeting:{row.pk}:declined",
    )
    return row


@transaction.atomic
def withdraw(row: OfficialMeeting, *, by) -> OfficialMeeting:
    row, step = _take(row, "withdraw", by)
    row.status = step.dst
    row.save(update_fields=["status"])
    audit.record("liaison.meeting_withdraw", row, by=by, after={"status": row.status})
    return row


@transaction.atomic
def hold(
    row: OfficialMeeting,
    *,
    held_on: date,
    minutes: str,
    commitments: str = "",
    present: Iterable | None = None,
    by,
) -> OfficialMeeting:
    """What was said and what the official answered; each deputy present gets a duty record
    (duty type official_meeting). Refuses an empty record and a date in the future."""
    row, step = _take(row, "hold", by)
    row.minutes = require_text(minutes, "minutes_required", "请填写约见情况（谈了什么）")
    if held_on > timezone.localdate():
        raise Refused("date_in_future", "约见日期不能晚于今天")
    group = list(row.mandates.select_related("person"))
    if present is not None:
        ids = {m.pk for m in present}
        group = [m for m in group if m.pk in ids]
        if not group:
            raise Refused("no_deputy_present", "请选择出席约见的代表")
    row.held_on, row.commitments = held_on, commitments.strip()
    row.status = step.dst
    row.save(update_fields=["status", "held_on", "minutes", "commitments"])
    record_duties(
        group, code="official_meeting", on=held_on, source=row, title=f"约见{row.unit}负责人：{row.topic}"
    )
    audit.record("liaison.meeting_hold", row, by=by, after={"status": row.status, "present": len(group)})
    return row


@transaction.atomic
def close(row: OfficialMeeting, *, follow_up: str, by) -> OfficialMeeting:
    row, step = _take(row, "close", by)
    row.follow_up = require_text(follow_up, "follow_up_required", "请填写负责人承诺事项的落实情况")
    row.status = step.dst
    row.save(update_fields=["status", "follow_up"])
    audit.record("liaison.meeting_close", row, by=by, after={"status": row.status})
    _notify(
        _users(row),
        title=f"约见事项已反馈：{row.topic}"[:200],
        body=row.follow_up[:500],
        url=f"/work/liaison/meetings/{row.pk}/",
        key=f"liaison:meeting:{row.pk}:closed",
    )
    return row
