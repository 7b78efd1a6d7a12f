"""Match checked rows to the people and seats already in the registry, before anything is written.

Keys, strongest first (docs/deputies.md, "Matching when ID numbers are missing"):
1. the ID number (its keyed hash), anywhere in the registry;
2. the seat: a current mandate of this congress with the same term and card number, or the same term,
   delegation, constituency and name (NULL-safe: "no delegation" equals "no delegation");
3. the fallback key: name + birth date (NULL-safe, with its precision) among this congress's people.
One person never gets two rows of one term, and a row that could be either of two people (or a new one)
is reported for the staff to decide — never guessed. Two rows of one file are two seats unless the file
(one ID number) or the staff say they are one person.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from ...core.models import Body
from .. import dates
from ..choices import CURRENT_STATUSES
from ..models import Constituency, Delegation, Mandate, Person
from . import bulk
from .prepare import Report, Row

NEW, SAME_ROW = "new", "dup"  # decisions besides "p<person id>": a new person; the same as the paired row


@dataclass(slots=True)
class Seat:
    id: int
    person_id: int
    term_id: int
    delegation_id: int | None
    constituency_id: int | None
    card_number: str


@dataclass(slots=True)
class Known:
    id: int
    name: str
    birth: object
    precision: str
    id_hash: str | None
    work_unit: str
    sig: tuple  # what the file says about the person, to pair same-name seats with their own rows
    seats: dict = field(default_factory=dict)  # term id → Seat (current, in this congress)


def _chunks(items, size=None):
    items, size = list(items), size or bulk.in_size()
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Matcher:
    def __init__(self, rows: list[Row], body: Body):
        self.body = body
        self.people: dict[int, Known] = {}
        self.by_name: dict[str, list[Known]] = defaultdict(list)
        self.by_hash: dict[str, int] = {}
        self.used: set[tuple[int, int]] = set()  # (person, term) already given to a row
        self.used_seats: set[int] = set()
        hashes = {r.id_hash for r in rows if r.id_hash}
        for chunk in _chunks(hashes):
            self.by_hash.update(Person.objects.filter(id_hash__in=chunk).values_list("id_hash", "id"))
        fields = ("id", "name", "birth_date", "birth_precision", "id_hash", "work_unit", *_SIG)
        # Candidates by name only for rows the ID number does not settle: a row matched by it takes no
        # other person, and a re-imported roster with ID numbers would otherwise load the whole registry twice.
        for chunk in _chunks({r.name for r in rows if r.id_hash not in self.by_hash}):
            self._load(
                Person.objects.filter(name__in=chunk, mandates__body=body).values_list(*fields).distinct()
            )
        for chunk in _chunks(set(self.by_hash.values()) - set(self.people)):
            self._load(Person.objects.filter(pk__in=chunk).values_list(*fields))
        seat_fields = ("id", "person_id", "term_id", "delegation_id", "constituency_id", "card_number")
        for chunk in _chunks(self.people):
            for values in Mandate.objects.filter(
                person_id__in=chunk, body=body, status__in=CURRENT_STATUSES
            ).values_list(*seat_fields):
                seat = Seat(*values)
                self.people[seat.person_id].seats[seat.term_id] = seat
        self.by_card = {
            (s.term_id, s.card_number): s
            for p in self.people.values()
            for s in p.seats.values()
            if s.card_number
        }

    def _load(self, values) -> None:
        for v in values:
            if v[0] not in self.people:
                self.people[v[0]] = known = Known(*v[:6], sig=tuple(v[6:]))
                self.by_name[known.name].append(known)

    # -- helpers ----------------------------------------------------------------------------------------
    def free(self, p: Known, r: Row) -> bool:
        """May row `r` be person `p`? Never two ID numbers, never a person already given to a row."""
        if (p.id, r.term_id) in self.used or (p.id_hash and r.id_hash and p.id_hash != r.id_hash):
            return False
        return dates.same_known(p.birth, p.precision, r.birth_date, r.birth_precision)

    def take(self, r: Row, p: Known | int, how: str) -> None:
        p = p if isinstance(p, Known) else self.people[p]
        seat = p.seats.get(r.term_id)
        r.person_id, r.mandate_id, r.matched_by = p.id, seat.id if seat else None, how
        self.used.add((p.id, r.term_id))
        if seat:
            self.used_seats.add(seat.id)

    def seat_free(self, p: Known, r: Row) -> Seat | None:
        seat = p.seats.get(r.term_id)
        return seat if seat and seat.id not in self.used_seats else None


def match(rep: Report, body: Body, decisions: dict[int, str]) -> None:
    """Set `person_id` / `mandate_id` on `rep.valid`; move undecided ambiguous rows to `rep.ambiguous` and
    list same-name pairs of the file in `rep.pairs` (two seats unless the staff say one person)."""
    rows = rep.valid
    if not rows:
        return
    m = Matcher(rows, body)
    names = _place_names(body)
    pending: list[tuple[Row, list[Known], str]] = []
    waiting: set[int] = set()  # lines already in `pending`

    def hold(r: Row, fits: list[Known], why: str) -> None:
        pending.append((r, fits, why))
        waiting.add(r.line)

    # 1. ID number.
    for r in rows:
        pid = m.by_hash.get(r.id_hash) if r.id_hash else None
        if pid is not None:
            m.take(r, pid, "身份证号")
    # 2. Card number of a current seat, same name.
    for r in rows:
        if r.person_id is None and r.card_number:
            seat = m.by_card.get((r.term_id, r.card_number))
            p = m.people.get(seat.person_id) if seat else None
            if p and p.name == r.name and seat.id not in m.used_seats and m.free(p, r):
                m.take(r, p, "代表证号")
    # 3. The seat: same term, delegation, constituency and name. Same-name seats of one delegation are
    #    paired with rows that agree on everything first, so a re-imported file maps onto itself.
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if r.person_id is None:
            groups[(r.term_id, r.delegation_id, r.constituency_id, r.name)].append(r)
    for (term_id, deleg, cons, name), group in groups.items():
        seats = [
            p
            for p in m.by_name.get(name, ())
            if (s := p.seats.get(term_id)) and (s.delegation_id, s.constituency_id) == (deleg, cons)
        ]
        for strict in (True, False):
            for r in group:
                if r.person_id is not None or r.line in waiting:
                    continue
                fits = [
                    p for p in seats if m.free(p, r) and m.seat_free(p, r) and (not strict or _same(p, r))
                ]
                if strict:
                    if fits:  # equal in everything the file says: the row changes none of them
                        m.take(r, fits[0], "席位（同届同代表团/选区同名）")
                    continue
                rivals = [
                    o for o in group if o is not r and o.person_id is None and any(m.free(p, o) for p in fits)
                ]
                if len(fits) == 1 and not rivals:
                    m.take(r, fits[0], "席位（同届同代表团/选区同名）")
                elif fits:
                    hold(r, fits, "同一代表团（选区）有同名代表，无法确定对应哪一位")
    # 3b. A file without the delegation or constituency column: the one current seat of that name.
    for r in rows:
        if r.person_id is not None or r.line in waiting or (r.delegation_id and r.constituency_id):
            continue
        fits = [
            p
            for p in m.by_name.get(r.name, ())
            if m.free(p, r)
            and (s := m.seat_free(p, r))
            and r.delegation_id in (None, s.delegation_id)
            and r.constituency_id in (None, s.constituency_id)
            and (s.delegation_id, s.constituency_id) != (r.delegation_id, r.constituency_id)
        ]
        if len(fits) == 1:
            m.take(r, fits[0], "席位（同届同名）")
        elif fits:
            hold(r, fits, "本届有多名同名代表，无法确定是哪一位")
    # 4. Fallback key: name + birth date (NULL-safe) among this congress's people.
    for r in rows:
        if r.person_id is not None or r.line in waiting:
            continue
        fits = [
            p
            for p in m.by_name.get(r.name, ())
            if (p.birth, p.precision if p.birth else "")
            == (r.birth_date, r.birth_precision if r.birth_date else "")
            and m.free(p, r)
            and (r.term_id not in p.seats or m.seat_free(p, r))
        ]
        if len(fits) == 1 and (r.birth_date or r.term_id not in fits[0].seats):
            m.take(r, fits[0], "姓名+出生日期")
        elif fits:
            hold(
                r,
                fits,
                "同名且无出生日期，可能是同一人调整了代表团或选区，也可能是另一人"
                if len(fits) == 1
                else "有多名同名同出生日期的人员",
            )
    # Ambiguous rows: the staff's decision, else reported and left out.
    for r, fits, why in pending:
        options = {f"p{p.id}": p for p in fits if m.free(p, r)}
        choice = decisions.get(f"m{r.line}")
        if choice == NEW:
            r.matched_by = "工作人员确认：新人员"
            continue
        if choice in options:
            m.take(r, options[choice], "工作人员确认：同一人")
            continue
        rep.ambiguous.append(
            {
                "line": r.line,
                "key": f"m{r.line}",
                "name": r.name,
                "reason": why,
                "options": [{"value": k, "label": _label(p, r, names)} for k, p in options.items()]
                + [{"value": NEW, "label": "另一人：新建人员和代表资格"}],
            }
        )
    undecided = {a["line"] for a in rep.ambiguous}
    rep.valid = [r for r in rows if r.line not in undecided]
    _pairs(rep, decisions, names)


_SIG = ("gender", "ethnicity", "party", "education", "occupation", "occupation_category", "work_unit")


def _same(p: Known, r: Row) -> bool:
    """Does the registry hold exactly what the row says about this person?"""
    row_sig = (r.gender, r.ethnicity, r.party, r.education, r.occupation, r.category, r.work_unit)
    return p.sig == row_sig and (p.birth, p.precision if p.birth else "") == (
        r.birth_date,
        r.birth_precision if r.birth_date else "",
    )


def _pairs(rep: Report, decisions: dict[int, str], names: dict) -> None:
    """Same-name rows of one term and delegation/constituency (or one birth date) among the new people:
    two seats by default; the staff may say the later row repeats the earlier one."""
    seen: dict[tuple, list[Row]] = defaultdict(list)
    keep = []
    for r in rep.valid:
        earlier = next(
            (
                o
                for o in seen[(r.term_id, r.name)]
                if (o.person_id is None or r.person_id is None)
                and not (o.id_hash and r.id_hash)
                and dates.same_known(o.birth_date, o.birth_precision, r.birth_date, r.birth_precision)
                and (
                    (o.delegation_id, o.constituency_id) == (r.delegation_id, r.constituency_id)
                    or r.birth_date
                )
            ),
            None,
        )
        seen[(r.term_id, r.name)].append(r)
        if earlier is not None:
            same = decisions.get(f"d{r.line}") == SAME_ROW
            rep.pairs.append(
                {
                    "line": r.line,
                    "key": f"d{r.line}",
                    "other": earlier.line,
                    "name": r.name,
                    "where": _where(r, names),
                    "same": same,
                }
            )
            if same:
                rep.note("工作人员确认为重复行，已略过", f"第{r.line}行（同第{earlier.line}行）")
                continue
        keep.append(r)
    rep.valid = keep


def _place_names(body: Body) -> dict:
    return {
        "d": dict(Delegation.objects.filter(body=body).values_list("id", "name")),
        "c": dict(Constituency.objects.filter(body=body).values_list("id", "name")),
    }


def _where(r: Row | Seat, names: dict) -> str:
    parts = [names["d"].get(r.delegation_id), names["c"].get(r.constituency_id)]
    return "、".join(p for p in parts if p) or "未分代表团和选区"


def _label(p: Known, r: Row, names: dict) -> str:
    seat = p.seats.get(r.term_id)
    bits = [
        dates.partial_text(p.birth, p.precision) or "出生日期未知",
        p.work_unit,
        f"本届现任：{_where(seat, names)}" + (f"，代表证号 {seat.card_number}" if seat.card_number else "")
        if seat
        else "本届尚无代表资格",
    ]
    return f"同一人：{p.name}（" + "；".join(b for b in bits if b) + f"，编号 {p.id}）"
