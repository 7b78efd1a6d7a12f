"""Pass 2 of an import: write the checked and matched rows in bulk (match.py found who is who).

A matched person's record and current seat are updated, so re-importing the same file changes nothing;
a blank in the file never erases a value the registry has.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from ...core.models import Body
from .. import dates, pinyin
from ..choices import ChangeKind, MandateStatus
from ..models import Mandate, MandateChange, Person
from . import bulk
from .prepare import Row

BATCH = bulk.BATCH
_FINER = {dates.YEAR: 0, dates.MONTH: 1, dates.DAY: 2}
_PERSON_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "birth_precision",
    "party",
    "education",
    "occupation",
    "occupation_category",
    "work_unit",
)
_MANDATE_FIELDS = (
    "constituency_id",
    "electing_body_id",
    "delegation_id",
    "group_id",
    "card_number",
    "start_date",
    "re_elected",
)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    persons_created: int = 0


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _person_values(r: Row) -> dict:
    return {
        "name": r.name,
        "gender": r.gender,
        "ethnicity": r.ethnicity,
        "birth_date": r.birth_date,
        "birth_precision": r.birth_precision,
        "party": r.party,
        "education": r.education,
        "occupation": r.occupation,
        "occupation_category": r.category,
        "work_unit": r.work_unit,
    }


def _keep_known(old, new) -> bool:
    """A blank in the file is "not given": it never erases what the registry knows."""
    return new in ("", None) and old not in ("", None)


def _person_diff(p: Person, r: Row) -> dict:
    values = _person_values(r)
    if p.birth_date and (
        r.birth_date is None
        or (
            dates.same_known(p.birth_date, p.birth_precision, r.birth_date, r.birth_precision)
            and _FINER[r.birth_precision] < _FINER[p.birth_precision]
        )
    ):
        del values["birth_date"], values["birth_precision"]  # the file knows less than the registry
    return {k: v for k, v in values.items() if getattr(p, k) != v and not _keep_known(getattr(p, k), v)}


def write(rows: list[Row], *, body: Body) -> Counts:
    """Write checked rows (call inside a transaction). Bulk: one INSERT per batch of new people and seats."""
    counts = Counts()
    for chunk in _chunks(rows, BATCH * 5):
        _write_chunk(chunk, body, counts)
    return counts


def _write_chunk(rows: list[Row], body: Body, counts: Counts) -> None:
    existing: dict[int, Person] = {}
    for chunk in _chunks(list({r.person_id for r in rows if r.person_id}), bulk.in_size()):
        existing.update(Person.objects.in_bulk(chunk))
    seats: dict[int, Mandate] = {}
    for chunk in _chunks([r.mandate_id for r in rows if r.mandate_id], bulk.in_size()):
        seats.update(Mandate.objects.in_bulk(chunk))
    new_people: list[Person] = []
    changed_people: dict[int, Person] = {}
    person_for: dict[int, Person] = {}
    for r in rows:
        p = existing.get(r.person_id) if r.person_id else None
        if p is None:
            p = Person(**_person_values(r), id_number=r.id_number, phone=r.phone, id_hash=r.id_hash)
            p.name_pinyin, p.name_initials = pinyin.keys(p.name)  # fill_derived() without hashing again
            new_people.append(p)
        else:
            diff = _person_diff(p, r)
            if r.id_number and p.id_number != r.id_number:
                diff["id_number"] = r.id_number
            if r.phone and p.phone != r.phone:
                diff["phone"] = r.phone
            if diff:
                for k, v in diff.items():
                    setattr(p, k, v)
                p.fill_derived()
                changed_people[p.pk] = p
        person_for[r.line] = p
    bulk.insert(Person, new_people)
    counts.persons_created += len(new_people)
    if changed_people:
        Person.objects.bulk_update(
            list(changed_people.values()),
            [*_PERSON_FIELDS, "id_number", "id_hash", "phone", "name_pinyin", "name_initials"],
            batch_size=BATCH,
        )

    new_seats: list[Mandate] = []
    new_rows: list[Row] = []
    changed_seats: list[Mandate] = []
    pg_rows: list[tuple[Mandate, tuple]] = []
    for r in rows:
        person = person_for[r.line]
        m = seats.get(r.mandate_id) if r.mandate_id else None
        values = {
            "constituency_id": r.constituency_id,
            "electing_body_id": r.electing_body_id,
            "delegation_id": r.delegation_id,
            "group_id": r.group_id,
            "card_number": r.card_number,
            "start_date": r.start_date,
            "re_elected": r.re_elected,
        }
        if m is None:
            m = Mandate(
                person_id=person.pk,
                body_id=body.pk,
                level=body.level,
                term_id=r.term_id,
                status=MandateStatus.ACTIVE,
                **values,
            )
            new_seats.append(m)
            new_rows.append(r)
            pg_rows.append((m, r.professional_group_ids))
            counts.created += 1
            continue
        diff = {
            k: v
            for k, v in values.items()
            if getattr(m, k) != v and not (k != "re_elected" and _keep_known(getattr(m, k), v))
        }
        if diff or person.pk in changed_people:
            for k, v in diff.items():
                setattr(m, k, v)
            if diff:
                changed_seats.append(m)
            counts.updated += 1
        else:
            counts.unchanged += 1
        if r.professional_group_ids:
            pg_rows.append((m, r.professional_group_ids))
    bulk.insert(Mandate, new_seats)
    new_ids = {m.pk for m in new_seats}
    if changed_seats:
        Mandate.objects.bulk_update(changed_seats, list(_MANDATE_FIELDS), batch_size=BATCH)
    bulk.insert(
        MandateChange,
        [
            MandateChange(
                mandate_id=m.pk,
                kind=ChangeKind.BY_ELECTION if r.by_election else ChangeKind.ELECTED,
                date=r.elected_on,
                reason="批量导入（补选）" if r.by_election else "批量导入",
            )
            for m, r in zip(new_seats, new_rows, strict=True)
        ],
    )
    through = Mandate.professional_groups.through
    old_ids = [m.pk for m, _ in pg_rows if m.pk not in new_ids]
    have: set = set()
    for chunk in _chunks(old_ids, bulk.in_size()):
        have |= set(
            through.objects.filter(mandate_id__in=chunk).values_list("mandate_id", "professionalgroup_id")
        )
    bulk.insert(
        through,
        [
            through(mandate_id=m.pk, professionalgroup_id=g)
            for m, gs in pg_rows
            for g in gs
            if (m.pk, g) not in have
        ],
    )
