"""Writes to the one ledger: automatic records, organised activities with bulk attendance, self-declaration
and its review (domain.md §3.1 Zhejiang Art. 47; §3.3 申报审核制)."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.deputies.choices import CURRENT_STATUSES
from renda.deputies.models import Mandate

from .. import permissions, workflow
from ..choices import LeaveStatus, Outcome, Review, Source
from ..models import Activity, DutyRecord, DutyType, LeaveRequest, TypePoints
from . import evidence, setup


def points_for(duty_type: DutyType, outcome: str, year: int, *, half_days: int = 1) -> Decimal:
    """What the body's rule set for `year` gives one record (domain.md §3.3)."""
    rs = setup.ruleset_for(duty_type.body, year)
    if outcome == Outcome.ABSENT:
        return rs.absence_points
    if outcome == Outcome.LEAVE:
        # Jiangbei: each half day of leave from the congress session costs a point; other leave costs nothing.
        return rs.leave_points * half_days if duty_type.is_session else Decimal(0)
    tp = TypePoints.objects.filter(ruleset=rs, duty_type=duty_type).first()
    return tp.points if tp else duty_type.default_points


def require_in_mandate(mandate: Mandate, on: date) -> None:
    if not mandate.held_on(on):
        end = f"至{mandate.end_date:%Y-%m-%d}" if mandate.end_date else "起"
        raise Refused(
            "date_outside_mandate", f"{on:%Y-%m-%d} 不在该代表的任期内（{mandate.start_date:%Y-%m-%d}{end}）"
        )


def _source_key(source) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(source), str(source.pk)


@transaction.atomic
def record_automatic(mandate: Mandate, *, duty_type_code: str, on: date, source, title: str) -> DutyRecord:
    """A record from another module (a suggestion accepted, a reception day served, a report meeting).
    Idempotent per source object and mandate; refuses a date outside the mandate."""
    source_type, source_id = _source_key(source)
    existing = DutyRecord.objects.filter(
        mandate=mandate, source_type=source_type, source_id=source_id
    ).first()
    if existing is not None:
        return existing
    require_in_mandate(mandate, on)
    dtype = setup.duty_type(mandate.body, duty_type_code)
    rec = DutyRecord.objects.create(
        mandate=mandate,
        body_id=mandate.body_id,
        duty_type=dtype,
        on=on,
        title=title[:200],
        source=Source.AUTOMATIC,
        source_type=source_type,
        source_id=source_id,
        points=points_for(dtype, Outcome.ATTENDED, on.year),
    )
    audit.record(
        "duty.record_automatic",
        rec,
        after={"type": dtype.code, "on": str(on), "source": source._meta.label_lower},
    )
    return rec


@transaction.atomic
def create_activity(
    *,
    body,
    duty_type: DutyType,
    title: str,
    start: date,
    end: date | None = None,
    location: str = "",
    convener: str = "",
    participants: Iterable[Mandate],
    by,
) -> Activity:
    """An organised activity and who is expected at it; attendance is entered once it has taken place."""
    permissions.require_manage(by, body, action="组织活动")
    end = end or start
    if end < start:
        raise Refused("activity_end_before_start", "结束日期不能早于开始日期")
    if duty_type.body_id != body.pk:
        raise Refused("duty_type_other_body", "履职类型不属于该人大机关")
    people = list(participants)
    if not people:
        raise Refused("activity_without_participants", "请选择应参加的代表")
    if any(m.body_id != body.pk for m in people):
        raise Refused("participant_other_body", "应参加代表须为本级代表")
    act = Activity.objects.create(
        body=body,
        duty_type=duty_type,
        title=title,
        start=start,
        end=end,
        location=location,
        convener=convener,
        created_by=by,
    )
    act.participants.set(people)
    audit.record(
        "duty.create_activity",
        act,
        by=by,
        after={"title": title, "start": str(start), "participants": len(people)},
    )
    return act


@transaction.atomic
def change_participants(
    activity: Activity, *, add: Iterable[Mandate] = (), remove: Iterable[Mandate] = ()
) -> None:
    """Who is expected at an activity, changed before its attendance is taken — a 列席 deputy called or
    withdrawn, an attendee removed from a meeting. Once attendance is taken the list is the record and stays.
    The caller checks who may do it and audits it (the meeting's own action)."""
    if activity.attendance_taken:
        return
    add, remove = list(add), list(remove)
    if any(m.body_id != activity.body_id for m in add):
        raise Refused("participant_other_body", "应参加代表须为本级代表")
    if add:
        activity.participants.add(*add)
    if remove:
        activity.participants.remove(*remove)


@transaction.atomic
def record_attendance(activity: Activity, *, present: Iterable[int], by) -> dict[str, int]:
    """Bulk attendance: present → attended; approved leave → leave; everyone else expected → absent without
    approved leave. Refuses a second entry (duplicate registration) and a date outside a mandate."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    permissions.require_manage(by, activity.body, action="登记考勤")
    if activity.attendance_taken or DutyRecord.objects.filter(activity=activity).exists():
        raise Refused("attendance_already_recorded", "该活动已登记考勤，不能重复登记")
    if activity.start > timezone.localdate():
        raise Refused("activity_not_held", "活动尚未举行，不能登记考勤")
    present_ids = set(present)
    mandates = list(activity.participants.select_related("person"))
    unknown = present_ids - {m.pk for m in mandates}
    if unknown:
        raise Refused("present_not_participant", "出席名单中有不属于本活动的代表")
    on_leave = dict(
        LeaveRequest.objects.filter(activity=activity, status=LeaveStatus.APPROVED).values_list(
            "mandate_id", "half_days"
        )
    )
    dtype = activity.duty_type
    points = {o: points_for(dtype, o, activity.start.year) for o in Outcome.values}
    rows, counts = [], {o: 0 for o in Outcome.values}
    for m in mandates:
        outcome = (
            Outcome.ATTENDED if m.pk in present_ids else Outcome.LEAVE if m.pk in on_leave else Outcome.ABSENT
        )
        if outcome == Outcome.ATTENDED:
            require_in_mandate(m, activity.start)
        elif not m.held_on(activity.start):
            continue  # not a deputy that day: neither present nor absent
        counts[outcome] += 1
        half_days = on_leave.get(m.pk, 1) if outcome == Outcome.LEAVE else 1
        rows.append(
            DutyRecord(
                mandate=m,
                body_id=m.body_id,
                duty_type=dtype,
                on=activity.start,
                year=activity.start.year,
                title=activity.title,
                source=Source.ACTIVITY,
                activity=activity,
                outcome=outcome,
                points=points[outcome] * half_days,
                half_days=half_days,
                created_by=by,
            )
        )
    DutyRecord.objects.bulk_create(rows)
    activity.attendance_taken = True
    activity.save(update_fields=["attendance_taken"])
    audit.record("duty.record_attendance", activity, by=by, after=counts)
    if dtype.is_session and counts[Outcome.ABSENT]:
        from .triggers import check_art62

        for m in mandates:
            if m.pk not in present_ids and m.pk not in on_leave:
                check_art62(m)
    return counts


@transaction.atomic
def declare(
    mandate: Mandate,
    *,
    duty_type: DutyType,
    on: date,
    title: str,
    note: str = "",
    evidence_file=None,
    evidence_text: str = "",
    by,
) -> DutyRecord:
    """Self-declaration with evidence (申报审核制): waits for staff review before it counts."""
    permissions.require_own(by, mandate, action="申报履职")
    if mandate.status not in CURRENT_STATUSES:
        raise Refused("mandate_not_current", "代表资格已终止，不能申报")
    if duty_type.body_id != mandate.body_id or not duty_type.declarable or not duty_type.active:
        raise Refused("type_not_declarable", "该履职类型不能由代表自行申报")
    if on > timezone.localdate():
        raise Refused("date_in_future", "履职日期不能晚于今天")
    require_in_mandate(mandate, on)
    if not (evidence_file or evidence_text.strip()):
        raise Refused("evidence_required", "请上传照片、文档或填写佐证说明")
    if (
        DutyRecord.objects.filter(mandate=mandate, duty_type=duty_type, on=on, title=title.strip())
        .exclude(status=Review.REJECTED)
        .exists()
    ):
        raise Refused("duplicate_registration", "同一事项已经登记过，不能重复登记")
    if evidence_file is not None:
        kind = evidence.check(evidence_file, max_mb=setup.policy_for(mandate.body).evidence_max_mb)
    rec = DutyRecord(
        mandate=mandate,
        body_id=mandate.body_id,
        duty_type=duty_type,
        on=on,
        title=title.strip(),
        note=note,
        source=Source.DECLARED,
        status=Review.PENDING,
        evidence_text=evidence_text,
        points=points_for(duty_type, Outcome.ATTENDED, on.year),
        created_by=by,
    )
    if evidence_file is not None:
        rec.evidence.save(
            evidence.stored_name(evidence_file.name, kind),
            evidence.without_location(evidence_file, kind),
            save=False,
        )
    rec.save()
    audit.record("duty.declare", rec, by=by, after={"type": duty_type.code, "on": str(on)})
    return rec


@transaction.atomic
def review(record: DutyRecord, *, action: str, reason: str = "", by) -> DutyRecord:
    """Staff approve a declaration, or reject it with a reason (domain.md §3.3 申报审核制)."""
    record = DutyRecord.objects.select_for_update().get(pk=record.pk)
    permissions.require_manage(by, record.body, action="审核申报")
    if record.source != Source.DECLARED:
        raise Refused("not_a_declaration", "只有代表申报的记录需要审核")
    step = workflow.DECLARATION.require(record, action, by)
    if action == "reject" and not reason.strip():
        raise Refused("reject_needs_reason", "退回时请填写理由")
    before = audit.snapshot(record, ["status"])
    record.status = step.dst
    record.reject_reason = reason.strip() if action == "reject" else ""
    record.reviewed_by, record.reviewed_at = by, timezone.now()
    record.save(update_fields=["status", "reject_reason", "reviewed_by", "reviewed_at"])
    audit.record(
        f"duty.{action}", record, by=by, before=before, after={"status": record.status, "reason": reason}
    )
    if action == "reject":
        _tell_deputy(
            record.mandate,
            title=f"履职申报被退回：{record.title}",
            body=f"退回理由：{record.reject_reason}",
            key=f"duties:reject:{record.pk}:{int(record.reviewed_at.timestamp())}",
        )
    return record


def approve_many(records, *, by) -> int:
    """Bulk approval of the rows a reviewer ticked: each through `review`, all or nothing (a refusal of one,
    e.g. a row approved meanwhile or out of scope, changes none)."""
    with transaction.atomic():
        for record in records:
            review(record, action="approve", by=by)
    return len(records)


def _tell_deputy(mandate: Mandate, *, title: str, body: str, key: str) -> None:
    """Inbox message to the deputy's account, after commit (a rolled-back decision sends nothing)."""
    user_id = mandate.person.user_id
    if user_id is None:
        return

    def send() -> None:
        from renda.core.models import User
        from renda.notify import services as notify

        notify.send(
            User.objects.get(pk=user_id),
            title=title[:200],
            body=body,
            url="/work/duties/mine/",
            dedupe_key=key[:120],
        )

    transaction.on_commit(send)


@transaction.atomic
def resubmit(record: DutyRecord, *, evidence_text: str, by) -> DutyRecord:
    record = DutyRecord.objects.select_for_update().get(pk=record.pk)
    permissions.require_own(by, record.mandate, action="重新申报")
    step = workflow.DECLARATION.require(record, "resubmit", by)
    record.status, record.evidence_text = step.dst, evidence_text or record.evidence_text
    record.save(update_fields=["status", "evidence_text"])
    audit.record("duty.resubmit", record, by=by, after={"status": record.status})
    return record


@transaction.atomic
def add_award(mandate: Mandate, *, on: date, title: str, issuer: str, by):
    """Section 8 of the duty file: a commendation, entered by staff."""
    from ..models import Award

    permissions.require_manage(by, mandate.body, action="登记表彰奖励")
    require_in_mandate(mandate, on)
    award = Award.objects.create(
        mandate=mandate, on=on, title=title.strip(), issuer=issuer.strip(), created_by=by
    )
    audit.record("duty.add_award", award, by=by, after={"title": award.title, "on": str(on)})
    return award
