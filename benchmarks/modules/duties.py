"""Duties data: each congress's duty types (renda/duties/defaults.py) and the duty records of every mandate
(county 50 k, city 600 k, province 5 M), spread over the term up to November 2026.

Mix: mostly declared acts (group activities, voter contacts, inspections …), approved; 3 % still pending
review and 1 % returned, so the staff review queue has rows; one congress session a year per mandate.
Rows are produced lazily (5 M tuples would not fit in memory twice) and go to COPY as they are made.

Benchmark `duty_ranking_ms` (issue 8 "Performance"): the yearly ranking of every deputy in the top body's
scope as the app computes it (renda.duties.scoring.scores, the staff ranking page's call) against one
hand-written SQL aggregate of the same figures. Goal 1.5×.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from benchmarks.bare import scope_prefix
from benchmarks.http import median
from benchmarks.registry import benchmark, generator, raw_count
from renda.core.roles import Role
from renda.duties import defaults
from renda.duties.choices import Outcome, Review, Source
from renda.duties.models import DutyRecord, DutyType

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LAST_DAY = date(2026, 10, 31)
# Relative frequency of each default type among a deputy's records (sessions are added once a year).
WEIGHTS = {
    "sc_meeting": 3,
    "speech": 6,
    "inspection": 8,
    "research": 6,
    "law_enforcement": 3,
    "training": 6,
    "group_activity": 14,
    "reception_day": 10,
    "voter_contact": 18,
    "suggestion": 6,
    "motion": 1,
    "report_to_voters": 2,
    "practical_project": 5,
    "publicity": 4,
}
AUTOMATIC = {"suggestion", "motion", "report_to_voters", "sc_meeting"}
FIELDS = (
    "id",
    "mandate_id",
    "body_id",
    "duty_type_id",
    "on",
    "year",
    "title",
    "note",
    "source",
    "source_type_id",
    "source_id",
    "activity_id",
    "outcome",
    "status",
    "points",
    "evidence",
    "evidence_text",
    "reviewed_by_id",
    "reviewed_at",
    "reject_reason",
    "created_by_id",
    "created_at",
)
TYPE_FIELDS = (
    "id",
    "body_id",
    "code",
    "name",
    "category",
    "is_session",
    "declarable",
    "default_points",
    "default_cap",
    "order",
    "active",
)


@generator(30, "履职类型与履职记录", tables=("duties_dutytype", "duties_dutyrecord"))
def fill(scale, rng, db) -> None:
    from benchmarks.modules.deputies import TERMS

    level_of = {b.id: b.level for b in db.state["bodies"]}
    seated = sorted({body_id for _m, body_id in db.state["mandates"]})
    types: dict[int, dict[str, tuple]] = {}  # body id → code → (type id, name, points)
    rows = []
    ids = iter(db.ids(DutyType, len(seated) * len(defaults.TYPES)))
    for body_id in seated:
        for i, (code, name, cat, pts, cap, session, declarable) in enumerate(defaults.TYPES):
            pk = next(ids)
            rows.append((pk, body_id, code, name, cat, session, declarable, pts, cap, i, True))
            types.setdefault(body_id, {})[code] = (pk, name, pts)
    db.write(DutyType, TYPE_FIELDS, rows)

    mandates = db.state["mandates"]
    per, extra = divmod(scale.duty_records, max(1, len(mandates)))
    counts = [per + (i < extra) for i in range(len(mandates))]
    codes = [c for c, w in WEIGHTS.items() for _ in range(w)]
    titles = {
        "voter_contact": ("走访联系选民", "电话联系选民", "收集村民意见"),
        "group_activity": ("代表小组集中学习", "代表小组视察", "代表小组座谈"),
        "reception_day": ("进站接待选民",),
        "inspection": ("视察乡村振兴项目", "视察民生实事项目"),
    }

    # Ids first: the COPY below holds the connection, so nothing may query while rows are made.
    ids = iter(db.ids(DutyRecord, sum(counts)))

    def records():
        rand, randrange = rng.random, rng.randrange
        for (mandate_id, body_id), n in zip(mandates, counts, strict=True):
            start = TERMS[level_of[body_id]][1]
            span = (LAST_DAY - start).days
            body_types = types[body_id]
            for k in range(n):
                session = k < 5 and k * 365 < span  # one congress session a year of the term
                code = "congress_session" if session else codes[randrange(len(codes))]
                type_id, name, points = body_types[code]
                on = start + timedelta(days=k * 365 + 3 if session else randrange(span))
                roll = rand()
                status = (
                    Review.PENDING if roll < 0.03 else Review.REJECTED if roll < 0.04 else Review.APPROVED
                )
                source = (
                    Source.AUTOMATIC if code in AUTOMATIC else Source.ACTIVITY if session else Source.DECLARED
                )
                if source != Source.DECLARED:
                    status = Review.APPROVED
                options = titles.get(code)
                yield (
                    next(ids),
                    mandate_id,
                    body_id,
                    type_id,
                    on,
                    on.year,
                    options[randrange(len(options))] if options else name,
                    "",
                    source,
                    None,
                    "",
                    None,
                    Outcome.LEAVE if session and roll > 0.98 else Outcome.ATTENDED,
                    status,
                    points if status == Review.APPROVED else 0,
                    "",
                    "照片及签到表已留存" if source == Source.DECLARED else "",
                    None,
                    None,
                    "佐证材料不足，请补充" if status == Review.REJECTED else "",
                    None,
                    NOW,
                )

    db.write(DutyRecord, FIELDS, records(), big=True)


# The home page's duties figures for staff (renda/duties/selectors.py `waiting`), by hand.
_MIRRORS = "renda.duties.selectors.waiting"


@raw_count("待审核的履职申报", {Role.STAFF}, mirrors=_MIRRORS)
def declarations_to_review(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM duties_dutyrecord r JOIN core_body b ON b.id = r.body_id "
        "WHERE b.path LIKE %s AND r.source = 'declared' AND r.status = 'pending'",
        [scope_prefix(cursor, user.body_id)],
    )
    return cursor.fetchone()[0]


@raw_count("待审批的请假", {Role.STAFF}, mirrors=_MIRRORS)
def leave_to_decide(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM duties_leaverequest l JOIN duties_activity a ON a.id = l.activity_id "
        "JOIN core_body b ON b.id = a.body_id WHERE b.path LIKE %s AND l.status = 'pending'",
        [scope_prefix(cursor, user.body_id)],
    )
    return cursor.fetchone()[0]


@raw_count("待处理的履职提示", {Role.STAFF}, mirrors=_MIRRORS)
def open_triggers(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM duties_trigger t JOIN core_body b ON b.id = t.body_id "
        "WHERE b.path LIKE %s AND t.status = 'open'",
        [scope_prefix(cursor, user.body_id)],
    )
    return cursor.fetchone()[0]


# The ranking benchmark: the last full year of the data, every current deputy under the top body.
RANKING_YEAR = 2025
RANKING_GOAL = 1.5
BASE_SCORE = Decimal(60)  # Dongbao counts a base of 60 (rules.py); 0, the default, would hide a missing base


def ranking_sql(cursor, user, start: date, end: date) -> list[tuple]:
    """The baseline: (mandate id, total, approved records, rank) of every deputy held in [start, end] in the
    user's scope, by hand: approved records of the period summed per deputy, type and year, capped by the type's
    cap in the rule set of the deputy's body for that year, plus the base score of the start year; best first."""
    cursor.execute(
        "WITH m AS (SELECT mm.id, mm.body_id FROM deputies_mandate mm JOIN core_body b ON b.id = mm.body_id "
        "  WHERE b.path LIKE %s AND mm.start_date <= %s AND (mm.end_date IS NULL OR mm.end_date > %s)), "
        "per_type AS (SELECT r.mandate_id, m.body_id, r.duty_type_id, r.year, SUM(r.points) AS s, COUNT(*) AS n "
        "  FROM duties_dutyrecord r JOIN m ON m.id = r.mandate_id "
        '  WHERE r.status = \'approved\' AND r."on" >= %s AND r."on" <= %s '
        "  GROUP BY r.mandate_id, m.body_id, r.duty_type_id, r.year), "
        "capped AS (SELECT p.mandate_id, SUM(CASE WHEN tp.cap < p.s THEN tp.cap ELSE p.s END) AS pts, "
        "  SUM(p.n) AS n FROM per_type p "
        "  LEFT JOIN duties_ruleset crs ON crs.body_id = p.body_id AND crs.year = p.year "
        "  LEFT JOIN duties_typepoints tp ON tp.ruleset_id = crs.id AND tp.duty_type_id = p.duty_type_id "
        "  GROUP BY p.mandate_id), "
        "t AS (SELECT m.id, COALESCE(c.pts, 0) + COALESCE(rs.base_score, 0) AS total, COALESCE(c.n, 0) AS n "
        "  FROM m LEFT JOIN capped c ON c.mandate_id = m.id "
        "  LEFT JOIN duties_ruleset rs ON rs.body_id = m.body_id AND rs.year = %s) "
        "SELECT id, total, n, RANK() OVER (ORDER BY total DESC) FROM t ORDER BY total DESC, id",
        [scope_prefix(cursor, user.body_id), end, start, start, end, start.year],
    )
    return cursor.fetchall()


def _cents(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))  # SQLite sums are floats


@benchmark("duty_ranking_ms", better="lower", order=25, title="代表履职积分排名")
def duty_ranking(ctx):
    """Ours: scoring.scores() over the current mandates in the top staff member's scope for a year, as the
    staff ranking page calls it (it also sorts and ranks). Baseline: `ranking_sql`. Both read inside one
    transaction that is rolled back: the rule sets the ranking page creates on its first visit of the year
    (services.ruleset_for per congress in scope, default caps) are made there, with a base score, and vanish."""
    from django.db import connection, transaction

    from benchmarks.modules.api_list import account
    from renda.duties import scoring, selectors, services
    from renda.duties.models import RuleSet
    from renda.duties.views.common import deputy_bodies

    user = account("top_staff")
    start, end = scoring.year_bounds(RANKING_YEAR)
    with transaction.atomic():
        bodies = list(deputy_bodies(user))
        for body in bodies:
            services.ruleset_for(body, RANKING_YEAR)
        RuleSet.objects.filter(body__in=bodies, year=RANKING_YEAR).update(base_score=BASE_SCORE)
        mandates = selectors.held_in(selectors.mandates_visible(user), start, end)

        def ours() -> list:
            return scoring.scores(mandates, start=start, end=end)

        def baseline() -> list:
            with connection.cursor() as cursor:
                return ranking_sql(cursor, user, start, end)

        theirs = [(mid, _cents(total), int(n), int(rank)) for mid, total, n, rank in baseline()]
        mine = [(s.mandate_id, s.total, s.records, s.rank) for s in ours()]
        if mine != theirs:
            wrong = next(
                (a, b)
                for a, b in zip(mine + [None] * len(theirs), theirs + [None] * len(mine), strict=False)
                if a != b
            )
            raise AssertionError(
                f"the ranking differs from the hand-written SQL ({len(mine)} vs {len(theirs)} "
                f"deputies; first difference, ours vs SQL: {wrong})"
            )
        queries = []
        with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
            ours()
        ours_runs, base_runs = [], []
        for _ in range(ctx.repeat):
            for fn, runs in ((ours, ours_runs), (baseline, base_runs)):
                started = time.perf_counter()
                fn()
                runs.append((time.perf_counter() - started) * 1000)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*) FROM duties_dutyrecord WHERE year = %s AND status = 'approved'",
                [RANKING_YEAR],
            )
            records = cursor.fetchone()[0]
        transaction.set_rollback(True)
    extra = {
        "year": RANKING_YEAR,
        "deputies": len(mine),
        "approved_records_in_year": records,
        "congresses": len(bodies),
        "ours_queries": len(queries),
        "ours_runs_ms": "/".join(f"{t:.0f}" for t in ours_runs),
        "baseline_runs_ms": "/".join(f"{t:.0f}" for t in base_runs),
    }
    return median(ours_runs), median(base_runs), RANKING_GOAL, "ms", extra
