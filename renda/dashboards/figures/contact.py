"""Voters' messages and stations panels (contact.selectors): categories and trend, unit rates, stations' activity."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse

from ..panels import Context, figure, row
from ._common import _rate, _url


def _messages_in_period(ctx: Context):
    from renda.contact import selectors
    from renda.contact.rates import day_start

    return selectors.messages_for(ctx.user).filter(
        received_at__gte=day_start(ctx.start), received_at__lt=day_start(ctx.end + timedelta(days=1))
    )


def messages_by_category(ctx: Context) -> dict:
    from renda.contact.choices import Category

    # One grouped query: category × month.
    pairs = (
        _messages_in_period(ctx)
        .order_by()
        .annotate(m=TruncMonth("received_at"))
        .values_list("category", "m")
        .annotate(n=Count("id"))
    )
    counts: dict[str, int] = {}
    per_month: dict = {}
    for category, m, n in pairs:
        counts[category] = counts.get(category, 0) + n
        per_month[m] = per_month.get(m, 0) + n
    months = sorted(per_month.items())
    rows = sorted(
        (row(Category(k).label, v, url=_url("contact:list", category=k)) for k, v in counts.items() if k),
        key=lambda r: -r["value"],
    )
    return figure(
        definition=f"{ctx.start:%Y-%m-%d} 至 {ctx.end:%Y-%m-%d} 收到的群众留言（含联络站登记），按类别计数；趋势按月。",
        n=sum(counts.values()),
        url=reverse("contact:list"),
        rows=rows,
        chart={
            "type": "line",
            "labels": [f"{m:%Y-%m}" for m, _n in months],
            "series": [{"name": "留言数", "data": [n for _m, n in months]}],
        },
    )


def message_unit_rates(ctx: Context) -> dict | None:
    from renda.contact import policy, rates, selectors

    weights = policy.for_body(ctx.user.home_body).weights
    rows = rates.ranking(
        selectors.messages_for(ctx.user),
        group="unit",
        start=ctx.start,
        end=ctx.end,
        weights=weights,
        on=ctx.on,
    )
    out = [
        {
            "label": r.name,
            "rank": r.rank or None,
            "items": r.received,
            "url": _url("contact:rates", group="unit", start=ctx.start, end=ctx.end),
            "on_time": _rate(r.response_num, r.response_den),
            "solved": _rate(r.resolved, r.rated),
            "satisfied": _rate(r.satisfied, r.rated),
            "total": r.total,
        }
        for r in rows[:10]
    ]
    for r in out:
        r["rates"] = [r["on_time"], r["solved"], r["satisfied"]]
    return figure(
        definition=(
            "群众留言三率（承办单位）：响应率 = 按期答复 / 应答复；解决率 = 评价“已解决” / 已评价；满意率 = 满意和"
            f"基本满意 / 已评价；综合得分权重 {weights[0]}/{weights[1]}/{weights[2]}。区间为 Wilson 95% 置信区间。"
        ),
        n=sum(r.received for r in rows),
        url=_url("contact:rates", group="unit", start=ctx.start, end=ctx.end),
        rows=out,
        kind="ranking",
        labels={"on_time": "响应率", "solved": "解决率", "satisfied": "满意率"},
    )


def stations_activity(ctx: Context) -> dict:
    from renda.contact import selectors
    from renda.contact.choices import ReceptionStatus

    stations = selectors.stations_in_scope(ctx.user)
    rec = (
        selectors.receptions_for(ctx.user)
        .filter(date__range=(ctx.start, ctx.end))
        .order_by()
        .values("station_id")
        .annotate(
            served=Count("id", filter=Q(status=ReceptionStatus.SERVED)),
            visitors=Sum("visitors", filter=Q(status=ReceptionStatus.SERVED)),
        )
    )
    rec = {r["station_id"]: r for r in rec}
    msgs = dict(
        _messages_in_period(ctx)
        .filter(station__isnull=False)
        .order_by()
        .values_list("station_id")
        .annotate(n=Count("id"))
    )
    rows = []
    for sid, name in stations.order_by().values_list("id", "name"):
        r = rec.get(sid, {})
        rows.append(
            {
                "label": name,
                "served": r.get("served", 0),
                "visitors": r.get("visitors") or 0,
                "messages": msgs.get(sid, 0),
                "url": _url("contact:stats", station=sid),
            }
        )
    rows.sort(key=lambda r: (-r["served"], -r["messages"], r["label"]))
    active = sum(1 for r in rows if r["served"] or r["messages"])
    return figure(
        definition=(
            f"{ctx.start:%Y-%m-%d} 至 {ctx.end:%Y-%m-%d}：接待日按“已接待”计数，接待人次为登记人数之和；"
            "留言为经该站收到的留言。活跃站点 = 有接待或留言的站点。"
        ),
        n=len(rows),
        url=reverse("contact:receptions"),
        rows=rows[:12],
        kind="stations",
        active=active,
        served=sum(r["served"] for r in rows),
        visitors=sum(r["visitors"] for r in rows),
    )
