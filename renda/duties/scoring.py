"""Scores for any period by aggregate queries (domain.md §3.3): points of approved records, capped per
deputy, type and year, plus the base score of the body's rule set; deputies without records score the base.

One SQL statement per ranking: the scoped mandates LEFT JOIN the capped per-deputy sums.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, When
from django.db.models.functions import Coalesce

from renda.core.models import Level

from .choices import Review
from .models import Band, DutyRecord, RuleSet, TypePoints

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
        return Coalesce("constituency__township_id", Case(When(level=Level.TOWNSHIP, then=F("body_id")),
                                                          output_field=IntegerField()))
    if by == "level":
        return F("level")
    return F("id")


def scores(mandates: QuerySet, *, start: date, end: date, by: str = "deputy") -> list[Score]:
    """Every mandate in `mandates` with its score for [start, end], ranked (1 = best)."""
    years = list(range(start.year, end.year + 1))
    m_sql, m_params = (mandates.order_by().annotate(dim_key=_dim_expr(by))
                       .values("id", "body_id", "dim_key").query.sql_with_params())
    rec_qs = (DutyRecord.objects.filter(mandate__in=mandates.order_by().values("id"), status=Review.APPROVED,
                                        on__gte=start, on__lte=end)
              .order_by().values("mandate_id", "duty_type_id", "year").annotate(s=Sum("points"), n=Count("id")))
    r_sql, r_params = rec_qs.query.sql_with_params()
    caps = list(TypePoints.objects.filter(cap__isnull=False, ruleset__year__in=years,
                                          ruleset__body__in=mandates.order_by().values("body_id").distinct())
                .values_list("duty_type_id", "ruleset__year", "cap"))
    cap_sql, cap_params = "r.s", []
    if caps:
        whens = " ".join("WHEN r.duty_type_id = %s AND r.year = %s AND r.s > %s THEN %s" for _ in caps)
        cap_sql = f"CASE {whens} ELSE r.s END"
        for type_id, year, cap in caps:
            cap_params += [type_id, year, cap, cap]
    # Built from the ORM's own SQL for the two inner queries; every value is a bound parameter.
    sql = (f"SELECT mm.id, mm.body_id, mm.dim_key, COALESCE(t.total, 0), COALESCE(t.n, 0) "  # noqa: S608
           f"FROM ({m_sql}) mm LEFT JOIN (SELECT r.mandate_id, SUM({cap_sql}) AS total, SUM(r.n) AS n "
           f"FROM ({r_sql}) r GROUP BY r.mandate_id) t ON t.mandate_id = mm.id")
    with connection.cursor() as cur:
        cur.execute(sql, [*m_params, *cap_params, *r_params])
        rows = cur.fetchall()
    rulesets = {rs.body_id: rs for rs in RuleSet.objects.filter(year=start.year, body_id__in={r[1] for r in rows})}
    body_of = {rs.pk: body_id for body_id, rs in rulesets.items()}
    bands: dict[int, list[Band]] = defaultdict(list)
    for b in Band.objects.filter(ruleset__in=list(rulesets.values())).order_by("-min_score"):
        bands[body_of[b.ruleset_id]].append(b)
    out = []
    for mid, body_id, key, pts, n in rows:
        pts = Decimal(str(pts)).quantize(Decimal("0.01"))
        rs = rulesets.get(body_id)
        total = pts + (rs.base_score if rs else Decimal(0))
        ladder = bands.get(body_id, ())
        band = next((b for b in ladder if b.holds(total)), None)
        if band is None and ladder and total < ladder[-1].min_score:
            band = ladder[-1]  # below the lowest band (absences can make a total negative)
        out.append(Score(mid, body_id, key, total, pts, int(n), band.label if band else "", bool(band and band.poor)))
    out.sort(key=lambda s: (-s.total, s.mandate_id))
    rank, last = 0, None
    for i, s in enumerate(out, start=1):
        if s.total != last:
            rank, last = i, s.total
        s.rank = rank
    return out


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
