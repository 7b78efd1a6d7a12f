"""The meeting itself: created, people called, agenda, notice, replies and leave, open, close, minutes."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from renda.core import audit
from renda.core import policy as resolver
from renda.core.errors import Refused
from renda.core.models import BodyKind

from .. import permissions, selectors, workflow
from ..models import (
    AgendaItem,
    Attendee,
    AttendeeRole,
    Kind,
    LeaveState,
    Meeting,
    MeetingPolicy,
    Reply,
    State,
)

# Which duty type of the duties app a meeting's attendance counts as (renda/duties/defaults.py TYPES).
DUTY_TYPE = {
    Kind.CONGRESS_SESSION: "congress_session",
    Kind.DELEGATION: "congress_session",
    Kind.PRESIDIUM_SESSION: "congress_session",
    Kind.GROUP_ACTIVITY: "group_activity",
}


def policy_for(body) -> MeetingPolicy:
    return resolver.resolve(MeetingPolicy, body)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _require_open_for_changes(meeting: Meeting) -> None:
    if meeting.status in (State.CLOSED, State.APPROVED, State.CANCELLED):
        raise Refused("meeting_over", f"会议{meeting.get_status_display()}，不能再修改")


@transaction.atomic
def create_meeting(
    *,
    body,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    session: Meeting | None = None,
    delegation=None,
    add_members: bool = True,
    by,
) -> Meeting:
    """A meeting in draft. The body's seated members (`members_of`) are called as voting members at once;
    a delegation's meeting calls the delegation's deputies. Refuses an end before the start, a delegation
    meeting outside a congress session, and a body out of the staff member's scope."""
    permissions.require_manage(by, body, action="筹备会议")
    if not title.strip():
        raise Refused("meeting_needs_title", "请填写会议名称")
    if ends_at < starts_at:
        raise Refused("meeting_end_before_start", "结束时间不能早于开始时间")
    if kind == Kind.DELEGATION:
        if session is None or session.kind != Kind.CONGRESS_SESSION:
            raise Refused("delegation_needs_session", "代表团会议须属于一次人民代表大会会议")
        if delegation is None:
            raise Refused("delegation_missing", "请选择代表团")
        if session.parts.filter(delegation=delegation).exists():
            raise Refused("delegation_twice", f"{delegation}已有本次大会的代表团会议")
    elif session is not None:
        raise Refused("only_delegations_in_session", "只有代表团会议可以挂在大会之下")
    meeting = Meeting.objects.create(
        body=body,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        session=session,
        delegation=delegation,
        created_by=by,
    )
    if add_members:
        _call(meeting, selectors.default_members(meeting), AttendeeRole.MEMBER, "")
    audit.record("meeting.create", meeting, by=by, after={"kind": kind, "body": body.pk})
    return meeting


def _call(meeting: Meeting, users: Iterable, role: str, capacity: str) -> int:
    have = set(meeting.attendees.values_list("user_id", flat=True))
    rows = [
        Attendee(meeting=meeting, user=u, role=role, capacity=capacity) for u in users if u.pk not in have
    ]
    Attendee.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def add_attendees(meeting: Meeting, *, users: Iterable, role: str, capacity: str = "", by) -> int:
    """Call more people: members (with a vote), 列席 (deputies, officials: no vote) or staff. Someone already
    called keeps their place. Refused once the meeting is over, and a voting seat for someone who does not
    sit in the body."""
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="确定参会人员")
    _require_open_for_changes(meeting)
    users = list(users)
    if not users:
        raise Refused("no_attendees_chosen", "请选择参会人员")
    if role == AttendeeRole.MEMBER and meeting.kind not in (Kind.DELEGATION, Kind.GROUP_ACTIVITY):
        seated = set(selectors.default_members(meeting).values_list("pk", flat=True))
        strangers = [u for u in users if u.pk not in seated]
        if strangers:
            raise Refused(
                "member_not_seated",
                f"{'、'.join(str(u) for u in strangers[:3])}不是{meeting.body}的组成人员，只能列席",
            )
    n = _call(meeting, users, role, capacity.strip())
    audit.record("meeting.add_attendees", meeting, by=by, after={"role": role, "added": n})
    return n


@transaction.atomic
def add_item(
    meeting: Meeting,
    *,
    title: str,
    presenter: str = "",
    description: str = "",
    minutes_planned: int = 15,
    needs_vote: bool = False,
    by,
) -> AgendaItem:
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="编排议程")
    _require_open_for_changes(meeting)
    if not title.strip():
        raise Refused("item_needs_title", "请填写议题名称")
    order = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=order,
        title=title.strip(),
        presenter=presenter.strip(),
        description=description.strip(),
        minutes_planned=minutes_planned,
        needs_vote=needs_vote,
    )
    audit.record("meeting.add_item", item, by=by, after={"order": order})
    return item


def _notify(users, *, title: str, body: str, url: str, key: str) -> None:
    from renda.notify import services as notify

    for u in users:
        notify.send(u, title=title, body=body, url=url, dedupe_key=f"{key}:{u.pk}")


def _announce(meeting: Meeting, users, template: str, context: dict, *, key: str) -> None:
    """To the people called: inbox, and SMS/WeChat by the body's notify policy (代表活动提前通知)."""
    from renda.notify import services as notify

    ctx = {"title": meeting.title[:20], **context}
    url = reverse("meetings:detail", args=[meeting.pk])
    notify.announce(users, template, ctx, event=key, body=meeting.body, url=url)


@transaction.atomic
def send_notice(meeting: Meeting, *, urgent_reason: str = "", by) -> Meeting:
    """The notice (会议通知) to everyone called. The body's rules give how many days ahead (policy
    `notice_days`); a later notice needs a reason (临时会议). Refused without attendees or agenda.
    Deputies called are listed in the duties app as an activity, so their leave and absence count there."""
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="发出会议通知")
    workflow.MEETING.require(meeting, "notice", by)
    if not meeting.attendees.exists():
        raise Refused("notice_without_attendees", "请先确定参会人员")
    if not meeting.items.exists():
        raise Refused("notice_without_agenda", "请先编排会议议程")
    days = policy_for(meeting.body).notice_days
    ahead = (timezone.localtime(meeting.starts_at).date() - timezone.localdate()).days
    if ahead < 0:
        raise Refused("meeting_in_past", "会议时间已过，不能再发通知")
    if ahead < days and not urgent_reason.strip():
        raise Refused(
            "notice_too_late",
            f"本机关议事规则要求会议举行{days}日前通知，现距会议仅{ahead}日；临时会议请填写理由",
        )
    meeting.status, meeting.noticed_at = workflow.MEETING.step("notice").dst, timezone.now()
    meeting.duty_activity = _duty_activity(meeting, by)
    meeting.save(update_fields=["status", "noticed_at", "duty_activity"])
    start = timezone.localtime(meeting.starts_at)
    users = [a.user for a in meeting.attendees.select_related("user")]
    when, place = f"{start:%Y年%m月%d日 %H:%M}", (meeting.location or "地点另行通知")[:20]
    _announce(
        meeting, users, "meeting_notice", {"when": when, "place": place}, key=f"meetings:notice:{meeting.pk}"
    )
    audit.record(
        "meeting.notice",
        meeting,
        by=by,
        after={"status": meeting.status, "urgent": bool(urgent_reason.strip())},
    )
    return meeting


def _congress_of(body):
    if body.kind in (BodyKind.CONGRESS, BodyKind.PRESIDIUM):
        return body
    return body.parent if body.parent_id else body


def _duty_activity(meeting: Meeting, by):
    """A duties.Activity listing the called deputies (those with a seat in the congress), or None."""
    from renda.deputies.models import Mandate
    from renda.duties import services as duties

    congress = _congress_of(meeting.body)
    user_ids = meeting.attendees.exclude(role=AttendeeRole.STAFF).values("user_id")
    mandates = list(Mandate.objects.filter(body=congress, person__user_id__in=user_ids))
    mandates = [m for m in mandates if m.held_on(timezone.localtime(meeting.starts_at).date())]
    if not mandates:
        return None
    start = timezone.localtime(meeting.starts_at).date()
    return duties.create_activity(
        body=congress,
        duty_type=duties.duty_type(congress, DUTY_TYPE.get(meeting.kind, "sc_meeting")),
        title=meeting.title,
        start=start,
        end=max(start, timezone.localtime(meeting.ends_at).date()),
        location=meeting.location,
        convener=str(meeting.body),
        participants=mandates,
        by=by,
    )


@transaction.atomic
def reply(attendee: Attendee, *, attend: bool, reason: str = "", by) -> Attendee:
    """Confirm, or ask for leave (书面请假, domain.md §3.1). A deputy's leave goes into the duties app's leave
    flow (`duties.services.request_leave`, the approver it names); anyone else's is kept here for staff to
    decide. Refused for someone else, after the meeting started, and leave without a reason."""
    attendee = (
        Attendee.objects.select_for_update().select_related("meeting__body", "user").get(pk=attendee.pk)
    )
    meeting = attendee.meeting
    if attendee.user_id != by.pk:
        raise Refused("not_your_invitation", "只能回复本人的会议通知")
    if meeting.status != State.NOTICED:
        raise Refused("reply_closed", f"会议{meeting.get_status_display()}，不能再回复通知")
    if attendee.present:
        raise Refused("already_signed_in", "您已签到，不能再请假")
    if attend:
        if attendee.leave_state == LeaveState.APPROVED:
            raise Refused("leave_already_approved", "您的请假已批准；如需参会请联系工作人员")
        attendee.reply, attendee.leave_state, attendee.leave_reason = Reply.CONFIRMED, LeaveState.NONE, ""
        attendee.save(update_fields=["reply", "leave_state", "leave_reason"])
        if attendee.leave_request_id:
            from renda.duties import services as duties

            if attendee.leave_request.status == "pending":
                duties.decide_leave(attendee.leave_request, action="withdraw", by=by)
        audit.record("meeting.confirm", attendee, by=by)
        return attendee
    if not reason.strip():
        raise Refused("leave_needs_reason", "请填写请假事由")
    if attendee.leave_state in (LeaveState.PENDING, LeaveState.APPROVED):
        raise Refused("leave_already_requested", "已经为该会议请过假")
    attendee.reply, attendee.leave_reason = Reply.LEAVE, reason.strip()
    attendee.leave_state, attendee.leave_request = LeaveState.PENDING, _duties_leave(attendee, reason, by)
    attendee.save(update_fields=["reply", "leave_reason", "leave_state", "leave_request"])
    audit.record("meeting.request_leave", attendee, by=by, after={"in_duties": bool(attendee.leave_request)})
    staff = selectors.staff_of(meeting)
    url = reverse("meetings:prepare", args=[meeting.pk])
    _notify(
        staff,
        title=f"请假申请：{attendee.user}（{meeting.title}）",
        body=reason.strip(),
        url=url,
        key=f"meetings:leave:{attendee.pk}",
    )
    return attendee


def _duties_leave(attendee: Attendee, reason: str, by):
    """The duties app's leave request when the meeting is a duty activity of this deputy, else None."""
    from renda.core.roles import Role
    from renda.duties import services as duties

    act = attendee.meeting.duty_activity
    if act is None or by.role != Role.DEPUTY:
        return None
    mandate = act.participants.filter(person__user=by).first()
    if mandate is None:
        return None
    days = (act.end - act.start).days + 1
    return duties.request_leave(mandate, activity=act, reason=reason.strip(), half_days=2 * days, by=by)


@transaction.atomic
def decide_leave(attendee: Attendee, *, approve: bool, note: str = "", by) -> Attendee:
    """Staff record the approver's decision. A leave held in the duties app is decided there (its refusals
    apply: a refusal needs a reason)."""
    attendee = Attendee.objects.select_for_update().select_related("meeting__body").get(pk=attendee.pk)
    permissions.require_manage(by, attendee.meeting, action="审批请假")
    if attendee.leave_state != LeaveState.PENDING:
        raise Refused("no_pending_leave", "没有待批准的请假")
    if not approve and not note.strip():
        raise Refused("refuse_needs_note", "不批准时请填写理由")
    if attendee.leave_request_id:
        from renda.duties import services as duties

        duties.decide_leave(
            attendee.leave_request, action="approve" if approve else "refuse", note=note, by=by
        )
    attendee.leave_state = LeaveState.APPROVED if approve else LeaveState.REFUSED
    if not approve:
        attendee.reply = Reply.PENDING
    attendee.save(update_fields=["leave_state", "reply"])
    audit.record("meeting.decide_leave", attendee, by=by, after={"leave_state": attendee.leave_state})
    return attendee


@transaction.atomic
def open_meeting(meeting: Meeting, *, by) -> Meeting:
    """宣布开会: only with the quorum present (policy per body; default more than half of all members)."""
    meeting = _locked(meeting)
    permissions.require_chair(by, meeting, action="宣布开会")
    step = workflow.MEETING.require(meeting, "open", by)
    q = selectors.quorum(meeting)
    if q.total and not q.met:
        raise Refused(
            "quorum_not_met",
            f"出席人数不足：应到{q.total}人，实到{q.present}人，须至少{q.needed}人（{q.rule}）",
        )
    meeting.status, meeting.opened_at = step.dst, timezone.now()
    meeting.save(update_fields=["status", "opened_at"])
    audit.record("meeting.open", meeting, by=by, after={"present": q.present, "total": q.total})
    return meeting


@transaction.atomic
def close_meeting(meeting: Meeting, *, by) -> Meeting:
    """宣布闭会. Attendance goes to the duties app (see `record_duty_attendance`): signed in →
    attended, approved leave → leave, anyone else → absent without leave (domain.md §3.1, Art. 62 check for
    sessions). The minutes are drafted from agenda, attendance and vote results."""
    from . import minutes

    meeting = _locked(meeting)
    permissions.require_chair(by, meeting, action="宣布闭会")
    step = workflow.MEETING.require(meeting, "close", by)
    meeting.status, meeting.closed_at, meeting.timer_ends_at = step.dst, timezone.now(), None
    if not meeting.minutes.strip():
        meeting.minutes = minutes.draft(meeting)
    meeting.save(update_fields=["status", "closed_at", "timer_ends_at", "minutes"])
    audit.record("meeting.close", meeting, by=by, after={"status": meeting.status})
    if meeting.duty_activity_id and permissions.can_manage(by, _congress_of(meeting.body)):
        record_duty_attendance(meeting, by=by)
    return meeting


def duty_attendance_pending(meeting: Meeting) -> bool:
    return (
        meeting.status in (State.CLOSED, State.APPROVED)
        and meeting.duty_activity_id is not None
        and not meeting.duty_activity.attendance_taken
    )


@transaction.atomic
def record_duty_attendance(meeting: Meeting, *, by) -> dict[str, int]:
    """The sign-in list into the deputies' duty records (`duties.services.record_attendance`): signed in →
    attended, approved leave → leave, anyone else called → absent without leave (domain.md §3.1; a session's
    absences feed the 代表法 Art. 62 check there). Staff only (the duties app's rule): done at closing when
    staff close the meeting, else from the preparation page. Refused before closing and twice."""
    from renda.duties import services as duties

    meeting = _locked(meeting)
    if meeting.status not in (State.CLOSED, State.APPROVED):
        raise Refused("meeting_not_closed", "会议闭会后才能将考勤转入履职记录")
    if meeting.duty_activity_id is None:
        raise Refused("no_duty_activity", "本次会议没有需要记入履职的代表")
    present_users = set(
        meeting.attendees.filter(signed_in_at__isnull=False).values_list("user_id", flat=True)
    )
    act = meeting.duty_activity
    present = [m.pk for m in act.participants.select_related("person") if m.person.user_id in present_users]
    counts = duties.record_attendance(act, present=present, by=by)
    audit.record("meeting.duty_attendance", meeting, by=by, after=counts)
    return counts


@transaction.atomic
def cancel(meeting: Meeting, *, reason: str, by) -> Meeting:
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="取消会议")
    step = workflow.MEETING.require(meeting, "cancel", by)
    if not reason.strip():
        raise Refused("cancel_needs_reason", "请填写取消理由")
    was_noticed = meeting.status == State.NOTICED
    meeting.status = step.dst
    meeting.save(update_fields=["status"])
    if was_noticed:
        users = [a.user for a in meeting.attendees.select_related("user")]
        ctx = {"reason": reason.strip()[:30]}
        _announce(meeting, users, "meeting_cancelled", ctx, key=f"meetings:cancel:{meeting.pk}")
    audit.record("meeting.cancel", meeting, by=by, after={"status": meeting.status})
    return meeting


@transaction.atomic
def set_current_item(meeting: Meeting, *, item: AgendaItem | None, by) -> Meeting:
    """The chair moves to an agenda item (the big screen follows); starts its planned timer."""
    meeting = _locked(meeting)
    permissions.require_chair(by, meeting, action="切换议题")
    if meeting.status != State.IN_SESSION:
        raise Refused("meeting_not_in_session", "会议尚未开始或已闭会")
    if item is not None and item.meeting_id != meeting.pk:
        raise Refused("item_other_meeting", "该议题不属于本次会议")
    meeting.current_item = item
    meeting.timer_ends_at = timezone.now() + timedelta(minutes=item.minutes_planned) if item else None
    meeting.save(update_fields=["current_item", "timer_ends_at"])
    audit.record("meeting.current_item", meeting, by=by, after={"item": item.pk if item else None})
    return meeting


@transaction.atomic
def set_timer(meeting: Meeting, *, minutes: int, by) -> Meeting:
    """A countdown on the big screen (发言计时); 0 stops it."""
    meeting = _locked(meeting)
    permissions.require_chair(by, meeting, action="计时")
    if meeting.status != State.IN_SESSION:
        raise Refused("meeting_not_in_session", "会议尚未开始或已闭会")
    if not 0 <= minutes <= 240:
        raise Refused("timer_bad_minutes", "计时须在0至240分钟之间")
    meeting.timer_ends_at = timezone.now() + timedelta(minutes=minutes) if minutes else None
    meeting.save(update_fields=["timer_ends_at"])
    return meeting


@transaction.atomic
def save_minutes(meeting: Meeting, *, text: str, by) -> Meeting:
    meeting = _locked(meeting)
    permissions.require_manage(by, meeting, action="编辑会议纪要")
    if meeting.status != State.CLOSED:
        raise Refused("minutes_not_editable", "会议闭会后、纪要审定前才能编辑纪要")
    if not text.strip():
        raise Refused("minutes_empty", "会议纪要不能为空")
    meeting.minutes = text.strip()
    meeting.save(update_fields=["minutes"])
    audit.record("meeting.save_minutes", meeting, by=by)
    return meeting


@transaction.atomic
def approve_minutes(meeting: Meeting, *, by) -> Meeting:
    meeting = _locked(meeting)
    permissions.require_chair(by, meeting, action="审定纪要")
    step = workflow.MEETING.require(meeting, "approve_minutes", by)
    if not meeting.minutes.strip():
        raise Refused("minutes_empty", "会议纪要不能为空")
    meeting.status, meeting.minutes_approved_by = step.dst, by
    meeting.save(update_fields=["status", "minutes_approved_by"])
    audit.record("meeting.approve_minutes", meeting, by=by, after={"status": meeting.status})
    return meeting
