"""The three rates (三率) per unit, station or deputy for any period, the weighted total and the ranking
(domain.md §2.2). Each figure is one grouped aggregate over the flags stored when the event happened.

- 响应率 (response): stations and deputies — screened (accepted, not accepted or answered) on or before the
  acceptance deadline; units — first reply on or before the reply deadline. The denominator counts those
  decided plus those still waiting past their deadline (late by now).
- 解决率 (resolution): rated "problem solved" / rated.
- 满意率 (satisfaction): 满意 + 基本满意 / rated.
- Weighted total: policy weights (default 30/35/35); a rate with no denominator drops out and the other
  weights are scaled up, so a unit with no rated messages is not ranked as if it scored 0.
Messages count in the period they were received in.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Expression, IntegerField, QuerySet
from django.utils import timezone

from .choices import UNIT_OPEN, Rating, Status
from .models import Message

GROUPS = {"unit": "承办单位", "station": "联络站", "mandate": "代表"}
# The row's name comes out of the same grouped query (one query for the whole ranking, not one more for names).
NAME_FIELDS = {
    "unit": ("unit__name",),
    "station": ("station__name",),
    "mandate": ("mandate__person__name", "mandate__body__short_name", "mandate__body__name"),
}
SATISFIED = (Rating.SATISFIED, Rating.BASIC)


@dataclass
class RateRow:
    key: int
    name: str = ""
    received: int = 0
    response_num: int = 0
    response_den: int = 0
    resolved: int = 0
    satisfied: int = 0
    rated: int = 0
    rank: int = 0
    weights: tuple[int, int, int] = field(default=(30, 35, 35))

    @staticmethod
    def _ratio(num: int, den: int) -> float | None:
        return round(100.0 * num / den, 1) if den else None

    @property
    def response(self) -> float | None:
        return self._ratio(self.response_num, self.response_den)

    @property
    def resolution(self) -> float | None:
        return self._ratio(self.resolved, self.rated)

    @property
    def satisfaction(self) -> float | None:
        return self._ratio(self.satisfied, self.rated)

    @property
    def total(self) -> float | None:
        parts = [
            (w, r)
            for w, r in zip(self.weights, (self.response, self.resolution, self.satisfaction), strict=True)
            if r is not None and w
        ]
        weight = sum(w for w, _ in parts)
        return round(sum(w * r for w, r in parts) / weight, 1) if weight else None


class CountIf(Expression):
    """`COUNT(*) FILTER (WHERE <condition>)` over message columns, the condition written once in SQL.

    Resolving and compiling five `Count(filter=Q(…))` cost Django ~1 ms of CPU per ranking, half of what the
    hand-written query takes over a county's month (make bench message_rates_ms); this compiles in
    microseconds. The columns are those of `contact_message`, qualified, so the joins for the scope and the
    names cannot shadow them."""

    contains_aggregate = True
    output_field = IntegerField()

    def __init__(self, condition: str, params: tuple = ()) -> None:
        super().__init__()
        self.condition, self.params = condition, params

    def as_sql(self, compiler, connection):
        t = connection.ops.quote_name(Message._meta.db_table)
        return f"COUNT(*) FILTER (WHERE {self.condition.format(t=t)})", list(self.params)

    def get_group_by_cols(self):
        return []


def _in(values) -> str:
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _response_counts(group: str, on: date) -> tuple[CountIf, CountIf]:
    """(numerator, denominator) of the response rate for `group` (see the module's docstring)."""
    if group == "unit":
        return (
            CountIf("{t}.replied_on_time"),
            CountIf(
                "{t}.replied_on_time IS NOT NULL OR ({t}.status IN "
                + _in(UNIT_OPEN)
                + " AND {t}.reopen_count = 0 AND {t}.reply_due < %s)",
                (*UNIT_OPEN, on),
            ),
        )
    return (
        CountIf("{t}.accepted_on_time"),
        CountIf(
            "{t}.accepted_on_time IS NOT NULL OR ({t}.status = %s AND {t}.accept_due < %s)",
            (Status.RECEIVED, on),
        ),
    )


def aggregate(
    messages: QuerySet, *, group: str, start: date, end: date, on: date | None = None
) -> dict[int, RateRow]:
    """One grouped query: counts and names per unit/station/deputy for messages received from `start` to `end`
    inclusive."""
    if group not in GROUPS:
        raise ValueError(group)
    on = on or timezone.localdate()
    num, den = _response_counts(group, on)
    key = f"{group}_id"
    rows = (
        messages.filter(
            received_at__gte=day_start(start),
            received_at__lt=day_start(end + timedelta(days=1)),
            **{f"{key}__isnull": False},
        )
        .order_by()
        .values(key, *NAME_FIELDS[group])
        .annotate(
            received=Count("id"),
            response_num=num,
            response_den=den,
            resolved=CountIf("{t}.resolved AND {t}.rating <> ''"),
            satisfied=CountIf("{t}.rating IN " + _in(SATISFIED), SATISFIED),
            rated=CountIf("{t}.rating <> ''"),
        )
    )
    return {
        r[key]: RateRow(
            key=r[key],
            name=_name(group, r),
            received=r["received"],
            response_num=r["response_num"],
            response_den=r["response_den"],
            resolved=r["resolved"],
            satisfied=r["satisfied"],
            rated=r["rated"],
        )
        for r in rows
    }


def _name(group: str, row: dict) -> str:
    if group == "mandate":
        body = row["mandate__body__short_name"] or row["mandate__body__name"]
        return f"{row['mandate__person__name']}（{body}）"
    return row[NAME_FIELDS[group][0]] or "—"


def day_start(d: date) -> datetime:
    """Midnight local time as an aware datetime: a range on the raw column keeps its index usable
    (a `__date` lookup casts every row)."""
    return timezone.make_aware(datetime.combine(d, time.min))


def ranking(
    messages: QuerySet,
    *,
    group: str,
    start: date,
    end: date,
    weights: tuple[int, int, int],
    on: date | None = None,
) -> list[RateRow]:
    """Rows ranked by the weighted total (rows without any rate come last, unranked)."""
    rows = aggregate(messages, group=group, start=start, end=end, on=on)
    for r in rows.values():
        r.weights = weights
    # Each total once per row (a property that rounds three rates): the sort and the ranks reuse it.
    scored = sorted(
        ((r.total, r) for r in rows.values()),
        key=lambda p: (p[0] is None, -(p[0] or 0), -p[1].received, p[1].name),
    )
    rank = 0
    for total, r in scored:
        if total is not None:
            rank += 1
            r.rank = rank
    return [r for _, r in scored]


def month_bounds(year: int, month: int) -> tuple[date, date]:
    import calendar

    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def to_xlsx(rows: list[RateRow], *, title: str, group: str) -> bytes:
    """The ranking as a spreadsheet, with numerators and denominators beside each rate."""
    from renda.core import xlsx

    w = rows[0].weights if rows else (30, 35, 35)
    header = [
        "排名",
        GROUPS[group],
        "留言数",
        "按时响应",
        "应响应",
        "响应率%",
        "已解决",
        "已评价",
        "解决率%",
        "满意和基本满意",
        "满意率%",
        f"综合得分（{w[0]}/{w[1]}/{w[2]}）",
    ]
    body = (
        [
            r.rank or "—",
            r.name,
            r.received,
            r.response_num,
            r.response_den,
            r.response,
            r.resolved,
            r.rated,
            r.resolution,
            r.satisfied,
            r.satisfaction,
            r.total,
        ]
        for r in rows
    )
    return xlsx.write(body, sheet="三率排名", title=title, header=header, widths={2: 30})
