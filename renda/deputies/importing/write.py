"""Pass 2 of an import: write the checked rows in bulk, matching people already in the registry.

A person is matched by ID number (its keyed hash), else by name + birth date among this congress's deputies;
their current seat in the same congress and term is updated, so re-importing the same file changes nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from ...core.models import Body
from .. import pinyin
from ..choices import CURRENT_STATUSES, ChangeKind, MandateStatus
from ..models import Mandate, MandateChange, Person
from . import bulk
from .prepare import Row

BATCH = bulk.BATCH
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


def _find_people(rows: list[Row], body: Body) -> dict[int, Person]:
    """line → existing person, by ID hash, else by name + birth date among this body's deputies."""
    found: dict[int, Person] = {}
    with_id = [r for r in rows if r.id_hash]
    for chunk in _chunks(with_id, 500):
        by_hash = {p.id_hash: p for p in Person.objects.filter(id_hash__in=[r.id_hash for r in chunk])}
        found.update({r.line: by_hash[r.id_hash] for r in chunk if r.id_hash in by_hash})
    rest = [r for r in rows if r.line not in found]
    candidates: dict[tuple, tuple[int, str | None]] = {}
    # Rows with an ID can only match a person recorded without one; rows without an ID match anyone.
    # Filtering on both keys keeps this a small indexed lookup however big the registry grows.
    for with_id in (True, False):
        part = [r for r in rest if bool(r.id_hash) == with_id]
        for chunk in _chunks(part, 500):
            qs = Person.objects.filter(
                name__in={r.name for r in chunk},
                birth_date__in={r.birth_date for r in chunk},
                mandates__body=body,
            )
            if with_id:
                qs = qs.filter(id_hash__isnull=True)
            for pk, name, birth, id_hash in qs.values_list("pk", "name", "birth_date", "id_hash").distinct():
                candidates[(name, birth)] = (pk, id_hash)
    matched: dict[int, int] = {}
    for r in rest:
        hit = candidates.get((r.name, r.birth_date))
        # Never merge two different ID numbers: a match by name is only for a person without one.
        if hit is not None and (not hit[1] or not r.id_hash or hit[1] == r.id_hash):
            matched[r.line] = hit[0]
    people = {}
    for chunk in _chunks(list(set(matched.values())), 500):
        people.update(Person.objects.in_bulk(chunk))
    found.update({line: people[pk] for line, pk in matched.items()})
    return found


def write(rows: list[Row], *, body: Body) -> Counts:
    """Write checked rows (call inside a transaction). Bulk: one INSERT per batch of new people and seats."""
    counts = Counts()
    for chunk in _chunks(rows, BATCH * 5):
        _write_chunk(chunk, body, counts)
    return counts


def _write_chunk(rows: list[Row], body: Body, counts: Counts) -> None:
    existing = _find_people(rows, body)
    new_people: list[Person] = []
    changed_people: dict[int, Person] = {}
    person_for: dict[int, Person] = {}
    for r in rows:
        p = existing.get(r.line)
        if p is None:
            p = Person(**_person_values(r), id_number=r.id_number, phone=r.phone, id_hash=r.id_hash)
            p.name_pinyin, p.name_initials = pinyin.keys(
                p.name
            )  # fill_derived() without hashing the ID again
            new_people.append(p)
        else:
            values = _person_values(r)
            diff = {k: v for k, v in values.items() if getattr(p, k) != v}
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

    matched_ids = [p.pk for line, p in person_for.items() if line in existing]
    seats: dict[tuple, Mandate] = {}
    for chunk in _chunks(matched_ids, 500):
        for m in Mandate.objects.filter(Q(person_id__in=chunk), body=body, status__in=CURRENT_STATUSES):
            seats[(m.person_id, m.term_id)] = m
    new_seats: list[Mandate] = []
    new_rows: list[Row] = []
    changed_seats: list[Mandate] = []
    pg_rows: list[tuple[Mandate, tuple]] = []
    for r in rows:
        person = person_for[r.line]
        m = seats.get((person.pk, r.term_id))
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
        diff = {k: v for k, v in values.items() if getattr(m, k) != v}
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
    for chunk in _chunks(old_ids, 500):
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
