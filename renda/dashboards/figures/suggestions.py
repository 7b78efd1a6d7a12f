"""Suggestion panels: state and kind, reply class, unit rankings and counts, overdue, 督办 (suggestions.selectors/rates)."""

from django.db.models import Count, Q
from django.urls import reverse

from ..panels import Context, figure, row
from ._common import _rate, _url


def suggestions_by_state(ctx: Context) -> dict:
    from renda.suggestions import selectors
    from renda.suggestions.models import Kind, State

    # One grouped query for both breakdowns (state and kind).
    pairs = (
        selectors.items_for(ctx.user)
        .filter(year=ctx.year)
        .exclude(state=State.DRAFT)
        .order_by()
        .values_list("state", "kind")
        .annotate(n=Count("id"))
    )
    counts: dict[str, int] = {}
    kinds: dict[str, int] = {}
    for state, kind, n in pairs:
        counts[state] = counts.get(state, 0) + n
        kinds[kind] = kinds.get(kind, 0) + n
    n = sum(counts.values())
    rows = [
        row(State(s).label, counts[s], url=_url("suggestions:list", state=s, year=ctx.year))
        for s in State.values
        if counts.get(s)
    ]
    return figure(
        definition=f"{ctx.year} 年度提出的建议和议案（不含草稿），按当前状态计数。",
        n=n,
        url=_url("suggestions:list", year=ctx.year),
        rows=rows,
        kinds=[
            row(Kind(k).label, kinds.get(k, 0), url=_url("suggestions:list", kind=k, year=ctx.year))
            for k in Kind.values
        ],
        chart={
            "type": "pie",
            "labels": [r["label"] for r in rows],
            "series": [{"data": [r["value"] for r in rows]}],
        },
    )


def _unit_rates(ctx: Context) -> list[dict]:
    from renda.suggestions import rates

    return ctx.once("unit_rates", lambda: rates.unit_rates(body=ctx.body, year=ctx.year, on=ctx.on))


def suggestions_by_class(ctx: Context) -> dict | None:
    from renda.suggestions import rates
    from renda.suggestions.models import ReplyClass

    if ctx.body is None:
        return None
    shares = rates.class_shares(body=ctx.body, year=ctx.year)
    n = sum(shares.values())
    url = _url("suggestions:rankings", year=ctx.year)
    rows = [row(ReplyClass(k).label, shares.get(k, 0), url=url) for k in ReplyClass.values]
    return figure(
        definition="已答复的主办、分办件按答复类别计数（不含已退回的交办）；交办年度为本年度。",
        n=n,
        url=url,
        rows=rows,
        chart={
            "type": "pie",
            "labels": [k for k in ReplyClass.values],
            "series": [{"data": [r["value"] for r in rows]}],
        },
    )


def unit_rankings(ctx: Context) -> dict | None:
    from renda.suggestions import rates

    if ctx.body is None:
        return None
    rows = _unit_rates(ctx)
    total = rates.totals(rows)
    out = []
    for r in rows[:12]:
        out.append(
            {
                "label": r["unit"],
                "rank": r["rank"],
                "tied": r["tied"],
                "items": r["items"],
                "url": _url("suggestions:list", unit=r["unit_id"], year=ctx.year),
                "on_time": _rate(r["on_time"].num, r["on_time"].den),
                "solved": _rate(r["solved_ab"].num, r["solved_ab"].den),
                "satisfied": _rate(r["satisfied"].num, r["satisfied"].den),
                "total": round(r["total"] * 100, 1),
            }
        )
        out[-1]["rates"] = [out[-1]["on_time"], out[-1]["solved"], out[-1]["satisfied"]]
    return figure(
        definition=(
            "按时办复率 = 按期首次答复 / 已答复或已超期的件；解决率 = A+B 类 / 已答复；满意率 = 满意和基本满意 / "
            "已评价。区间为 Wilson 95% 置信区间；件数少于政策最低件数的单位不排名。"
        ),
        n=total["items"],
        url=_url("suggestions:rankings", year=ctx.year),
        rows=out,
        kind="ranking",
        totals={k: _rate(total[k].num, total[k].den) for k in ("on_time", "solved_ab", "satisfied")},
        units_total=len(rows),
    )


def items_by_unit(ctx: Context) -> dict | None:
    if ctx.body is None:
        return None
    rows = sorted(_unit_rates(ctx), key=lambda r: -r["items"])
    top = rows[:10]
    return figure(
        definition="本年度交办给各单位的主办、分办件数（不含已退回）。",
        n=sum(r["items"] for r in rows),
        url=_url("suggestions:rankings", year=ctx.year),
        rows=[
            row(r["unit"], r["items"], url=_url("suggestions:list", unit=r["unit_id"], year=ctx.year))
            for r in top
        ],
        chart={
            "type": "bar",
            "labels": [r["unit"] for r in reversed(top)],
            "series": [{"name": "件数", "data": [r["items"] for r in reversed(top)]}],
        },
    )


def overdue(ctx: Context) -> dict:
    from renda.contact import selectors as contact
    from renda.suggestions import selectors
    from renda.suggestions.models import DueState

    c = selectors.items_for(ctx.user).aggregate(
        overdue=Count("id", filter=Q(due_state=DueState.OVERDUE)),
        soon=Count("id", filter=Q(due_state=DueState.SOON)),
    )
    messages = contact.overdue(ctx.user, on=ctx.on).count()
    rows = [
        row("超期未办的建议", c["overdue"], url=reverse("suggestions:overdue"), tone="danger"),
        row("即将到期的建议", c["soon"], url=_url("suggestions:list", due=DueState.SOON), tone="warning"),
        row("超期未办的群众留言", messages, url=reverse("contact:overdue"), tone="danger"),
    ]
    return figure(
        definition="当前所处环节已过期限的在办事项（建议按工作日、留言按期限时刻计算），全部年度。",
        n=c["overdue"] + messages,
        url=reverse("suggestions:overdue"),
        rows=rows,
    )


def priority(ctx: Context) -> dict:
    from renda.suggestions import selectors
    from renda.suggestions.models import OPEN_STATES, State

    qs = selectors.items_for(ctx.user).filter(year=ctx.year, is_priority=True)
    c = qs.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(state__in=OPEN_STATES)),
        closed=Count("id", filter=Q(state=State.CLOSED)),
    )
    themes = list(
        selectors.supervisions(ctx.user, year=ctx.year)
        .annotate(n=Count("items"))
        .values_list("theme", "supervising_leader", "n")[:8]
    )
    url = _url("suggestions:list", priority=1, year=ctx.year)
    return figure(
        definition="本年度确定为重点督办的建议；督办主题按领导领衔督办登记。",
        n=c["total"],
        url=url,
        rows=[
            row("重点督办建议", c["total"], url=url),
            row("在办", c["open"], url=_url("suggestions:list", priority=1, state="open", year=ctx.year)),
            row(
                "已办结",
                c["closed"],
                url=_url("suggestions:list", priority=1, state=State.CLOSED, year=ctx.year),
            ),
        ],
        themes=[{"theme": t, "leader": lead, "n": n} for t, lead, n in themes],
        themes_url=reverse("suggestions:leader"),
    )
