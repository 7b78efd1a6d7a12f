"""Reconsideration of a motion decision (复议, domain.md §1.4; Shanghai motion rules Art. 14).

After the presidium decides 不予立案 or 转作建议, the lead deputy asks for reconsideration with reasons, the
other sponsors join, and staff record the presidium's decision: uphold, or file the motion (立案). The request
needs more than the policy's share of the sponsors (default: a majority) and at least its minimum (default:
the level's motion threshold, 10 at county level), and every signature must come before the cut-off (default
4 hours) ahead of the presidium's last meeting, whose time staff record on the policy page.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.deputies.models import Mandate

from .. import permissions, workflow
from ..models import (
    Kind,
    MotionDecision,
    Policy,
    Reconsideration,
    ReconsiderationOutcome,
    ReconsiderationStatus,
    ReconsiderationSupport,
    Suggestion,
)
from .common import lock, log, policy, require_text
from .notices import deputy_users, send_all, staff_users
from .screening import register_item

RECONSIDERABLE = (MotionDecision.REJECTED, MotionDecision.AS_SUGGESTION)
REVIEW_ACTIONS = ("reject_motion", "motion_to_suggestion")


@dataclass(frozen=True)
class Tally:
    """Where a request stands: sponsors, support needed and given, and the cut-off (None: meeting not set)."""

    sponsors: int
    needed: int
    support: int
    meeting: datetime | None
    cutoff: datetime | None
    hours: int

    @property
    def enough(self) -> bool:
        return self.support >= self.needed

    def late(self, now: datetime) -> bool:
        return self.cutoff is None or now >= self.cutoff


def support_needed(sponsors: int, p: Policy) -> int:
    """More than `reconsider_share_percent` % of the sponsors (过半数 at 50), and at least the minimum."""
    return max(p.reconsider_min_sponsors, sponsors * p.reconsider_share_percent // 100 + 1)


def cutoff(p: Policy) -> datetime | None:
    if p.presidium_last_meeting_at is None:
        return None
    return p.presidium_last_meeting_at - timedelta(hours=p.reconsider_hours_before)


def sponsors(item: Suggestion) -> list[Mandate]:
    """The lead deputy and every co-signer who confirmed and did not withdraw (提案代表)."""
    rows = item.cosigners.filter(confirmed_at__isnull=False, declined_at__isnull=True).select_related(
        "mandate"
    )
    return [item.lead, *[c.mandate for c in rows]]


def tally(item: Suggestion, rec: Reconsideration | None = None) -> Tally:
    p = policy(item)
    rec = rec if rec is not None else Reconsideration.objects.filter(suggestion=item).first()
    n = rec.sponsors if rec else len(sponsors(item))
    return Tally(
        sponsors=n,
        needed=support_needed(n, p),
        support=rec.supports.count() if rec else 0,
        meeting=p.presidium_last_meeting_at,
        cutoff=cutoff(p),
        hours=p.reconsider_hours_before,
    )


def pending(item: Suggestion) -> bool:
    """An open request the presidium may still act on: before the cut-off, or with enough support."""
    if item.motion_decision not in RECONSIDERABLE:
        return False
    rec = Reconsideration.objects.filter(suggestion=item, status=ReconsiderationStatus.OPEN).first()
    if rec is None:
        return False
    t = tally(item, rec)
    return t.enough or not t.late(timezone.now())


def _local(dt: datetime) -> str:
    return f"{timezone.localtime(dt):%Y-%m-%d %H:%M}"


def _check_reconsiderable(item: Suggestion) -> None:
    if item.motion_decision in RECONSIDERABLE:
        return
    if item.kind != Kind.MOTION:
        raise Refused("not_a_motion", "该件不是议案，不能申请复议")
    raise Refused("no_decision_to_reconsider", "只能对主席团“不予立案”或“转作建议”的决定申请复议")


def _check_window(item: Suggestion, p: Policy, now: datetime) -> None:
    """Before the cut-off ahead of this session's last presidium meeting, and about this session's decision."""
    meeting, end = p.presidium_last_meeting_at, cutoff(p)
    if meeting is None or end is None:
        raise Refused(
            "presidium_meeting_unknown",
            "本次大会主席团最后一次会议时间尚未登记，暂不能申请复议，请联系人大工作人员",
        )
    if now >= end:
        raise Refused(
            "reconsideration_too_late",
            f"复议须在主席团最后一次会议（{_local(meeting)}）{p.reconsider_hours_before}小时前提出，"
            f"截止时间 {_local(end)} 已过",
        )
    decided = item.timeline.filter(action__in=REVIEW_ACTIONS).order_by("-at").first()
    year = timezone.localtime(decided.at).year if decided else item.year
    if year != timezone.localtime(meeting).year:
        raise Refused("reconsideration_other_session", "该议案的审查决定不是本次大会作出的，不能申请复议")


def _open_request(item: Suggestion) -> Reconsideration:
    rec = Reconsideration.objects.filter(suggestion=item, status=ReconsiderationStatus.OPEN).first()
    if rec is None:
        raise Refused("no_reconsideration", "该议案没有待决定的复议申请")
    return rec


@transaction.atomic
def request_reconsideration(item: Suggestion, *, reasons: str, by) -> Reconsideration:
    """The lead deputy asks the presidium to reconsider 不予立案 / 转作建议 (§1.4); the lead's own support counts.

    Refuses: not the lead deputy; an item that was never a motion or has no such decision; a second request;
    no written reasons; no meeting time recorded, after the cut-off, or a decision of an earlier session; a
    motion whose sponsors are fewer than the support needed.
    """
    lock(item)
    workflow.require(item, "request_reconsideration", by)
    if not permissions.is_lead(by, item):
        raise NotPermitted("not_lead_deputy", "只有领衔代表可以申请复议")
    _check_reconsiderable(item)
    if Reconsideration.objects.filter(suggestion=item).exists():
        raise Refused("reconsideration_exists", "该议案已申请过复议，不能再次申请")
    reasons = require_text(reasons, "reason_required", "请写明申请复议的理由")
    p, now = policy(item), timezone.now()
    _check_window(item, p, now)
    people = sponsors(item)
    need = support_needed(len(people), p)
    if len(people) < need:
        raise Refused(
            "reconsideration_too_few_sponsors",
            f"复议须提案代表过半数且不少于{p.reconsider_min_sponsors}人联名，需要{need}人；"
            f"本议案提案代表共{len(people)}人，无法达到",
        )
    rec = Reconsideration.objects.create(
        suggestion=item,
        decision=item.motion_decision,
        reasons=reasons[:5000],
        sponsors=len(people),
        requested_by=by,
        requested_at=now,
    )
    ReconsiderationSupport.objects.create(reconsideration=rec, mandate=item.lead, at=now)
    log(
        item,
        "request_reconsideration",
        f"领衔代表申请复议（已联名1人，需{need}人）",
        by=by,
        note=reasons,
        audit_after={"sponsors": len(people), "needed": need},
    )
    others = [m.person.user for m in people[1:] if m.person.user_id]
    send_all(
        others,
        item,
        title=f"请联名支持议案复议申请：{item.title}",
        body=f"截止时间 {_local(cutoff(p))}，需{need}名提案代表联名。",
        key=f"reconsider:{rec.pk}",
    )
    return rec


@transaction.atomic
def support_reconsideration(item: Suggestion, *, by) -> ReconsiderationSupport:
    """A co-signing sponsor joins the open request before the cut-off (§1.4).

    Refuses: no open request; not a sponsor of this motion; a second signature; after the cut-off.
    """
    lock(item)
    workflow.require(item, "support_reconsideration", by)
    rec = _open_request(item)
    row = permissions.cosigner_row(by, item)
    if row is None or not row.confirmed_at or row.declined_at:
        raise NotPermitted("not_sponsor", "只有该议案的联名代表可以联名支持复议")
    if rec.supports.filter(mandate=row.mandate).exists():
        raise Refused("already_supported", "您已联名支持复议")
    p, now = policy(item), timezone.now()
    _check_window(item, p, now)
    support = ReconsiderationSupport.objects.create(reconsideration=rec, mandate=row.mandate, at=now)
    t = tally(item, rec)
    log(
        item,
        "support_reconsideration",
        f"{row.mandate.person}联名支持复议（{t.support}/{t.needed}人）",
        by=by,
        audit_after={"support": t.support, "needed": t.needed},
    )
    if t.support == t.needed:
        send_all(
            staff_users(item),
            item,
            title=f"议案复议申请已达到联名人数，待记录主席团决定：{item.title}",
            key=f"reconsider-ready:{rec.pk}",
        )
    return support


@transaction.atomic
def decide_reconsideration(item: Suggestion, *, outcome: str, reasons: str, by) -> Suggestion:
    """Staff record the presidium's decision on a request: uphold the decision, or file the motion (立案),
    which registers it as a motion and starts the hand-over clock (§1.4, §1.3 step 3).

    Refuses: no open request; an unknown outcome; no written reasons; fewer supporters than needed (the
    request is void); 立案 below the motion threshold.
    """
    lock(item)
    workflow.require(item, "decide_reconsideration", by)
    permissions.require_body_scope(by, item)
    rec = _open_request(item)
    if outcome not in ReconsiderationOutcome.values:
        raise Refused("decision_unknown", "请选择复议决定：维持原决定或立案")
    reasons = require_text(reasons, "reason_required", "复议决定须书面说明理由")
    p, t = policy(item), tally(item, rec)
    if not t.enough:
        raise Refused(
            "reconsideration_too_few_sponsors",
            f"复议须提案代表过半数且不少于{p.reconsider_min_sponsors}人联名：提案代表共{t.sponsors}人，"
            f"需要{t.needed}人，现有{t.support}人支持，复议申请不成立",
        )
    rec.decided_by, rec.decided_at, rec.decision_note = by, timezone.now(), reasons[:5000]
    if outcome == ReconsiderationOutcome.UPHOLD:
        rec.status = ReconsiderationStatus.UPHELD
        rec.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        log(
            item,
            "decide_reconsideration",
            f"主席团复议决定：维持原决定（{rec.get_decision_display()}）",
            by=by,
            note=reasons,
            audit_after={"outcome": outcome},
        )
        send_all(
            deputy_users(item), item, title=f"议案复议决定：维持原决定：{item.title}", body=reasons[:300]
        )
        return item
    have = len(sponsors(item))
    if have < p.motion_threshold:
        raise Refused("motion_threshold_not_met", f"议案须{p.motion_threshold}名以上代表联名，已确认{have}名")
    rec.status = ReconsiderationStatus.FILED
    rec.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    # A motion handled as a suggestion was numbered as one; as a motion it takes the next motion number.
    item.kind, item.motion_decision, item.number = Kind.MOTION, MotionDecision.FILED, ""
    item.decision_note = reasons
    register_item(
        item, by=by, action="decide_reconsideration", label="主席团复议决定：议案立案", note=reasons
    )
    send_all(deputy_users(item), item, title=f"议案复议决定：立案：{item.title}", body=reasons[:300])
    return item
