"""Scores for any period by aggregate queries (domain.md §3.3): points of approved records, capped per
deputy, type and year, plus the base score of the body's rule set; deputies without records score the base.

Three queries per ranking whatever its size: one SQL statement for the scores (the scoped mandates LEFT JOIN
the capped per-deputy sums), then the rule sets and the bands of the bodies ranked.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from operator import attrgetter

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Min, QuerySet, Sum, When
from django.db.models.functions import Coalesce

from renda.core.models import Level

from .choices import Review
from .models import Band, DutyRecord, RuleSet, TypePoints

CENTS, ZERO = Decimal("0.01"), Decimal(0)
DIMENSIONS = {"deputy": "代表", "group": "代表小组", "township": "乡镇（街道）", "level": "层级"}


@dataclass
class Score:
    mandate_id: int
    body_id: int
    key: object
    total: Decimal
    points: Decimal
    records: int
    band: str = ""
    poor: bool = False
    rank: int = 0


@dataclass
class GroupScore:
    key: object
    label: str = ""
    deputies: int = 0
    average: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    records: int = 0
    members: list = field(default_factory=list)


def _dim_expr(by: str):
    if by == "group":
        return F("group_id")
    if by == "township":
        # A township deputy's township is their body; a county deputy's is the constituency's township.
        return Coalesce(
            "constituency__township_id",
            Case(When(level=Level.TOWNSHIP, then=F("body_id")), output_field=IntegerField()),
        )
    if by == "level":
        return F("level")
    return F("id")


def scores(mandates: QuerySet, *, start: date, end: date, by: str = "deputy") -> list[Score]:
    """Every mandate in `mandates` with its score for [start, end], ranked (1 = best)."""
    years = list(range(start.year, end.year + 1))
    m_sql, m_params = (
        mandates.order_by()
        .annotate(dim_key=_dim_expr(by))
        .values("id", "body_id", "dim_key")
        .query.sql_with_params()
    )
    rec_qs = (
        DutyRecord.objects.filter(
            mandate__in=mandates.order_by().values("id"), status=Review.APPROVED, on__gte=start, on__lte=end
        )
        .order_by()
        .values("mandate_id", "duty_type_id", "year")
        .annotate(s=Sum("points"), n=Count("id"))
    )
    r_sql, r_params = rec_qs.query.sql_with_params()
    # Caps per (type, year) from the rule sets of the mandates' bodies, joined rather than spelled out as a
    # CASE: a province has ~1,300 congresses × 13 capped types, and a CASE that long is walked for every
    # (deputy, type, year) sum — minutes at 200 k deputies. Min() keeps one cap should two rule sets name a type.
    cap_qs = (
        TypePoints.objects.filter(
            cap__isnull=False,
            ruleset__year__in=years,
            ruleset__body__in=mandates.order_by().values("body_id"),
        )
        .order_by()
        .values(cap_type=F("duty_type_id"), cap_year=F("ruleset__year"))
        .annotate(cap_value=Min("cap"))
    )
    cap_sql, cap_params = cap_qs.query.sql_with_params()
    # Built from the ORM's own SQL for the three inner queries; every value is a bound parameter.
    sql = (
        f"SELECT mm.id, mm.body_id, mm.dim_key, COALESCE(t.total, 0), COALESCE(t.n, 0) "  # noqa: S608
        f"FROM ({m_sql}) mm LEFT JOIN (SELECT r.mandate_id, "
        f"SUM(CASE WHEN c.cap_value < r.s THEN c.cap_value ELSE r.s END) AS total, SUM(r.n) AS n "
        f"FROM ({r_sql}) r LEFT JOIN ({cap_sql}) c ON c.cap_type = r.duty_type_id AND c.cap_year = r.year "
        f"GROUP BY r.mandate_id) t ON t.mandate_id = mm.id"
    )
    with connection.cursor() as cur:
        cur.execute(sql, [*m_params, *r_params, *cap_params])
        rows = cur.fetchall()
    body_ids = {r[1] for r in rows}
    rulesets = {rs.body_id: rs for rs in RuleSet.objects.filter(year=start.year, body_id__in=body_ids)}
    # Bands by the same keys, not by the rule sets found: with none found, an empty IN would skip the query, and
    # a page's query count would then depend on which years have rule sets (tests/duties/test_query_counts.py).
    bands: dict[int, list[Band]] = defaultdict(list)
    for b in (
        Band.objects.filter(ruleset__year=start.year, ruleset__body_id__in=body_ids)
        .annotate(of_body=F("ruleset__body_id"))
        .order_by("-min_score")
    ):
        bands[b.of_body].append(b)
    # Per row only what differs between deputies: 200 k rows at province scale, where the first version of this
    # loop cost as much as the SQL. Bodies mostly keep the default bands, so a band is looked up once per ladder
    # and total, not once per deputy.
    base = {body_id: rs.base_score for body_id, rs in rulesets.items()}
    ladders: dict[tuple, int] = {}
    ladder_of = {
        body_id: ladders.setdefault(
            tuple((b.min_score, b.max_score, b.label, b.poor) for b in ladder), len(ladders)
        )
        for body_id, ladder in bands.items()
    }
    band_of: dict[tuple[int, Decimal], tuple[str, bool]] = {}
    out = []
    for mid, body_id, key, pts, n in rows:
        if not isinstance(pts, Decimal):
            pts = Decimal(str(pts))  # SQLite sums are floats
        pts = pts.quantize(CENTS)
        total = pts + base.get(body_id, ZERO)
        ladder = ladder_of.get(body_id, -1)
        band = band_of.get((ladder, total))
        if band is None:
            band = band_of[ladder, total] = _band(bands.get(body_id, ()), total)
        out.append(Score(mid, body_id, key, total, pts, int(n), *band))
    # Best first, ties by mandate id: two stable sorts on plain attributes, a third of the time of a tuple key.
    out.sort(key=attrgetter("mandate_id"))
    out.sort(key=attrgetter("total"), reverse=True)
    rank, last = 0, None
    for i, s in enumerate(out, start=1):
        if s.total != last:
            rank, last = i, s.total
        s.rank = rank
    return out


def _band(ladder: list[Band], total: Decimal) -> tuple[str, bool]:
    """The band holding `total` (label, poor); below the lowest band counts as the lowest (absences can make a
    total negative); no bands, no label."""
    band = next((b for b in ladder if b.holds(total)), None)
    if band is None and ladder and total < ladder[-1].min_score:
        band = ladder[-1]
    return (band.label, band.poor) if band else ("", False)


def grouped(items: list[Score]) -> list[GroupScore]:
    """Group, township or level figures: the average score of their deputies (fair across sizes)."""
    groups: dict[object, GroupScore] = {}
    for s in items:
        g = groups.setdefault(s.key, GroupScore(key=s.key))
        g.deputies += 1
        g.total += s.total
        g.records += s.records
    for g in groups.values():
        g.average = (g.total / g.deputies).quantize(Decimal("0.01")) if g.deputies else Decimal(0)
    return sorted(groups.values(), key=lambda g: -g.average)


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def period_bounds(year: int, period: str) -> tuple[date, date]:
    """Y → the year; Q1–Q4 → the quarter (季度亮分)."""
    if period == "Y":
        return year_bounds(year)
    q = int(period[1])
    start = date(year, 3 * q - 2, 1)
    end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
    return start, end - timedelta(days=1)
