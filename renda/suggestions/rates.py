"""Rates and rankings per unit and year: 按时办复率, 解决率 (A, A+B), 满意率 — each with its numerator and
denominator and a Wilson 95 % interval — a weighted total, and a fair ranking.

Method (shown on the page, docs/suggestions.md):
- The unit's items are its lead (主办) and separate (分办) parts handed over in the year, not returned.
- 按时办复率 = first replies sent on or before the reply deadline / parts whose reply is sent or overdue.
- 解决率 = parts with class A (and A or B) / parts with a reply.
- 满意率 = parts whose latest rating of the result is 满意 or 基本满意 / parts rated. Parts not rated even after
  the reminder are excluded and counted apart (Chongqing Art. 29).
- Total = weighted mean of the available rates (policy weights, renormalised over the rates that exist).
- Units with fewer parts than the policy minimum are listed apart, unranked; equal totals share a rank.
All figures come from one aggregate query per year.
"""

import functools
import itertools
import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from renda.core import policy as resolver

from .models import Assignment, AssignmentStatus, Policy, Rating, UnitRole

Z = 1.96


@dataclass(frozen=True)
class Rate:
    num: int
    den: int

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None

    @property
    def interval(self) -> tuple[float, float] | None:
        """Wilson score interval: honest for small denominators, never outside [0, 1]."""
        n = self.den
        if not n:
            return None
        p = self.num / n
        denom = 1 + Z * Z / n
        centre = (p + Z * Z / (2 * n)) / denom
        half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denom
        return max(0.0, centre - half), min(1.0, centre + half)

    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"

    def interval_text(self) -> str:
        iv = self.interval
        return "—" if iv is None else f"{iv[0] * 100:.0f}%–{iv[1] * 100:.0f}%"


RATE_KEYS = ("on_time", "solved_a", "solved_ab", "satisfied", "attitude")
RATE_LABELS = {
    "on_time": "按时办复率",
    "solved_a": "解决率（A）",
    "solved_ab": "解决率（A+B）",
    "satisfied": "满意率（结果）",
    "attitude": "满意率（态度）",
}
OK = [Rating.SATISFIED, Rating.BASICALLY]


def aggregate(*, body, year: int, on: date | None = None):
    """The one aggregate query: one row per unit with every count the rates need (in no order: the ranking
    sorts; sorting in SQL made the database sort every part before grouping)."""
    on = on or timezone.localdate()
    return (
        Assignment.objects.filter(
            suggestion__body=body, year=year, role__in=[UnitRole.LEAD, UnitRole.SEPARATE]
        )
        .exclude(status=AssignmentStatus.RETURNED)
        .values("unit_id", "unit__name")
        .annotate(
            items=Count("id"),
            due=Count("id", filter=Q(replied_on__isnull=False) | Q(suggestion__reply_due__lt=on)),
            on_time=Count("id", filter=Q(on_time=True)),
            replied=Count("id", filter=~Q(reply_class="")),
            a=Count("id", filter=Q(reply_class="A")),
            ab=Count("id", filter=Q(reply_class__in=["A", "B"])),
            rated=Count("id", filter=~Q(result="")),
            satisfied=Count("id", filter=Q(result__in=OK)),
            att_rated=Count("id", filter=~Q(attitude="")),
            att_ok=Count("id", filter=Q(attitude__in=OK)),
            unrated=Count("id", filter=Q(unrated=True)),
        )
        .order_by()
    )


# Compiling `aggregate` costs Django ~4 ms of CPU, several times what the query itself costs for a county's
# year (make bench suggestion_ranking_ms). Its SQL is the same for every body, year and date: compile it once
# with stand-in values and run it with the real ones in their place.
_STAND_IN = {"body": -20_261_125, "year": 32_001, "on": date(1901, 2, 3)}


@functools.cache
def _compiled(vendor: str) -> tuple[str, list, list] | None:
    sql, params = aggregate(**_STAND_IN).query.sql_with_params()
    slots = [(i, key) for i, p in enumerate(params) for key, value in _STAND_IN.items() if _is(p, value)]
    if sorted(key for _i, key in slots) != sorted(_STAND_IN):
        return None  # a stand-in not found exactly once: run the ORM each time instead
    return sql, list(params), slots


def _is(param, value) -> bool:
    if isinstance(value, date):  # SQLite gets dates as ISO strings
        return param == value or param == value.isoformat()
    return isinstance(param, int) and not isinstance(param, bool) and param == value


def _swap(param, value):
    """`value` in the form the compiler gave the stand-in (psycopg's Int2 wrapper, an ISO date string …)."""
    if isinstance(param, str):
        return value.isoformat()
    return type(param)(value) if isinstance(param, int) else value


def aggregate_rows(*, body, year: int, on: date | None = None) -> list[dict]:
    """`aggregate` evaluated, through the SQL compiled once (the same query, rows and keys)."""
    on = on or timezone.localdate()
    compiled = _compiled(connection.vendor)
    if compiled is None:
        return list(aggregate(body=body, year=year, on=on))
    sql, params, slots = compiled
    params = list(params)
    actual = {"body": getattr(body, "pk", body), "year": year, "on": on}
    for i, key in slots:
        params[i] = _swap(params[i], actual[key])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _total(row: dict, weights: dict[str, Decimal]) -> float:
    parts = [
        (float(weights[k]), row[k].value)
        for k in ("on_time", "solved_ab", "satisfied")
        if row[k].value is not None and weights[k] > 0
    ]
    wsum = sum(w for w, _ in parts)
    return sum(w * v for w, v in parts) / wsum if wsum else 0.0


def unit_rates(*, body, year: int, on: date | None = None, policy: Policy | None = None) -> list[dict]:
    """Rows per unit with Rate objects, the weighted total, the rank (None for units listed apart) and
    `small` for units below the minimum. Ranked rows first by rank, then small units by name."""
    policy = policy or resolver.resolve(Policy, body)
    weights = {
        "on_time": policy.weight_on_time,
        "solved_ab": policy.weight_solved,
        "satisfied": policy.weight_satisfied,
    }
    rows = []
    for r in aggregate_rows(body=body, year=year, on=on):
        row = {
            "unit_id": r["unit_id"],
            "unit": r["unit__name"],
            "items": r["items"],
            "unrated": r["unrated"],
            "on_time": Rate(r["on_time"], r["due"]),
            "solved_a": Rate(r["a"], r["replied"]),
            "solved_ab": Rate(r["ab"], r["replied"]),
            "satisfied": Rate(r["satisfied"], r["rated"]),
            "attitude": Rate(r["att_ok"], r["att_rated"]),
        }
        row["total"] = _total(row, weights)
        row["small"] = r["items"] < policy.min_items
        rows.append(row)
    ranked = sorted((r for r in rows if not r["small"]), key=lambda r: (-round(r["total"], 6), r["unit"]))
    prev, rank = None, 0
    for i, r in enumerate(ranked, start=1):
        key = round(r["total"], 6)
        if key != prev:
            rank, prev = i, key
        r["rank"] = rank
        r["tied"] = False
    for a, b in itertools.pairwise(ranked):
        if a["rank"] == b["rank"]:
            a["tied"] = b["tied"] = True
    small = sorted((r for r in rows if r["small"]), key=lambda r: r["unit"])
    for r in small:
        r["rank"], r["tied"] = None, False
    return ranked + small


def totals(rows: list[dict]) -> dict:
    """The body's overall figures (sums of numerators and denominators, not a mean of rates)."""
    out = {"items": sum(r["items"] for r in rows), "unrated": sum(r["unrated"] for r in rows)}
    for k in RATE_KEYS:
        out[k] = Rate(sum(r[k].num for r in rows), sum(r[k].den for r in rows))
    return out


def class_shares(*, body, year: int) -> dict[str, int]:
    qs = (
        Assignment.objects.filter(
            suggestion__body=body, year=year, role__in=[UnitRole.LEAD, UnitRole.SEPARATE]
        )
        .exclude(status=AssignmentStatus.RETURNED)
        .exclude(reply_class="")
    )
    return dict(qs.values_list("reply_class").annotate(n=Count("id")).order_by())


# The hand-written aggregate `make bench` compares `aggregate` with (issue 7 "Performance": ≤ 1.5×).
# Params: on (date), body (id), year.
BASELINE_SQL = """
SELECT a.unit_id, COUNT(*) AS items,
       SUM(CASE WHEN a.replied_on IS NOT NULL OR s.reply_due < %(on)s THEN 1 ELSE 0 END) AS due,
       SUM(CASE WHEN a.on_time THEN 1 ELSE 0 END) AS on_time,
       SUM(CASE WHEN a.reply_class <> '' THEN 1 ELSE 0 END) AS replied,
       SUM(CASE WHEN a.reply_class = 'A' THEN 1 ELSE 0 END) AS a,
       SUM(CASE WHEN a.reply_class IN ('A', 'B') THEN 1 ELSE 0 END) AS ab,
       SUM(CASE WHEN a.result <> '' THEN 1 ELSE 0 END) AS rated,
       SUM(CASE WHEN a.result IN ('satisfied', 'basically') THEN 1 ELSE 0 END) AS satisfied,
       SUM(CASE WHEN a.attitude <> '' THEN 1 ELSE 0 END) AS att_rated,
       SUM(CASE WHEN a.attitude IN ('satisfied', 'basically') THEN 1 ELSE 0 END) AS att_ok,
       SUM(CASE WHEN a.unrated THEN 1 ELSE 0 END) AS unrated
FROM suggestions_assignment a JOIN suggestions_suggestion s ON s.id = a.suggestion_id
WHERE s.body_id = %(body)s AND a.year = %(year)s AND a.role IN ('lead', 'separate') AND a.status <> 'returned'
GROUP BY a.unit_id
"""
