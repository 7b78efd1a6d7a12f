"""Reports to voters (向选民述职) and the voters' evaluation, counted on the spot (domain.md §3.4)."""

import secrets
from collections.abc import Iterable, Sequence
from datetime import date

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.models import Constituency, Mandate

from .. import permissions
from ..choices import Channel, MeetingStatus, Verdict
from ..models import Evaluation, Invitee, ReportMeeting
from .records import record_automatic, require_in_mandate
from .setup import policy_for


@transaction.atomic
def plan_meeting(
    *,
    body,
    title: str,
    on: date,
    place: str,
    mandates: Iterable[Mandate],
    constituency: Constituency | None = None,
    by,
) -> ReportMeeting:
    """Plan a report meeting for one deputy or a constituency's deputies (organised by the presidium or
    standing committee, Zhejiang Art. 47)."""
    permissions.require_manage(by, body, action="组织述职")
    people = list(mandates)
    if not people:
        raise Refused("meeting_without_deputies", "请选择述职的代表")
    if any(not permissions.can_manage(by, m.body) for m in people):
        raise Refused("deputy_other_body", "只能组织本级或下级代表述职")
    for m in people:
        require_in_mandate(m, on)
    meeting = ReportMeeting.objects.create(
        body=body,
        title=title,
        on=on,
        place=place,
        constituency=constituency,
        min_voters=policy_for(body).report_min_voters,
        token=secrets.token_urlsafe(16),
        created_by=by,
    )
    meeting.mandates.set(people)
    audit.record("duty.plan_report", meeting, by=by, after={"on": str(on), "deputies": len(people)})
    return meeting


def _require_open(meeting: ReportMeeting) -> None:
    if meeting.status == MeetingStatus.PUBLISHED:
        raise Refused("meeting_published", "述职评议结果已公布，不能再修改")


@transaction.atomic
def invite(meeting: ReportMeeting, *, people: Sequence[tuple[str, str]], by) -> int:
    """Invite voter representatives: one (name, village or community) per line."""
    permissions.require_manage(by, meeting.body, action="邀请选民代表")
    _require_open(meeting)
    rows = [
        Invitee(meeting=meeting, name=name.strip()[:40], place=place.strip()[:60])
        for name, place in people
        if name.strip()
    ]
    Invitee.objects.bulk_create(rows)
    audit.record("duty.invite_voters", meeting, by=by, after={"invited": len(rows)})
    return len(rows)


@transaction.atomic
def take_attendance(meeting: ReportMeeting, *, present: Iterable[int], by) -> int:
    """Mark who came; the meeting is held only with at least the policy's number of voter representatives
    (domain.md §3.4: at least 50 for a township deputy)."""
    meeting = ReportMeeting.objects.select_for_update().get(pk=meeting.pk)
    permissions.require_manage(by, meeting.body, action="登记到会")
    _require_open(meeting)
    ids = set(present)
    if meeting.on > timezone.localdate():
        raise Refused("meeting_not_held", "述职会尚未召开")
    if len(ids) < meeting.min_voters:
        raise Refused("too_few_voters", f"到会选民代表不足 {meeting.min_voters} 人，不能开展评议")
    meeting.invitees.update(attended=False)
    n = meeting.invitees.filter(pk__in=ids).update(attended=True)
    if n < meeting.min_voters:
        raise Refused("too_few_voters", f"到会选民代表不足 {meeting.min_voters} 人，不能开展评议")
    meeting.status = MeetingStatus.HELD
    meeting.save(update_fields=["status"])
    audit.record("duty.report_attendance", meeting, by=by, after={"attended": n})
    return n


def _check_room(meeting: ReportMeeting, mandate_id: int, adding: int) -> None:
    attended = meeting.invitees.filter(attended=True).count()
    cast = meeting.evaluations.filter(mandate_id=mandate_id).count()
    if cast + adding > attended:
        raise Refused(
            "votes_exceed_attendance", f"评议票数（{cast + adding}）超过到会选民代表人数（{attended}）"
        )


@transaction.atomic
def enter_paper(meeting: ReportMeeting, *, mandate: Mandate, counts: dict[str, int], by) -> int:
    """Paper ballots counted on the spot: the number of 满意 / 基本满意 / 不满意 for one deputy."""
    meeting = ReportMeeting.objects.select_for_update().get(pk=meeting.pk)
    permissions.require_manage(by, meeting.body, action="录入评议票")
    _require_open(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise Refused("meeting_not_held", "请先登记到会选民代表")
    if not meeting.mandates.filter(pk=mandate.pk).exists():
        raise Refused("not_reporting", "该代表不在本次述职名单中")
    total = sum(counts.get(v, 0) for v in Verdict.values)
    _check_room(meeting, mandate.pk, total)
    Evaluation.objects.bulk_create(
        Evaluation(meeting=meeting, mandate=mandate, verdict=v, channel=Channel.PAPER)
        for v in Verdict.values
        for _ in range(counts.get(v, 0))
    )
    audit.record("duty.enter_paper_ballots", meeting, by=by, after={"mandate": mandate.pk, **counts})
    return total


@transaction.atomic
def vote_by_phone(meeting: ReportMeeting, *, ballot: str, verdicts: dict[int, str]) -> int:
    """A voter at the meeting scans the QR code and rates each deputy once (one ballot per phone)."""
    meeting = ReportMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.HELD:
        raise Refused("voting_closed", "评议尚未开始或已经结束")
    reporting = set(meeting.mandates.values_list("pk", flat=True))
    if not verdicts or set(verdicts) - reporting or set(verdicts.values()) - set(Verdict.values):
        raise Refused("bad_ballot", "请为每位代表选择满意、基本满意或不满意")
    if meeting.evaluations.filter(ballot=ballot).exists():
        raise Refused("already_voted", "您已经评议过了，谢谢参与")
    for mid in verdicts:
        _check_room(meeting, mid, 1)
    Evaluation.objects.bulk_create(
        Evaluation(meeting=meeting, mandate_id=mid, verdict=v, channel=Channel.PHONE, ballot=ballot)
        for mid, v in verdicts.items()
    )
    return len(verdicts)


def tally(meeting: ReportMeeting) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {
        m: {v: 0 for v in Verdict.values} for m in meeting.mandates.values_list("pk", flat=True)
    }
    for mid, verdict, n in (
        meeting.evaluations.values_list("mandate_id", "verdict").annotate(n=Count("id")).order_by()
    ):
        out.setdefault(mid, {v: 0 for v in Verdict.values})[verdict] = n
    return out


@transaction.atomic
def publish_result(meeting: ReportMeeting, *, by) -> ReportMeeting:
    """Announce the result on the spot; each deputy's report enters the ledger and the duty file."""
    meeting = ReportMeeting.objects.select_for_update().get(pk=meeting.pk)
    permissions.require_manage(by, meeting.body, action="公布评议结果")
    _require_open(meeting)
    if meeting.status != MeetingStatus.HELD or not meeting.evaluations.exists():
        raise Refused("nothing_to_publish", "尚无评议票，不能公布结果")
    meeting.status, meeting.published_at = MeetingStatus.PUBLISHED, timezone.now()
    meeting.save(update_fields=["status", "published_at"])
    for mandate in meeting.mandates.all():
        record_automatic(
            mandate, duty_type_code="report_to_voters", on=meeting.on, source=meeting, title=meeting.title
        )
    audit.record("duty.publish_report_result", meeting, by=by, after={"status": meeting.status})
    return meeting
