"""Handling a message: screen, answer, forward, convert, hand to 12345, reply, rate, reopen, close.

Each function locks the row, asks workflow.require (which resolves the actor), sets the next deadline from the
body's policy, writes the timeline and the audit log, and tells the next person after commit.
"""

from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.workflow import SYSTEM
from renda.notify.services import voter as notify_voter

from .. import workflow
from ..choices import NotAcceptedReason, Outcome, Rating, ReplyKind, Status, Urgency
from ..models import Message, Reply
from ..workflow import Actor, acting_as
from .common import (
    event,
    lock,
    notify_users,
    people_of,
    policy_of,
    set_clock,
    set_reply_clock,
    unit_users,
    work_url,
    write,
)

TEXT_MAX = 4000


def _text(value: str, label: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Refused("contact_text_empty", f"请填写{label}")
    if len(value) > limit:
        raise Refused("contact_too_long", f"{label}不能超过 {limit} 个字")
    if "\x00" in value:
        raise Refused("contact_bad_character", f"{label}含有不允许的字符")
    return value


def _before(m: Message) -> dict:
    return audit.snapshot(m, ["status", "unit_id", "reply_due"])


def _on_time(due_at, due, now) -> bool:
    """Within the deadline: the exact moment for a clock in hours, else the whole due day."""
    if due_at is not None:
        return now <= due_at
    return due is None or timezone.localdate(now) <= due


def _screened(m: Message) -> None:
    """First screening decides 响应率: on time if within the acceptance deadline (domain.md §2.2–2.3)."""
    if m.accepted_at is None:
        m.accepted_at = timezone.now()
        m.accepted_on_time = _on_time(m.accept_due_at, m.accept_due, m.accepted_at)


SCREEN_FIELDS = ["status", "accepted_at", "accepted_on_time"]


@transaction.atomic
def accept(message: Message, *, by, urgency: str = Urgency.ORDINARY, note: str = "") -> Message:
    """受理 (domain.md §4 register → sort) with the message's type, which later sets the reply deadline
    (§2.3 table); starts the forwarding clock. Refuses an unknown type."""
    m = lock(message)
    step = workflow.require(m, "accept", by)
    if urgency not in Urgency.values:
        raise Refused("contact_urgency_required", "请选择诉求类型（紧急、水电气热、一般或复杂）")
    note = _text(note, "说明", required=False)
    before = _before(m)
    m.status, m.urgency = step.dst, urgency
    _screened(m)
    set_clock(m, "forward_due", step)
    write(m, "accept", [*SCREEN_FIELDS, "urgency", "forward_due"], by=by, before=before)
    event(m, "accept", f"留言已受理（{Urgency(urgency).label}）", by=by, note=note)
    notify_voter(m, "accept")
    return m


@transaction.atomic
def reject(message: Message, *, reason: str, note: str = "", by) -> Message:
    """不予受理 with one of the listed reasons (domain.md §2.1 Art. 11; §4 exclusions). Ends the message."""
    m = lock(message)
    step = workflow.require(m, "reject", by)
    if reason not in NotAcceptedReason.values:
        raise Refused("contact_reason_required", "请选择不予受理的原因")
    note = _text(note, "说明", required=False)
    before = _before(m)
    m.status, m.not_accepted_reason, m.decision_note = step.dst, reason, note
    _screened(m)
    m.closed_at = timezone.now()
    write(
        m,
        "reject",
        [*SCREEN_FIELDS, "not_accepted_reason", "decision_note", "closed_at"],
        by=by,
        before=before,
    )
    event(m, "reject", f"不予受理：{NotAcceptedReason(reason).label}", by=by, note=note)
    return m


@transaction.atomic
def answer(message: Message, *, text: str, by) -> Message:
    """Answer on the spot (当场答复, domain.md §4 routing rule); the voter may then rate it."""
    m = lock(message)
    step = workflow.require(m, "answer", by)
    text = _text(text, "答复内容")
    before = _before(m)
    m.status, m.outcome, m.replied_at = step.dst, Outcome.ON_SPOT, timezone.now()
    _screened(m)
    set_clock(m, "rate_due", step)
    Reply.objects.create(
        message=m,
        round=1,
        kind=ReplyKind.ON_SPOT,
        author=by,
        author_label=_label(by),
        text=text,
        at=m.replied_at,
    )
    write(m, "answer", [*SCREEN_FIELDS, "outcome", "replied_at", "rate_due"], by=by, before=before)
    event(m, "answer", "已当场答复", by=by)
    return m


def _check_unit(m: Message, unit: Unit) -> None:
    if unit is None or not unit.active:
        raise Refused("contact_unit_invalid", "请选择在用的承办单位")
    if not (m.body.path.startswith(unit.body.path) or unit.body.path.startswith(m.body.path)):
        raise Refused("contact_unit_out_of_area", f"{unit}不承办本辖区的事项")


@transaction.atomic
def forward(message: Message, *, unit: Unit, note: str = "", by) -> Message:
    """转办 to a handling unit with a reply deadline (domain.md §2.1 Art. 12–13; §4 hand over)."""
    m = lock(message)
    step = workflow.require(m, "forward", by)
    _check_unit(m, unit)
    note = _text(note, "转办意见", required=False)
    before = _before(m)
    m.status, m.outcome, m.unit, m.forwarded_at = step.dst, Outcome.UNIT, unit, timezone.now()
    set_reply_clock(m, start=m.forwarded_at)
    write(
        m,
        "forward",
        ["status", "outcome", "unit", "forwarded_at", "reply_due_at", "reply_due"],
        by=by,
        before=before,
    )
    event(m, "forward", f"已转{unit}办理，答复期限 {_at(m.reply_due_at)}", by=by, note=note)
    notify_users(
        unit_users(unit),
        title=f"转办留言：{m.title}",
        body=f"请在 {_at(m.reply_due_at)} 前答复。{note}",
        url=work_url(m),
        key=f"contact:{m.pk}:forward:{m.reopen_count}:{unit.pk}",
    )
    return m


@transaction.atomic
def return_to_staff(message: Message, *, reason: str, by) -> Message:
    """The unit disputes the assignment (退单, domain.md §2.1 Art. 12); staff assign it again."""
    m = lock(message)
    step = workflow.require(m, "return", by)
    reason = _text(reason, "退回理由")
    before = _before(m)
    unit = m.unit
    m.status, m.unit, m.outcome = step.dst, None, ""
    set_clock(m, "forward_due", step)
    write(m, "return", ["status", "unit", "outcome", "forward_due"], by=by, before=before, note=reason)
    event(m, "return", f"{unit}申请退回，待重新分办", by=by, note=reason, public=False)
    notify_users(
        people_of(m),
        title=f"留言被退回：{m.title}",
        body=reason,
        url=work_url(m),
        key=f"contact:{m.pk}:return:{timezone.now():%Y%m%d%H%M%S}",
    )
    return m


@transaction.atomic
def convert(message: Message, *, by, mandate=None) -> Message:
    """Turn the message into a draft suggestion of the deputy (domain.md §4), linked both ways."""
    m = lock(message)
    actor = acting_as(m, by)
    step = workflow.require(m, "convert", by)
    mandate = mandate or m.mandate or (_own_mandate(m, by) if actor == Actor.DEPUTY else None)
    if mandate is None:
        raise Refused("contact_convert_needs_deputy", "请先选择提出建议的代表")
    if actor == Actor.DEPUTY and mandate.person.user_id != by.pk:
        raise Refused("contact_convert_own_only", "代表只能转为本人的建议")
    from renda.suggestions import services as suggestions

    draft = suggestions.create_draft(
        mandate=mandate,
        title=m.title[:80],
        content=_suggestion_text(m),
        by=by,
        origin=m,
    )
    before = _before(m)
    m.status, m.outcome, m.suggestion = step.dst, Outcome.SUGGESTION, draft
    _screened(m)
    write(m, "convert", [*SCREEN_FIELDS, "outcome", "suggestion_id"], by=by, before=before)
    event(m, "convert", f"已转为{mandate.person}代表的建议，由代表依法提出", by=by)
    return m


def _own_mandate(m: Message, by):
    """A deputy converting a station message proposes it under the seat they hold at that station."""
    from renda.deputies.choices import CURRENT_STATUSES
    from renda.deputies.models import Mandate

    mine = Mandate.objects.filter(person__user=by, status__in=CURRENT_STATUSES).select_related(
        "person", "body"
    )
    if m.station_id:
        at_station = mine.filter(stations=m.station_id).first()
        if at_station is not None:
            return at_station
    return mine.order_by("body__path").first()


def _suggestion_text(m: Message) -> str:
    where = f"（地点：{m.place}）" if m.place else ""
    return f"{m.content}{where}\n\n——来源：选民留言第 {m.pk} 号，{m.received_at:%Y年%m月%d日}收到。"


@transaction.atomic
def hand_to_hotline(message: Message, *, ref: str = "", note: str = "", by) -> Message:
    """Hand the matter to the local 12345 hotline and record its work-order number (domain.md §2.3)."""
    m = lock(message)
    step = workflow.require(m, "hotline", by)
    ref, note = _text(ref, "工单号", required=False, limit=40), _text(note, "说明", required=False)
    before = _before(m)
    m.status, m.outcome, m.hotline_ref, m.decision_note = step.dst, Outcome.HOTLINE, ref, note
    write(m, "hotline", ["status", "outcome", "hotline_ref", "decision_note"], by=by, before=before)
    event(m, "hotline", "已转12345热线办理" + (f"（工单号 {ref}）" if ref else ""), by=by, note=note)
    return m


@transaction.atomic
def reply(message: Message, *, text: str, by) -> Message:
    """The unit's answer (domain.md §2.1 Art. 15); the first one decides the unit's 响应率."""
    m = lock(message)
    step = workflow.require(m, "reply", by)
    text = _text(text, "答复内容")
    before = _before(m)
    now = timezone.now()
    round_ = m.reopen_count + 1
    if round_ == 1:
        m.replied_on_time = _on_time(m.reply_due_at, m.reply_due, now)
    m.status, m.replied_at = step.dst, now
    set_clock(m, "rate_due", step)
    Reply.objects.create(
        message=m,
        round=round_,
        kind=ReplyKind.UNIT,
        unit=m.unit,
        author=by,
        author_label=str(m.unit),
        text=text,
        at=now,
    )
    write(m, "reply", ["status", "replied_at", "replied_on_time", "rate_due"], by=by, before=before)
    event(m, "reply", f"{m.unit}已{'再次' if round_ > 1 else ''}答复，请评价", by=by)
    notify_voter(m, "reply")
    notify_users(
        people_of(m),
        title=f"留言已答复：{m.title}",
        body=text[:200],
        url=work_url(m),
        key=f"contact:{m.pk}:reply:{round_}",
    )
    return m


@transaction.atomic
def rate(message: Message, *, rating: str, resolved: bool, note: str = "", by=None) -> Message:
    """The voter's rating (满意/基本满意/不满意, domain.md §2.1 Art. 8, 23); staff may record a call-back.

    不满意 sends a unit's answer back for another round, until at least 基本满意 (domain.md §4 township
    flow), at most policy.reopen_max rounds; after the last one a 不满意 stays rated for staff to follow up.
    """
    m = lock(message)
    step = workflow.require(m, "rate", by)
    if rating not in Rating.values:
        raise Refused("contact_rating_invalid", "请选择满意、基本满意或不满意")
    note = _text(note, "评价意见", required=False, limit=500)
    before = _before(m)
    m.status, m.rating, m.resolved, m.rating_note, m.rated_at = (
        step.dst,
        rating,
        bool(resolved),
        note,
        timezone.now(),
    )
    fields = ["status", "rating", "resolved", "rating_note", "rated_at"]
    label = f"选民评价：{Rating(rating).label}，问题{'已' if resolved else '未'}解决"
    pol = policy_of(m)
    if rating == Rating.UNSATISFIED and m.outcome == Outcome.UNIT and m.reopen_count < pol.reopen_max:
        event(m, "rate", label, by=by, note=note)
        reopen = workflow.require(m, "reopen", by)
        m.status, m.reopen_count = reopen.dst, m.reopen_count + 1
        set_reply_clock(m, start=m.rated_at, pol=pol)
        fields += ["reopen_count", "reply_due_at", "reply_due"]
        write(m, "rate", fields, by=by, before=before, note="不满意，重新办理")
        event(
            m,
            "reopen",
            f"不满意，已交{m.unit}第{m.reopen_count + 1}次办理，期限 {_at(m.reply_due_at)}",
            by=by,
        )
        notify_users(
            unit_users(m.unit),
            title=f"选民不满意，请重新办理：{m.title}",
            body=note,
            url=work_url(m),
            key=f"contact:{m.pk}:reopen:{m.reopen_count}",
        )
        return m
    write(m, "rate", fields, by=by, before=before)
    event(m, "rate", label, by=by, note=note)
    notify_users(
        people_of(m),
        title=f"选民已评价：{m.title}",
        body=label,
        url=work_url(m),
        key=f"contact:{m.pk}:rated:{m.reopen_count}",
    )
    return m


@transaction.atomic
def close(message: Message, *, by=None, note: str = "", system: bool = False) -> Message:
    """办结 and archive (domain.md §4). The daily task closes rated messages and replies past the rating window."""
    m = lock(message)
    step = workflow.require(m, "close", SYSTEM if system else by)
    before = _before(m)
    label = "评价期已过，已办结" if m.status == Status.REPLIED else "已办结"
    m.status, m.closed_at = step.dst, timezone.now()
    write(m, "close", ["status", "closed_at"], by=None if system else by, before=before)
    event(
        m,
        "close",
        label,
        by=None if system else by,
        note=_text(note, "说明", required=False),
        actor_name="系统" if system else "",
    )
    notify_voter(m, "close")
    return m


def _at(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _label(user) -> str:
    return f"{user.role_label} {user}" if user is not None else "工作人员"
