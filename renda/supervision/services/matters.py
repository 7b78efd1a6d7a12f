"""Major-matter decisions (重大事项决定): proposed → deliberated → decided by the resolution vote of a meeting
(a poll on an agenda item, renda.meetings + renda.voting) → tracked (implementation reports, a follow-up) →
closed. Workflow table `workflow.MATTER`; domain.md §5.1 (地方组织法第五十、五十一条, 监督法第十七条).

The decision is never typed: staff pick the meeting's poll that decided it, and the matter keeps the poll,
its count and the sentence naming the rule that decided it (`result.decided_by`). A poll that did not pass
cannot make a matter "decided" (it can only record the matter as not adopted).
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from renda.core import audit, deadlines, policy
from renda.core.errors import Refused
from renda.core.models import Unit

from .. import permissions
from ..models import Matter, MatterReport, SupervisionPolicy
from ..workflow import MATTER
from . import followups

FINAL = ("closed", "announced")


def _engine_ready() -> bool:
    from renda.meetings import votes as meeting_votes

    return meeting_votes.engine() is not None


def _item_ct():
    from renda.meetings.models import AgendaItem

    return ContentType.objects.get_for_model(AgendaItem)


def candidate_polls(m: Matter) -> list[dict]:
    """The finished motion polls on agenda items of this body's meetings, newest first, not yet linked to
    another matter: what staff choose from. Each with its meeting, item and outcome."""
    if not _engine_ready():
        return []
    from renda.meetings.models import AgendaItem
    from renda.voting.models import Poll
    from renda.voting.selectors import result

    items = {
        str(i.pk): i
        for i in AgendaItem.objects.filter(meeting__body=m.body)
        .select_related("meeting")
        .order_by("-id")[:500]
    }
    taken = set(
        Matter.objects.exclude(pk=m.pk).filter(poll_id__isnull=False).values_list("poll_id", flat=True)
    )
    polls = Poll.objects.filter(
        content_type=_item_ct(), object_id__in=list(items), kind="motion", state__in=FINAL
    ).order_by("-closed_at", "-id")[:100]
    out = []
    for p in polls:
        if p.pk in taken:
            continue
        item = items[p.object_id]
        res = result(p)
        out.append(
            {"poll": p, "item": item, "meeting": item.meeting, "outcome": res.outcome, "passed": res.passed}
        )
    return out


def _poll_of_body(m: Matter, poll_id: int):
    from renda.meetings.models import AgendaItem
    from renda.voting.models import Poll

    if not _engine_ready():
        raise Refused("voting_unavailable", "表决系统尚未启用，不能关联表决")
    poll = Poll.objects.filter(pk=poll_id, content_type=_item_ct()).first()
    item = (
        AgendaItem.objects.select_related("meeting").filter(pk=poll.object_id, meeting__body=m.body).first()
        if poll and str(poll.object_id).isdigit()
        else None
    )
    if poll is None or item is None:
        raise Refused("poll_not_found", "请选择本机关会议议题的表决")
    if poll.kind != "motion":
        raise Refused("poll_not_motion", f"“{poll}”不是议案表决（赞成/反对/弃权），不能作为决定的表决")
    if poll.state not in FINAL:
        raise Refused("poll_open", f"“{poll}”尚未结束表决，不能登记决定")
    if Matter.objects.exclude(pk=m.pk).filter(poll_id=poll.pk).exists():
        raise Refused("poll_taken", f"“{poll}”已关联其他重大事项")
    return poll, item


def _take(m: Matter, poll, item, res) -> None:
    m.poll_id = poll.pk
    m.meeting_title = f"{item.meeting.title} · {item}"[:200]
    counts = "，".join(f"{ln.label}{ln.count}票" for ln in res.lines)
    m.vote_line = f"{counts}；应到{res.electors}人，实到{res.present}人；{res.outcome}"[:300]
    m.decided_by = res.decided_by
    m.decided_on = timezone.localdate(item.meeting.starts_at)  # the meeting's day, when it voted


@transaction.atomic
def deliberate(m: Matter, *, by) -> Matter:
    m = Matter.objects.select_for_update().get(pk=m.pk)
    MATTER.require(m, "deliberate", by)
    permissions.require_staff(by, "提请审议重大事项")
    m.status = MATTER.step("deliberate").dst
    m.save(update_fields=["status"])
    audit.record("supervision.matter_deliberate", m, by=by, after={"status": m.status})
    return m


@transaction.atomic
def decide(m: Matter, *, poll_id: int, decision: str, by) -> Matter:
    """The matter is decided by the meeting's poll `poll_id`, which must have passed by its rule. Refuses an
    open poll, a poll of another body or not on an agenda item, a poll already used, and a poll that did not
    pass ("未获通过"), with the outcome and the rule in the message."""
    from renda.voting.selectors import result

    m = Matter.objects.select_for_update().get(pk=m.pk)
    MATTER.require(m, "decide", by)
    permissions.require_staff(by, "登记重大事项决定")
    decision = (decision or "").strip()
    if not decision:
        raise Refused("decision_required", "请填写决定或决议的内容")
    poll, item = _poll_of_body(m, poll_id)
    res = result(poll)
    if res.passed is not True:
        raise Refused(
            "poll_not_passed",
            f"所选表决“{poll}”的结果为“{res.outcome}”，未获通过，不能登记为已作出决定"
            f"（{res.decided_by}）如表决未通过，请选择“登记表决未通过”。",
        )
    _take(m, poll, item, res)
    m.decision = decision[:5000]
    m.status = MATTER.step("decide").dst
    m.save()
    audit.record("supervision.matter_decide", m, by=by, after={"status": m.status, "poll": poll.pk})
    return m


@transaction.atomic
def reject(m: Matter, *, poll_id: int, by) -> Matter:
    """The meeting voted and the motion failed: recorded with that poll (a passed poll is refused here)."""
    from renda.voting.selectors import result

    m = Matter.objects.select_for_update().get(pk=m.pk)
    MATTER.require(m, "reject", by)
    permissions.require_staff(by, "登记重大事项表决结果")
    poll, item = _poll_of_body(m, poll_id)
    res = result(poll)
    if res.passed is True:
        raise Refused("poll_passed", f"所选表决“{poll}”已获通过，请登记为已作出决定")
    _take(m, poll, item, res)
    m.status = MATTER.step("reject").dst
    m.save()
    audit.record("supervision.matter_reject", m, by=by, after={"status": m.status, "poll": poll.pk})
    return m


@transaction.atomic
def track(m: Matter, *, unit: Unit, on: date | None = None, by) -> Matter:
    """Hand the decision to the unit that carries it out: a report deadline (policy `matter_report_months`)
    and a tracked follow-up in the same deadline engine."""
    m = Matter.objects.select_for_update().get(pk=m.pk)
    step = MATTER.require(m, "track", by)
    permissions.require_staff(by, "交付执行重大事项决定")
    on = on or timezone.localdate()
    pol = policy.resolve(SupervisionPolicy, m.body)
    m.unit = unit
    deadlines.set_due(
        m,
        "report_due",
        start=on,
        amount=pol.matter_report_months,
        unit="months",
        cite="domain.md §5.1 监督法第十七条：决定执行情况报告",
    )
    m.status = step.dst
    m.save()
    followups.start(
        m,
        body=m.body,
        unit=unit,
        origin="重大事项决定执行",
        title=f"执行《{m.title}》的决定",
        detail=m.decision,
        months=pol.matter_report_months,
        cite="domain.md §5.1 监督法第十七条：跟踪监督",
        on=on,
        by=by,
    )
    audit.record("supervision.matter_track", m, by=by, after={"status": m.status, "unit": unit.pk})
    return m


@transaction.atomic
def report(m: Matter, *, text: str, on: date | None = None, by) -> MatterReport:
    """An implementation report, by the executing unit's users or by staff."""
    m = Matter.objects.select_for_update().get(pk=m.pk)
    MATTER.require(m, "report", by)
    if getattr(by, "unit_id", None) and by.unit_id != m.unit_id:
        raise Refused("not_your_matter", "只有执行单位可以报告执行情况")
    text = (text or "").strip()
    if not text:
        raise Refused("report_required", "请填写执行情况")
    r = MatterReport.objects.create(matter=m, text=text[:5000], reported_on=on or timezone.localdate(), by=by)
    audit.record("supervision.matter_report", m, by=by)
    return r


@transaction.atomic
def close(m: Matter, *, by) -> Matter:
    m = Matter.objects.select_for_update().get(pk=m.pk)
    step = MATTER.require(m, "close", by)
    permissions.require_staff(by, "办结重大事项")
    if not m.reports.exists():
        raise Refused("no_report", "尚无执行情况报告，不能办结")
    m.status = step.dst
    m.save(update_fields=["status"])
    audit.record("supervision.matter_close", m, by=by, after={"status": m.status})
    return m
