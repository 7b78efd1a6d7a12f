"""Supervision data: budget execution for networked supervision (预算联网监督, domain.md §5.5) — budget items of
the top standing committee's budget spread over the units, each with twelve monthly execution rows
(county 120 k, city and province 1,000,008 month rows: Hubei monitors "1M+ payment records a year").

Benchmark `budget_warnings_ms` (issue 16 "Performance"): the warning rules on monthly execution (B10 year-end
rush, B11 zero quarter, B12 三公 over budget, B14 lag behind the calendar) and B3 (reserve share) as the app
evaluates them (renda.supervision.services.budget.evaluate, the "运行预警规则" button) against hand-written SQL
of the same rules, same data, same run. Both must find the same warnings. Goal 2×.
"""

from __future__ import annotations

import time
from decimal import Decimal

from benchmarks.http import median
from benchmarks.registry import benchmark, generator

YEAR = 2026
MONTH_ROWS = {"tiny": 1_200, "county": 120_000, "city": 1_000_008, "province": 1_000_008}
CATEGORIES = ("basic", "basic", "project", "project", "project", "key", "three_public")
LINE_FIELDS = ("id", "body_id", "year", "unit_id", "code", "name", "category", "budget", "source_id")
MONTH_FIELDS = ("id", "line_id", "month", "amount")
GOAL = 2.0


def _top_committee(db):
    top = db.state["congresses"][0]
    return next(b.id for b in db.state["bodies"] if b.kind == "standing_committee" and b.parent_id == top.id)


@generator(70, "预算执行数据", tables=("supervision_line", "supervision_month"))
def fill(scale, rng, db) -> None:
    from renda.supervision.models import Line, Month

    body_id = _top_committee(db)
    units = [u for u, _ in db.state["units"]]
    n_lines = MONTH_ROWS.get(scale.name, 120_000) // 12
    line_ids = db.ids(Line, n_lines)
    month_ids = iter(db.ids(Month, n_lines * 12))
    budgets = {}
    rows = []
    for k, pk in enumerate(line_ids):
        budget = rng.randrange(10, 5000) * 1000
        budgets[pk] = budget
        category = "reserve" if k == 0 else CATEGORIES[k % len(CATEGORIES)]
        rows.append(
            (pk, body_id, YEAR, units[k % len(units)], f"{k:07d}", f"预算项目{k}", category, budget, None)
        )
    db.write(Line, LINE_FIELDS, rows)

    def months():
        rand = rng.random
        for pk in line_ids:
            budget = budgets[pk]
            roll = rand()
            if roll < 0.04:
                share = [0.02] * 11 + [0.7]  # year-end rush
            elif roll < 0.08:
                share = [0.0, 0.0, 0.0] + [0.1] * 9  # zero first quarter
            elif roll < 0.14:
                share = [0.05] * 12  # lagging
            elif roll < 0.16:
                share = [0.1] * 12  # over budget
            else:
                share = [1 / 12] * 12
            for m, s in enumerate(share, start=1):
                yield (next(month_ids), pk, m, round(budget * s * (0.9 + 0.2 * rand()), 2))

    db.write(Month, MONTH_FIELDS, months(), big=True)


SQL = """
SELECT m.line_id, l.unit_id, l.code, l.name, l.category, l.budget,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month <= %(m)s), 0) AS to_date,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month <= 11), 0) AS jan_nov,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month = 12), 0) AS dec,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 1 AND 3), 0) AS q1,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 4 AND 6), 0) AS q2,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 7 AND 9), 0) AS q3,
       COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 10 AND 12), 0) AS q4
  FROM supervision_month m JOIN supervision_line l ON l.id = m.line_id
 WHERE l.body_id = %(body)s AND l.year = %(year)s
 GROUP BY m.line_id, l.unit_id, l.code, l.name, l.category, l.budget
HAVING (COALESCE(SUM(m.amount) FILTER (WHERE m.month <= 11), 0) < l.budget * %(jan_nov)s
        AND COALESCE(SUM(m.amount) FILTER (WHERE m.month = 12), 0) > l.budget * %(dec)s)
    OR (l.category IN ({b11}) AND l.budget > 0 AND (
        COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 1 AND 3), 0) = 0
        OR COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 4 AND 6), 0) = 0
        OR COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 7 AND 9), 0) = 0
        OR COALESCE(SUM(m.amount) FILTER (WHERE m.month BETWEEN 10 AND 12), 0) = 0))
    OR (l.category = 'three_public' AND COALESCE(SUM(m.amount) FILTER (WHERE m.month <= %(m)s), 0) > l.budget)
    OR (l.category IN ({b14}) AND l.budget > 0
        AND COALESCE(SUM(m.amount) FILTER (WHERE m.month <= %(m)s), 0) < l.budget * %(lag)s)
"""
RESERVE_SQL = """
SELECT COALESCE(SUM(budget), 0), COALESCE(SUM(budget) FILTER (WHERE category = 'reserve'), 0)
  FROM supervision_line WHERE body_id = %s AND year = %s
"""


def baseline_findings(cursor, body, rules: dict) -> list:
    """The same rules by hand: one grouped scan with HAVING, then the shared per-row classification."""
    from renda.supervision.services.budget import Finding, classify

    r10, r11, r14, r3 = rules["B10"], rules["B11"], rules["B14"], rules["B3"]

    def listed(values) -> str:
        # The category codes inlined (a portable IN list; PostgreSQL's = ANY(array) is not in SQLite).
        codes = [str(v) for v in values]
        if not all(c.isidentifier() for c in codes):
            raise ValueError(f"unexpected category codes {codes!r}")
        return ", ".join(f"'{c}'" for c in codes) or "NULL"

    cursor.execute(
        SQL.replace("{b11}", listed(r11.params["categories"])).replace(
            "{b14}", listed(r14.params["categories"])
        ),
        {
            "m": 12,
            "body": body.pk,
            "year": YEAR,
            "jan_nov": Decimal(r10.params["jan_nov_pct"]) / 100,
            "dec": Decimal(r10.params["dec_pct"]) / 100,
            "lag": 1 - Decimal(r14.params["yellow_points"]) / 100,
        },
    )
    cols = [c[0] for c in cursor.description]
    names = {
        "unit_id": "line__unit_id",
        "code": "line__code",
        "name": "line__name",
        "category": "line__category",
        "budget": "line__budget",
    }

    # SQLite's SUM of a decimal column is a float; the ORM (ours) gives Decimal. Compare like with like.
    def num(v):
        return Decimal(str(v)) if isinstance(v, float) else v

    rows = [{names.get(c, c): num(v) for c, v in zip(cols, r, strict=True)} for r in cursor.fetchall()]
    out = list(classify(rows, 12, rules))
    cursor.execute(RESERVE_SQL, [body.pk, YEAR])
    total, reserve = cursor.fetchone()
    if total:
        pct = reserve * 100 / total
        if pct < r3.params["min_pct"] or pct > r3.params["max_pct"]:
            out.append(Finding("B3", "B3", r3.severity, ""))
    return out


@benchmark("budget_warnings_ms", order=60, title="预算预警：百万月度执行数据")
def budget_warnings(ctx):
    from django.db import connection, transaction

    from renda.core.models import Body
    from renda.supervision.models import Line, Month
    from renda.supervision.services import budget

    line = Line.objects.filter(year=YEAR).select_related("body").first()
    if line is None:
        raise AssertionError("no budget data: run the generator first")
    body = line.body
    with transaction.atomic():
        rs = budget.current_ruleset(body)
        rules = {r.code: r for r in rs.rules.filter(enabled=True)}
        data_rules = {c: rules[c] for c in ("B3", "B10", "B11", "B12", "B14")}
        Body.objects.filter(pk=body.pk)  # the engine reads the body's own rule set, as the page does

        def ours() -> list:
            return budget.execution_findings(body, YEAR, 12, data_rules) + budget.reserve_findings(
                body, YEAR, data_rules
            )

        def baseline() -> list:
            with connection.cursor() as cursor:
                return baseline_findings(cursor, body, data_rules)

        mine, theirs = sorted(f.key for f in ours()), sorted(f.key for f in baseline())
        if mine != theirs:
            raise AssertionError(f"warnings differ from the hand-written SQL: {len(mine)} vs {len(theirs)}")
        ours_runs, base_runs = [], []
        for _ in range(ctx.repeat):
            for fn, runs in ((ours, ours_runs), (baseline, base_runs)):
                started = time.perf_counter()
                fn()
                runs.append((time.perf_counter() - started) * 1000)
        months = Month.objects.filter(line__body=body, line__year=YEAR).count()
        transaction.set_rollback(True)
    extra = {
        "month_rows": months,
        "warnings": len(mine),
        "by_rule": ", ".join(
            f"{c}={sum(1 for k in mine if k.startswith(c + ':') or k == c)}"
            for c in ("B3", "B10", "B11", "B12", "B14")
        ),
        "ours_runs_ms": "/".join(f"{t:.0f}" for t in ours_runs),
        "baseline_runs_ms": "/".join(f"{t:.0f}" for t in base_runs),
    }
    return median(ours_runs), median(base_runs), GOAL, "ms", extra
