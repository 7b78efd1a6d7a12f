"""Changes of mandate (domain.md §3.1): election, by-election, end, suspension, restoration, moves."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused

from .. import workflow
from ..choices import CURRENT_STATUSES, ENDING_KINDS, ChangeKind, MandateStatus
from ..models import Constituency, Mandate, MandateChange, Person, Term
from ..permissions import require_manage


def _today() -> date:
    return timezone.localdate()


def _check_date(mandate: Mandate, on: date) -> None:
    if on > _today():
        raise Refused("change_in_future", "变动生效日期不能晚于今天")
    if on < mandate.start_date:
        raise Refused(
            "change_before_start", f"变动生效日期不能早于任职起始日期（{mandate.start_date:%Y-%m-%d}）"
        )
    last = mandate.changes.order_by("-date").values_list("date", flat=True).first()
    if last and on < last:
        raise Refused("change_before_last", f"变动生效日期不能早于上一次变动（{last:%Y-%m-%d}）")


def _snapshot(m: Mandate) -> dict:
    return {
        "status": m.status,
        "end_date": m.end_date.isoformat() if m.end_date else None,
        "constituency_id": m.constituency_id,
    }


@transaction.atomic
def record_change(
    mandate: Mandate,
    *,
    kind: str,
    on: date,
    reason: str,
    by,
    document: str = "",
    constituency: Constituency | None = None,
) -> MandateChange:
    """Record one change of an existing mandate and apply it. Refuses a change the mandate's state does not
    allow (workflow.py), a date in the future, before the mandate started or before the last change, a
    missing reason, and a move to the same or a foreign constituency."""
    mandate = Mandate.objects.select_for_update().select_related("body").get(pk=mandate.pk)
    if by is not None:
        require_manage(by, mandate.body, action=ChangeKind(kind).label if kind in ChangeKind.values else "")
    dst = workflow.destination(mandate, kind, by)
    reason = (reason or "").strip()
    if not reason:
        raise Refused("change_reason_missing", "请填写变动事由")
    _check_date(mandate, on)
    before = _snapshot(mandate)
    fields = ["status", "updated_at"]
    mandate.status = dst
    if kind in ENDING_KINDS:
        mandate.end_date = on
        fields.append("end_date")
    if kind == ChangeKind.MOVED:
        if constituency is None or constituency.pk == mandate.constituency_id:
            raise Refused("move_needs_new_constituency", "请选择一个不同于当前选区的新选区")
        if constituency.body_id != mandate.body_id:
            raise Refused("move_foreign_constituency", "新选区不属于该代表所在的人民代表大会")
        mandate.constituency = constituency
        fields.append("constituency")
    mandate.save(update_fields=fields)
    change = MandateChange.objects.create(
        mandate=mandate,
        kind=kind,
        date=on,
        reason=reason[:500],
        document=(document or "")[:100],
        by=by,
        before=before,
        after=_snapshot(mandate),
    )
    audit.record(
        f"deputies.mandate.{kind}",
        mandate,
        by=by,
        before=before,
        after={**_snapshot(mandate), "reason": reason},
    )
    return change


def end_mandate(
    mandate: Mandate, *, kind: str = ChangeKind.TERMINATED, on: date, reason: str, by, document: str = ""
) -> Mandate:
    """End a mandate: 辞职、罢免、终止 (e.g. two unapproved absences, 代表法 Art. 62) or 去世."""
    if kind not in ENDING_KINDS:
        raise Refused("change_kind_not_ending", "该变动类型不会终止代表资格")
    record_change(mandate, kind=kind, on=on, reason=reason, by=by, document=document)
    mandate.refresh_from_db()
    return mandate


def suspend_mandate(mandate: Mandate, *, on: date, reason: str, by, document: str = "") -> Mandate:
    record_change(mandate, kind=ChangeKind.SUSPENDED, on=on, reason=reason, by=by, document=document)
    mandate.refresh_from_db()
    return mandate


def restore_mandate(mandate: Mandate, *, on: date, reason: str, by, document: str = "") -> Mandate:
    record_change(mandate, kind=ChangeKind.RESTORED, on=on, reason=reason, by=by, document=document)
    mandate.refresh_from_db()
    return mandate


def move_constituency(mandate: Mandate, *, constituency: Constituency, on: date, reason: str, by) -> Mandate:
    record_change(mandate, kind=ChangeKind.MOVED, on=on, reason=reason, by=by, constituency=constituency)
    mandate.refresh_from_db()
    return mandate


@transaction.atomic
def refuse_closed_orgs(*, delegation=None, group=None) -> None:
    """A closed delegation or deputy group takes no new seat (it stays on the seats that already name it)."""
    for obj, label in ((delegation, "代表团"), (group, "代表小组")):
        if obj is not None and obj.closed:
            raise Refused("org_closed", f"{label}“{obj.name}”已停用，不能再安排代表")


def elect(
    person: Person,
    *,
    term: Term,
    on: date,
    by,
    kind: str = ChangeKind.ELECTED,
    reason: str = "",
    constituency: Constituency | None = None,
    **fields,
) -> Mandate:
    """Give `person` a seat in `term`'s congress (当选 or 补选). Refuses a second current seat in the same
    congress and term, a date outside the term, and a birth date after the election."""
    body = term.body
    if by is not None:
        require_manage(by, body, action="登记当选")
    if kind not in (ChangeKind.ELECTED, ChangeKind.BY_ELECTION):
        raise Refused("change_kind_not_starting", "只有“当选”或“补选”会产生新的代表资格")
    problem = term.election_problem(on, by_election=kind == ChangeKind.BY_ELECTION)
    if problem:
        raise Refused("elected_outside_term", problem)
    if person.birth_date and person.birth_date >= on:
        raise Refused("born_after_elected", "出生日期晚于当选日期")
    if constituency is not None and constituency.body_id != body.pk:
        raise Refused("constituency_foreign", "选区不属于该人民代表大会")
    refuse_closed_orgs(delegation=fields.get("delegation"), group=fields.get("group"))
    electing = fields.get("electing_body")
    if electing is not None and (electing.pk == body.pk or not electing.is_within(body)):
        raise Refused("electing_body_not_below", "选举单位应为该人民代表大会的下级人民代表大会")
    if Mandate.objects.filter(person=person, body=body, term=term, status__in=CURRENT_STATUSES).exists():
        raise Refused("mandate_exists", f"{person.name}已是{body}{term}的代表")
    mandate = Mandate(
        person=person,
        body=body,
        level=body.level,
        term=term,
        constituency=constituency,
        start_date=term.seat_start(on),
        status=MandateStatus.ACTIVE,
        **fields,
    )
    try:
        with transaction.atomic():
            mandate.save()
    except IntegrityError as exc:
        raise Refused("mandate_conflict", "代表证号重复或该代表已有本届代表资格") from exc
    MandateChange.objects.create(
        mandate=mandate,
        kind=kind,
        date=on,
        reason=(reason or ChangeKind(kind).label)[:500],
        by=by,
        after=_snapshot(mandate),
    )
    audit.record(f"deputies.mandate.{kind}", mandate, by=by, after=_snapshot(mandate))
    return mandate
