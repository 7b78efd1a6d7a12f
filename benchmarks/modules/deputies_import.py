"""Benchmark: importing a 200,000-row roster with the `import_deputies` command vs a plain bulk insert of the same rows.

Issue 6: importing a 200,000-row roster costs at most 3× a plain bulk insert of the same rows into the same
database, measured in the same run.

- **The roster:** a csv in the import template (UTF-8 with a BOM, as Excel saves it) for the first county
  congress of the data set, into its latest term: valid ID numbers (GB 11643 check digit, birth date and sex
  digit agreeing with the other columns), names, genders, ethnicities, parties, education, occupations, phones,
  the congress's own constituencies with their delegation and deputy group, professional groups for half of
  the rows, card numbers; 2 % of rows without an ID number (matched by name + birth date) and 3 % with the messy
  values real files carry (full-width digits, "中国共产党", "汉" for 汉族, spaces inside names, a lowercase x).
  Every row is valid. At the `tiny` scale (the smoke tests) it has 300 rows.
- **Ours:** `import_deputies FILE --body … --user … --commit`, the whole command: read and decode the file,
  check every row, then write people, mandates, their "elected" change and professional-group links in bulk,
  and the audit entry.
- **Baseline:** the same rows as the import stores them (values normalised and pinyin keys computed before the
  clock starts), written with the harness's bulk path (`bulk.Writer`: COPY on PostgreSQL, executemany on
  SQLite) into the same four tables; the clock covers encrypting ID and phone (the model's Fernet field) and
  the ID lookup hash, which a plain insert of this model cannot skip.
- Both sides end by running the deferred foreign-key checks (a commit would pay them), each inside a savepoint
  rolled back afterwards, all inside one transaction rolled back at the end: the data set is left as it was.
  They alternate, taking turns at going first (each leaves dead rows behind); the figures are medians of at
  most 3 repetitions (each writes ≈ 650 k rows twice).
- **Extra:** re-importing the same file right after ours (nothing changes: 0 created, 0 updated) and the
  check alone (the command without --commit, once).
"""

from __future__ import annotations

import csv
import io
import random
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from benchmarks import fake
from benchmarks.http import median
from benchmarks.registry import benchmark

ROWS = 200_000
TINY_ROWS = 300
GOAL = 3.0
REPEAT = 3  # at most: each repetition writes ≈ 650 k rows on each side
SEED = 20261126
CARD_PREFIX = "BI"  # card numbers of the imported roster (the generated ones are "<body>-<term>-<n>")
NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


class _Rollback(Exception):
    pass


@contextmanager
def _rolled_back():
    """A savepoint that is always rolled back: each side starts from the same tables."""
    from django.db import transaction

    try:
        with transaction.atomic():
            yield
            raise _Rollback
    except _Rollback:
        pass


@dataclass
class Places:
    """The congress the roster is imported into and the names its rows may use."""

    body: object
    term: object
    user: object
    constituencies: list[tuple[str, str, str]]  # (constituency, its delegation or "", its group or "")
    professional_groups: list[str]


def _places():
    """The first county congress of the data set with its latest term and constituencies; a term, a
    constituency or a professional group it lacks is created here (callers roll it back)."""
    from renda.core.models import Body, BodyKind, Level, User
    from renda.deputies.models import Constituency, DeputyGroup, ProfessionalGroup, Term
    from renda.deputies.permissions import can_manage

    body = Body.objects.filter(kind=BodyKind.CONGRESS, level=Level.COUNTY).order_by("id").first()
    term = Term.objects.filter(body=body).order_by("-number").first() or Term.objects.create(
        body=body, number=18, start_date=date(2021, 10, 20), end_date=date(2026, 12, 31)
    )
    cons = list(Constituency.objects.filter(body=body).order_by("id").values_list("name", flat=True))
    if not cons:
        township = Body.objects.filter(parent=body, level=Level.TOWNSHIP).first()
        cons = [
            Constituency.objects.create(body=body, name=f"导入第{i + 1}选区", township=township, seats=5).name
            for i in range(40)
        ]
    groups = {}  # delegation name → one of its deputy groups
    for name, delegation in (
        DeputyGroup.objects.filter(body=body).order_by("id").values_list("name", "delegation__name")
    ):
        groups.setdefault(delegation, name)
    constituencies = []
    for name in cons:
        delegation = name.split("第")[0] + "代表团"
        constituencies.append(
            (name, delegation, groups[delegation]) if delegation in groups else (name, "", "")
        )
    prof = list(
        ProfessionalGroup.objects.filter(body=body).order_by("id").values_list("name", flat=True)
    ) or [ProfessionalGroup.objects.create(body=body, name="法制专业小组").name]
    user = next(
        (
            u
            for u in User.objects.filter(username__in=["bench-staff", "bench-top"]).order_by("id")
            if can_manage(u, body)
        ),
        None,
    )
    return Places(body, term, user, constituencies, prof)


def roster(places: Places, n: int) -> list[list[str]]:
    """`n` valid rows in the template's columns, seeded (the same roster every run)."""
    from renda.core import crypto
    from renda.deputies.choices import Education, OccupationCategory, Party
    from renda.deputies.demo_places import OCCUPATIONS
    from renda.deputies.importing.columns import COLUMNS
    from renda.deputies.models import Person
    from renda.deputies.validation import id_check_digit

    rng = random.Random(SEED)
    body, term = places.body, places.term
    region = (body.region_code or "360925")[:6]
    regions = [region] * 8 + ["360100", "360700", "440300", "330100"]  # most are born in the county
    taken_ids = set(Person.objects.exclude(id_hash=None).values_list("id_hash", flat=True))
    taken_names = set(Person.objects.filter(mandates__body=body).values_list("name", "birth_date"))
    parties = (
        [Party.CPC.label] * 62
        + [Party.MASSES.label] * 28
        + [Party.NON_PARTY.label] * 4
        + [p.label for p in (Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.JS)]
    )
    education = (
        [Education.MASTER.label] * 8
        + [Education.BACHELOR.label] * 40
        + [Education.COLLEGE.label] * 25
        + [Education.SECONDARY.label] * 20
        + [Education.JUNIOR.label] * 7
    )
    weights = [w for _c, w, _o in OCCUPATIONS]
    place = body.name.removesuffix("人民代表大会")
    latest_start = min(term.end_date or date(2026, 12, 31), date(2026, 10, 31))
    seen_ids: set[str] = set()
    rows = [[c[1] for c in COLUMNS]]
    for i in range(n):
        male = rng.random() > 0.3
        name = rng.choice(fake.SURNAMES) + rng.choice(fake._GIVEN_POOL)
        while True:
            birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 36 * 365))
            if (name, birth) not in taken_names:
                break
        taken_names.add((name, birth))
        id_number = ""
        if rng.random() >= 0.02:
            while True:
                first17 = f"{rng.choice(regions)}{birth:%Y%m%d}{rng.randrange(0, 500) * 2 + male:03d}"
                id_number = first17 + id_check_digit(first17)
                if id_number not in seen_ids and crypto.lookup_hash(id_number) not in taken_ids:
                    seen_ids.add(id_number)
                    break
        category, _w, options = rng.choices(OCCUPATIONS, weights=weights)[0]
        occupation, pattern = rng.choice(options)
        con, delegation, group = rng.choice(places.constituencies)
        town = con.split("第")[0]
        start = (
            term.start_date
            if rng.random() > 0.03
            else min(term.start_date + timedelta(days=rng.randrange(100, 1500)), latest_start)
        )  # by-elections
        row = [
            name,
            "男" if male else "女",
            "汉族" if rng.random() > 0.03 else rng.choice(("回族", "畲族", "苗族", "满族")),
            birth.isoformat(),
            id_number,
            Party.CPC.label if category == OccupationCategory.OFFICIAL else rng.choice(parties),
            rng.choice(education),
            occupation,
            OccupationCategory(category).label,
            pattern.format(t=town, p=town[:2], c=place)[:120],
            fake.mobile(rng),
            str(term.number),
            con,
            "",
            delegation,
            group,
            rng.choice(places.professional_groups) if rng.random() < 0.5 else "",
            f"{CARD_PREFIX}{term.number}-{i + 1:06d}",
            start.isoformat(),
            "是" if rng.random() < 0.3 else "否",
        ]
        if rng.random() < 0.03:
            _mess(rng, row)
        rows.append(row)
    return rows


def _mess(rng, row: list[str]) -> None:
    """One of the messy-but-safe values real rosters carry (the import normalises and reports it)."""
    kind = rng.randrange(5)
    if kind == 0 and row[5] == "中共党员":
        row[5] = "中国共产党"
    elif kind == 1 and row[2] == "汉族":
        row[2] = "汉"
    elif kind == 2 and len(row[0]) > 1:
        row[0] = f"{row[0][0]} {row[0][1:]}"
    elif kind == 3 and row[4].endswith("X"):
        row[4] = row[4][:-1] + "x"
    else:
        row[10] = row[10].translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def write_csv(rows: list[list[str]], folder: str) -> Path:
    path = Path(folder) / "roster.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def _check_constraints() -> None:
    """Run the deferred foreign-key checks inside the timing: a commit would pay them too."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _command(path: Path, places: Places, *, commit: bool = True) -> str:
    from django.core.management import call_command

    out = io.StringIO()
    args = ["--commit"] if commit else []
    call_command(
        "import_deputies",
        str(path),
        "--body",
        str(places.body.pk),
        "--user",
        places.user.username,
        *args,
        stdout=out,
    )
    return out.getvalue()


def _stored_rows(path: Path, places: Places) -> list[tuple]:
    """The rows as the import stores them (checked by the import's own pass 1), with their pinyin keys."""
    from renda.deputies import importing, pinyin
    from renda.deputies.importing.reader import read_table_unbounded

    report = importing.prepare(read_table_unbounded(path.read_bytes(), path.name).rows, body=places.body)
    if report.error_count:
        raise RuntimeError(f"the generated roster has {report.error_count} bad rows: {report.errors[:3]}")
    return [(r, *pinyin.keys(r.name)) for r in report.valid]


def bulk_insert(stored: list[tuple], places: Places) -> int:
    """The baseline: the same people, mandates, changes and professional-group links through the bulk path."""
    from django.db import connection

    from benchmarks.bulk import Writer
    from renda.core import crypto
    from renda.deputies.choices import ChangeKind, MandateStatus
    from renda.deputies.models import Mandate, MandateChange, Person

    body = places.body
    through = Mandate.professional_groups.through
    db = Writer(connection)
    n = len(stored)
    people, seats, changes = db.ids(Person, n), db.ids(Mandate, n), db.ids(MandateChange, n)
    links = db.ids(through, sum(len(r.professional_group_ids) for r, *_ in stored))
    db.write(
        Person,
        (
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
            "created_at",
            "updated_at",
        ),
        (
            (
                pk,
                r.name,
                full,
                initials,
                r.gender,
                r.ethnicity,
                r.birth_date,
                r.party,
                r.education,
                r.occupation,
                r.category,
                r.work_unit,
                "",
                "",
                r.id_number,
                crypto.lookup_hash(r.id_number),
                r.phone,
                NOW,
                NOW,
            )
            for pk, (r, full, initials) in zip(people, stored, strict=True)
        ),
    )
    db.write(
        Mandate,
        (
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
        ),
        (
            (
                pk,
                person,
                body.pk,
                body.level,
                r.term_id,
                r.constituency_id,
                r.electing_body_id,
                r.delegation_id,
                r.group_id,
                r.card_number,
                MandateStatus.ACTIVE,
                r.start_date,
                None,
                r.re_elected,
                NOW,
                NOW,
            )
            for pk, person, (r, *_) in zip(seats, people, stored, strict=True)
        ),
    )
    db.write(
        MandateChange,
        ("id", "mandate_id", "kind", "date", "reason", "document", "by_id", "at", "before", "after"),
        (
            (pk, seat, ChangeKind.ELECTED, r.start_date, "批量导入", "", None, NOW, {}, {})
            for pk, seat, (r, *_) in zip(changes, seats, stored, strict=True)
        ),
    )
    link_ids = iter(links)
    db.write(
        through,
        ("id", "mandate_id", "professionalgroup_id"),
        (
            (next(link_ids), seat, g)
            for seat, (r, *_) in zip(seats, stored, strict=True)
            for g in r.professional_group_ids
        ),
    )
    return db.total


def _ours(path: Path, places: Places, n: int) -> tuple[float, float]:
    """The command, then the same file again (nothing may change); ms of each, in a savepoint rolled back."""
    from renda.deputies.models import Mandate

    with _rolled_back():
        started = time.perf_counter()
        _command(path, places)
        _check_constraints()
        ours = (time.perf_counter() - started) * 1000
        imported = Mandate.objects.filter(body=places.body, card_number__startswith=CARD_PREFIX).count()
        if imported != n:
            raise RuntimeError(f"the import wrote {imported} mandates, not {n}")
        started = time.perf_counter()
        out = _command(path, places)
        _check_constraints()
        again = (time.perf_counter() - started) * 1000
        if f"新增 0，更新 0，未变 {n}" not in out:
            raise RuntimeError(f"re-importing the same file changed something: {out[-200:]}")
    return ours, again


def _baseline(stored: list[tuple], places: Places) -> tuple[float, int]:
    with _rolled_back():
        started = time.perf_counter()
        written = bulk_insert(stored, places)
        _check_constraints()
        return (time.perf_counter() - started) * 1000, written


@benchmark("deputy_import_ms", better="lower", order=40, title="代表名册导入")
def deputy_import(ctx):
    from django.db import transaction

    n = TINY_ROWS if ctx.scale.name == "tiny" else ROWS
    ours_runs, base_runs, again_runs = [], [], []
    extra: dict = {}
    with tempfile.TemporaryDirectory(prefix="renda-bench-import-") as folder:
        try:
            with transaction.atomic():
                places = _places()
                path = write_csv(roster(places, n), folder)
                started = time.perf_counter()
                _command(path, places, commit=False)
                extra["check_only_ms"] = round((time.perf_counter() - started) * 1000)
                stored = _stored_rows(path, places)
                for i in range(min(ctx.repeat, REPEAT)):
                    # Each side leaves dead rows behind its savepoint: take turns at going first.
                    if i % 2:
                        base_ms, written = _baseline(stored, places)
                    ours_ms, again_ms = _ours(path, places, n)
                    if not i % 2:
                        base_ms, written = _baseline(stored, places)
                    ours_runs.append(ours_ms)
                    again_runs.append(again_ms)
                    base_runs.append(base_ms)
                raise _Rollback
        except _Rollback:
            pass
        size = path.stat().st_size
    ours, base, again = median(ours_runs), median(base_runs), median(again_runs)
    extra.update(
        {
            "rows": n,
            "file": f"csv {size / 1e6:.1f} MB",
            "rows_written": written,
            "reimport_ms": round(again),
            "reimport_ratio": round(again / base, 2),
            "repeat": len(ours_runs),
            "body": places.body.name,
        }
    )
    return ours, base, GOAL, "ms", extra
