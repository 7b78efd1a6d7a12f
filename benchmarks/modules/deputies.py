"""Deputies data: terms, constituencies, delegations, groups, stations, persons (with accounts), mandates
and their changes, at every level of the body tree from `core`.

Seats: 800 in a province congress, 500 in a city's, 250 in a county's (fewer at tiny scale); the rest
of the scale's deputies sit in the township congresses (街道 have none, as in the demo). 22 % of county
seats are held by a person who also holds a township seat (dual mandates, as in the demo). ID and
phone numbers go through the model's own encrypted field, so the data reads back like real rows.
The bare API view and the home page's raw counts are in `deputies_api.py`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from benchmarks import fake
from benchmarks.registry import generator
from renda.core import crypto
from renda.core.models import BodyKind, Level, User
from renda.core.roles import Role
from renda.deputies import pinyin
from renda.deputies.choices import (
    ChangeKind,
    Education,
    Gender,
    MandateStatus,
    OccupationCategory,
    Party,
    StationKind,
)
from renda.deputies.demo_places import COUNTY_PROFESSIONAL_GROUPS, OCCUPATIONS
from renda.deputies.models import (
    Constituency,
    Delegation,
    DeputyGroup,
    Mandate,
    MandateChange,
    Person,
    ProfessionalGroup,
    Station,
    Term,
)
from renda.deputies.validation import id_check_digit

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SEATS = {Level.PROVINCE: 800, Level.CITY: 500, Level.COUNTY: 250}
TERMS = {
    Level.PROVINCE: (14, date(2023, 1, 15)),
    Level.CITY: (16, date(2022, 1, 10)),
    Level.COUNTY: (18, date(2021, 10, 20)),
    Level.TOWNSHIP: (18, date(2021, 9, 28)),
}
TERM_END = date(2026, 12, 31)
PARTIES = (
    (Party.CPC,) * 62
    + (Party.MASSES,) * 28
    + (Party.NON_PARTY,) * 4
    + (Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.JS)
)
EDUCATION = (
    (Education.MASTER,) * 8
    + (Education.BACHELOR,) * 40
    + (Education.COLLEGE,) * 25
    + (Education.SECONDARY,) * 20
    + (Education.JUNIOR,) * 7
)
PERSON_FIELDS = (
    "id",
    "name",
    "name_pinyin",
    "name_initials",
    "gender",
    "ethnicity",
    "birth_date",
    "party",
    "education",
    "occupation",
    "occupation_category",
    "work_unit",
    "photo",
    "bio",
    "id_number",
    "id_hash",
    "phone",
    "user_id",
    "created_at",
    "updated_at",
    "birth_precision",  # every generated birth date is a whole day
)
MANDATE_FIELDS = (
    "id",
    "person_id",
    "body_id",
    "level",
    "term_id",
    "constituency_id",
    "electing_body_id",
    "delegation_id",
    "group_id",
    "card_number",
    "status",
    "start_date",
    "end_date",
    "re_elected",
    "created_at",
    "updated_at",
)


class _Rows:
    """Rows per model, written in one go at the end (parents first)."""

    def __init__(self, db) -> None:
        self.db = db
        self.rows: dict[type, list[tuple]] = {}

    def add(self, model, row: tuple) -> int:
        (pk,) = self.db.ids(model, 1)
        self.rows.setdefault(model, []).append((pk, *row))
        return pk


class _People:
    def __init__(self, rng, rows: _Rows) -> None:
        self.rng, self.rows = rng, rows
        self.seen: set[str] = set()
        self.persons: list[tuple] = []  # (person id, body id of the lowest mandate)
        self.weights = [w for _, w, _ in OCCUPATIONS]

    def make(self, region: str, town: str, county: str, body_id: int) -> int:
        rng = self.rng
        male = rng.random() > 0.3
        surname, given = rng.choice(fake.SURNAMES), rng.choice(fake._GIVEN_POOL)
        name = surname + given
        sp, si = pinyin.keys(surname)
        gp, gi = pinyin.keys(given)
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 36 * 365))
        category, _w, options = rng.choices(OCCUPATIONS, weights=self.weights)[0]
        occupation, pattern = rng.choice(options)
        party = Party.CPC if category == OccupationCategory.OFFICIAL else rng.choice(PARTIES)
        while True:
            first17 = f"{region[:6]:0<6}{birth:%Y%m%d}{rng.randrange(0, 500) * 2 + male:03d}"
            number = first17 + id_check_digit(first17)
            if number not in self.seen:
                self.seen.add(number)
                break
        pk = self.rows.add(
            Person,
            (
                name,
                sp + gp,
                si + gi,
                Gender.MALE if male else Gender.FEMALE,
                "汉族" if rng.random() > 0.03 else rng.choice(("回族", "畲族", "苗族", "满族")),
                birth,
                party,
                rng.choice(EDUCATION),
                occupation,
                category,
                pattern.format(t=town, p=town[:2], c=county)[:120],
                "",
                "",
                number,
                crypto.lookup_hash(number),
                fake.mobile(rng),
                None,
                NOW,
                NOW,
            ),
        )
        self.persons.append((pk, body_id))
        return pk


@generator(
    20,
    "代表名册（届次、选区、代表团、小组、联络站、代表、代表资格）",
    tables=("deputies_person", "deputies_mandate", "deputies_mandatechange", "deputies_station"),
)
def fill(scale, rng, db) -> None:
    bodies = db.state["bodies"]
    children: dict[int | None, list] = {}
    for b in bodies:
        children.setdefault(b.parent_id, []).append(b)
    congresses = list(db.state["congresses"])
    townships = db.state["townships"]
    presidiums = [t for t in townships if t.kind == BodyKind.PRESIDIUM]
    keepers = {body_id: pk for pk, role, body_id in db.state["users"] if role == Role.STATION_KEEPER}
    upper = sum(SEATS[c.level] for c in congresses)
    shrink = min(1.0, 0.4 * scale.deputies / upper)  # tiny scales keep the township share
    seats = {c.id: max(6, int(SEATS[c.level] * shrink)) for c in congresses}
    per_town = max(6, (scale.deputies - sum(seats.values())) // max(1, len(presidiums)))

    rows = _Rows(db)
    people = _People(rng, rows)
    terms = {}
    for b in [*congresses, *presidiums]:
        number, start = TERMS[b.level]
        terms[b.id] = rows.add(Term, (b.id, number, start, TERM_END))
    mandates: list[tuple] = []  # (mandate id, body id, township id or None, start date)

    def mandate(
        person: int, body, *, constituency=None, electing=None, delegation=None, group=None, town=None
    ):
        number, start = TERMS[body.level]
        status, end = MandateStatus.ACTIVE, None
        roll = rng.random()
        if roll < 0.02:
            status, end = MandateStatus.ENDED, start + timedelta(days=rng.randrange(200, 1500))
        elif roll < 0.025:
            status = MandateStatus.SUSPENDED
        pk = rows.add(
            Mandate,
            (
                person,
                body.id,
                body.level,
                terms[body.id],
                constituency,
                electing,
                delegation,
                group,
                f"{body.id}-{number}-{len(mandates) + 1:06d}",
                status,
                start,
                end,
                rng.random() < 0.3,
                NOW,
                NOW,
            ),
        )
        mandates.append((pk, body.id, town, start, status, end))
        return pk

    for congress in congresses:
        place = congress.name.removesuffix("人民代表大会")
        kids = [c for c in children.get(congress.id, []) if c.kind == BodyKind.CONGRESS]
        prof = [rows.add(ProfessionalGroup, (congress.id, n)) for n in COUNTY_PROFESSIONAL_GROUPS]
        if congress.level != Level.COUNTY:
            # Elected by the congresses below (选举单位), seated in one delegation per electing congress.
            for k, kid in enumerate(kids):
                short = kid.name.removesuffix("人民代表大会")
                dele = rows.add(Delegation, (congress.id, f"{short}代表团"))
                group = rows.add(DeputyGroup, (congress.id, f"{short}代表小组", dele))
                n = seats[congress.id] // len(kids) + (k < seats[congress.id] % len(kids))
                for _ in range(n):
                    p = people.make(kid.region_code, short, short, congress.id)
                    m = mandate(p, congress, electing=kid.id, delegation=dele, group=group)
                    if rng.random() < 0.5:
                        rows.rows.setdefault("prof", []).append((m, rng.choice(prof)))
            continue
        towns = [t for t in children.get(congress.id, []) if t.level == Level.TOWNSHIP]
        for k, town in enumerate(towns):
            short = town.region_name.removeprefix(congress.region_name) or town.name[:3]
            dele = rows.add(Delegation, (congress.id, f"{short}代表团"))
            group = rows.add(DeputyGroup, (congress.id, f"{place}人大代表{short}小组", dele))
            n = seats[congress.id] // len(towns) + (k < seats[congress.id] % len(towns))
            dual: list[int] = []
            for c in range(0, n, 5):
                con = rows.add(
                    Constituency,
                    (congress.id, f"{short}第{c // 5 + 1}选区", town.id, f"{short}社区", min(5, n - c)),
                )
                for _ in range(min(5, n - c)):
                    p = people.make(town.region_code, short, place, town.id)
                    m = mandate(p, congress, constituency=con, delegation=dele, group=group, town=town.id)
                    if rng.random() < 0.5:
                        rows.rows.setdefault("prof", []).append((m, rng.choice(prof)))
                    if rng.random() < 0.22:
                        dual.append(p)
            if town.kind != BodyKind.PRESIDIUM:
                continue
            groups = [
                rows.add(DeputyGroup, (town.id, f"第{g + 1}代表小组", None))
                for g in range(max(1, per_town // 25))
            ]
            for c in range(0, per_town, 10):
                con = rows.add(
                    Constituency,
                    (
                        town.id,
                        f"{short}第{c // 10 + 1}选区",
                        town.id,
                        f"{short}第{c // 10 + 1}村",
                        min(10, per_town - c),
                    ),
                )
                for s in range(min(10, per_town - c)):
                    p = dual.pop() if dual else people.make(town.region_code, short, place, town.id)
                    mandate(
                        p, town, constituency=con, group=groups[(c // 10 + s) % len(groups)], town=town.id
                    )

    users = _accounts(db, people.persons)
    persons = [(*row[:-3], users.get(row[0]), *row[-2:], "day") for row in rows.rows.pop(Person)]
    db.write(Person, PERSON_FIELDS, persons)
    db.write(Term, ("id", "body_id", "number", "start_date", "end_date"), rows.rows.pop(Term))
    db.write(ProfessionalGroup, ("id", "body_id", "name"), rows.rows.pop(ProfessionalGroup))
    db.write(Delegation, ("id", "body_id", "name"), rows.rows.pop(Delegation))
    db.write(DeputyGroup, ("id", "body_id", "name", "delegation_id"), rows.rows.pop(DeputyGroup))
    db.write(
        Constituency, ("id", "body_id", "name", "township_id", "places", "seats"), rows.rows.pop(Constituency)
    )
    db.write(Mandate, MANDATE_FIELDS, rows.rows.pop(Mandate))
    through = Mandate.professional_groups.through
    db.write(through, ("mandate_id", "professionalgroup_id"), rows.rows.pop("prof", []))
    _changes(db, mandates)
    _stations(rng, db, congresses, townships, keepers, mandates)
    db.state["mandates"] = [(m[0], m[1]) for m in mandates]


def _accounts(db, persons: list[tuple]) -> dict[int, int]:
    """A deputy account per person (role deputy, in the body of their lowest seat); one password hash for all."""
    from benchmarks.modules.core import NOW as JOINED
    from benchmarks.modules.core import USER_FIELDS

    password = db.state.get("password_hash") or _hash()
    ids = db.ids(User, len(persons))
    out = {}
    rows = []
    for uid, (pid, body_id) in zip(ids, persons, strict=True):
        out[pid] = uid
        rows.append(
            (
                uid,
                password,
                False,
                f"d{pid}",
                "",
                "",
                "",
                False,
                True,
                JOINED,
                "",
                Role.DEPUTY,
                body_id,
                None,
                "",
                False,
            )
        )
    db.write(User, USER_FIELDS, rows)
    return out


def _hash() -> str:
    from django.contrib.auth.hashers import make_password

    from benchmarks.modules.core import BENCH_PASSWORD

    return make_password(BENCH_PASSWORD)


def _changes(db, mandates) -> None:
    """An "elected" change per mandate (the roster on a past date is derived from them) and the endings."""
    rows = []
    ids = iter(
        db.ids(MandateChange, len(mandates) + sum(1 for m in mandates if m[4] != MandateStatus.ACTIVE))
    )
    for pk, _body, _town, start, status, end in mandates:
        rows.append(
            (next(ids), pk, ChangeKind.ELECTED, start, "选举产生", "", None, NOW, {}, {"status": "active"})
        )
        if status == MandateStatus.ENDED:
            rows.append(
                (
                    next(ids),
                    pk,
                    ChangeKind.RESIGNED,
                    end,
                    "本人书面提出辞职",
                    "",
                    None,
                    NOW,
                    {"status": "active"},
                    {"status": "ended"},
                )
            )
        elif status == MandateStatus.SUSPENDED:
            rows.append(
                (
                    next(ids),
                    pk,
                    ChangeKind.SUSPENDED,
                    date(2025, 9, 1),
                    "因涉嫌违法被采取强制措施",
                    "",
                    None,
                    NOW,
                    {"status": "active"},
                    {"status": "suspended"},
                )
            )
    db.write(
        MandateChange,
        ("id", "mandate_id", "kind", "date", "reason", "document", "by_id", "at", "before", "after"),
        rows,
    )


def _stations(rng, db, congresses, townships, keepers, mandates) -> None:
    """A liaison station per township (its keeper from core) and a 代表之家 per county; every township's
    deputies, and the county deputies elected there, are its members."""
    rows, station_of = [], {}
    ids = iter(db.ids(Station, len(townships) + len(congresses)))
    for t in townships:
        pk = next(ids)
        station_of[t.id] = pk
        rows.append(
            (
                pk,
                t.id,
                f"{t.region_name[-6:]}人大代表联络站",
                StationKind.STATION,
                fake.address(rng, t.region_name[-4:]),
                "每月15日上午为选民接待日",
                fake.mobile(rng),
                keepers.get(t.id),
                True,
            )
        )
    for c in congresses:
        rows.append(
            (
                next(ids),
                c.id,
                f"{c.name.removesuffix('人民代表大会')}人大代表之家",
                StationKind.HOUSE,
                fake.address(rng, c.region_name[-4:]),
                "工作日8:30–17:30",
                fake.mobile(rng),
                None,
                True,
            )
        )
    db.write(
        Station,
        ("id", "body_id", "name", "kind", "address", "opening_hours", "phone", "keeper_id", "active"),
        rows,
    )
    members = [(station_of[town], pk) for pk, _body, town, *_ in mandates if town in station_of]
    db.write(Station.members.through, ("station_id", "mandate_id"), members)
    db.state["stations"] = station_of  # township id → its liaison station
