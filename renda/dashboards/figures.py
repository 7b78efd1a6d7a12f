"""The built-in panels, read through the apps' own selectors and rate modules (no second copy of a rule).

Each function takes a `panels.Context` and returns a `panels.figure(...)`: definition, n, the list behind it.
Registered in `register_builtin()` (AppConfig.ready). Other apps add theirs the same way.
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse

from . import panels
from .panels import Context, figure, row


def _url(name: str, **query) -> str:
    q = {k: v for k, v in query.items() if v not in ("", None)}
    return reverse(name) + ("?" + urlencode(q) if q else "")


def _pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _rate(num: int, den: int) -> dict:
    """A rate with its numerator, denominator and Wilson 95 % interval (suggestions.rates.Rate)."""
    from renda.suggestions.rates import Rate

    r = Rate(num, den)
    return {"num": num, "den": den, "percent": r.percent(), "interval": r.interval_text(), "value": r.value}


# ---- suggestions --------------------------------------------------------------------------------------


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


# ---- voters' messages ---------------------------------------------------------------------------------


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


# ---- deputies -----------------------------------------------------------------------------------------


def townships_in_scope(user):
    from renda.core.models import BodyKind
    from renda.core.permissions import bodies_in_scope

    return (
        bodies_in_scope(user)
        .filter(kind__in=[BodyKind.PRESIDIUM, BodyKind.SUBDISTRICT_COMMITTEE])
        .order_by("path")
    )


def _short(name: str) -> str:
    from renda.core.models.bodies import OFFICE_SUFFIXES

    for suffix in OFFICE_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def deputies_by_township(ctx: Context) -> dict:
    """Approved duty records of the period per township: a township deputy's own township, else the township
    of a county deputy's constituency."""
    from renda.duties import selectors
    from renda.duties.choices import Review

    qs = (
        selectors.records_in_scope(ctx.user)
        .filter(on__range=(ctx.start, ctx.end), status=Review.APPROVED)
        .order_by()
        .values("mandate__body_id", "mandate__constituency__township_id")
        .annotate(records=Count("id"), deputies=Count("mandate_id", distinct=True))
    )
    towns = list(townships_in_scope(ctx.user).values_list("id", "name"))
    ids = {t for t, _ in towns}
    per: dict[int | None, dict] = {}
    for r in qs:
        key = (
            r["mandate__body_id"] if r["mandate__body_id"] in ids else r["mandate__constituency__township_id"]
        )
        key = key if key in ids else None
        d = per.setdefault(key, {"records": 0, "deputies": 0})
        d["records"] += r["records"]
        d["deputies"] += r["deputies"]
    url = _url("duties:records", start=ctx.start, end=ctx.end, status=Review.APPROVED)
    rows = [
        {
            "label": _short(name),
            "id": tid,
            "value": per.get(tid, {}).get("records", 0),
            "deputies": per.get(tid, {}).get("deputies", 0),
            "url": url,
        }
        for tid, name in towns
    ]
    if per.get(None):
        rows.append(
            {
                "label": "县级及其他",
                "id": None,
                "value": per[None]["records"],
                "deputies": per[None]["deputies"],
                "url": url,
            }
        )
    return figure(
        definition=(
            f"{ctx.start:%Y-%m-%d} 至 {ctx.end:%Y-%m-%d} 已确认的履职记录，按代表所在乡镇（街道）：乡镇代表按其人大，"
            "县级代表按其选区所在乡镇；“代表”为有记录的代表人数。"
        ),
        n=sum(r["value"] for r in rows),
        url=url,
        rows=rows,
        kind="tiles",
        unit="条",
        max=max((r["value"] for r in rows), default=0),
    )


# ---- what waits for the leader (live, per user) -----------------------------------------------------


def waiting_for_leader(ctx: Context) -> dict | None:
    from renda.core.roles import Role
    from renda.core.views.home import leader_figures

    if ctx.user.role != Role.LEADER:
        from renda.core import nav

        items = nav.waiting_for(ctx.user)
        return figure(
            definition="等待您处理的事项（各模块登记的待办），实时。",
            n=sum(w.count for w in items),
            rows=[row(w.label, w.count, url=w.url, tone=w.tone) for w in items],
            kind="waiting",
        )
    f = leader_figures(ctx.user, ctx.year)
    return figure(
        definition="等待领导决定的事项和超期未办事项，实时计数。",
        n=sum(d["count"] for d in f["decide"]),
        rows=[row(d["label"], d["count"], url=d["url"]) for d in f["decide"]],
        overdue=[row(d["label"], d["count"], url=d["url"]) for d in f["overdue"]],
        rates=[{"label": r["label"], "rate": _rate(r["rate"].num, r["rate"].den)} for r in f["rates"]],
        kind="leader",
    )


def register_builtin() -> None:
    P = panels.Panel
    for p in (
        P("waiting", "领导关注", waiting_for_leader, order=0, cached=False, screen=False, width=12),
        P("suggestions_state", "建议议案办理状态", suggestions_by_state, order=10),
        P("overdue", "超期未办", overdue, order=12),
        P("unit_rankings", "承办单位办理排名（建议）", unit_rankings, order=20, width=12),
        P("suggestions_unit", "各单位承办件数", items_by_unit, order=22),
        P("suggestions_class", "答复类别", suggestions_by_class, order=24),
        P("priority", "重点督办", priority, order=30),
        P("messages", "群众留言类别和趋势", messages_by_category, order=40),
        P("message_rates", "群众留言三率（承办单位）", message_unit_rates, order=42, width=12),
        P("townships", "代表履职（按乡镇）", deputies_by_township, order=50, width=12),
        P("stations", "联络站活跃度", stations_activity, order=60, width=12),
    ):
        panels.register(p)


# ---- panels that appear once the app behind them exists ----------------------------------------------


def hot_topics(ctx: Context) -> dict | None:
    """热点: `renda.insight.selectors.hot_topics(body, start, end, limit)` — the body's voters' messages, each
    topic scored against its own earlier periods (insight). The panel hides when there is no topic."""
    from renda.insight import selectors as insight

    if ctx.body is None:  # no congress in the viewer's scope: no voters' messages to read
        return None
    topics = insight.hot_topics(ctx.body, ctx.start, ctx.end, 10)
    if not topics:
        return None
    hot_url = reverse("insight:hot") + f"?start={ctx.start:%Y-%m-%d}&end={ctx.end:%Y-%m-%d}"
    out = [
        row(
            " · ".join(t.terms[:3]) or t.title,
            t.count,
            url=hot_url,
            note=f"{t.reporters} 人反映，热度 {t.heat:.1f}（较前期 {t.burst:+.1f}）",
            n=t.count,
        )
        for t in topics
    ]
    return figure(
        definition=(
            f"{ctx.start:%Y-%m-%d} 至 {ctx.end:%Y-%m-%d} 群众留言的热点话题：热度 = 反映人数 + 较本话题前几期的突增"
            "（insight 应用计算，同一人多次反映计一人）。"
        ),
        n=sum(t.count for t in topics),
        url=hot_url,
        rows=out,
    )


def supervision_due(ctx: Context) -> dict | None:
    """监督事项: what is late or open in this year's supervision (six counts through supervision's selectors,
    the same definitions as its overview page)."""
    from renda.supervision import selectors as supervision
    from renda.supervision.choices import FollowStatus, ItemStatus, OpinionStatus, WarningStatus

    items = supervision.items(ctx.user, year=ctx.year)
    followups = supervision.followups(ctx.user).filter(created_at__year=ctx.year)
    overview, followups_url = reverse("supervision:overview"), reverse("supervision:followups")
    late = items.filter(
        final_due__lt=ctx.on, materials_in__isnull=True, status__in=[ItemStatus.PLANNED, ItemStatus.PREPARING]
    )
    rows = [
        row(
            "审议意见逾期未报告办理情况",
            supervision.opinions(ctx.user)
            .filter(item__plan__year=ctx.year, status=OpinionStatus.SENT, report_due__lt=ctx.on)
            .count(),
            url=overview,
            tone="danger",
        ),
        row(
            "跟踪督办逾期未办结",
            followups.filter(status=FollowStatus.OPEN, due__lt=ctx.on).count(),
            url=followups_url,
            tone="danger",
        ),
        row("专项报告材料逾期未报送", late.count(), url=overview, tone="warning"),
        row("跟踪督办在办", followups.filter(status=FollowStatus.OPEN).count(), url=followups_url),
        row(
            "预算预警待处理",
            supervision.warnings(ctx.user).filter(year=ctx.year).exclude(status=WarningStatus.CLOSED).count(),
            url=reverse("supervision:warnings"),
        ),
    ]
    return figure(
        definition=(
            f"{ctx.year} 年度监督计划：审议意见按本机关时限规则的期限，跟踪督办按其自身期限，截至 {ctx.on:%Y-%m-%d}。"
        ),
        n=items.count(),
        url=overview,
        rows=rows,
    )


def upcoming_meetings(ctx: Context) -> dict | None:
    """近期会议: the meetings of the next 30 days in the viewer's scope (meetings.selectors)."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from renda.meetings import selectors as meetings
    from renda.meetings.models import State

    start = timezone.make_aware(datetime.combine(ctx.on, time.min))
    qs = (
        meetings.meetings_in_scope(ctx.user)
        .filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=30))
        .exclude(status=State.CANCELLED)
        .order_by("starts_at")
    )
    found = list(qs[:8])
    rows = [
        row(
            m.title,
            f"{timezone.localtime(m.starts_at):%m-%d %H:%M}",
            url=reverse("meetings:detail", args=[m.pk]),
            note=m.get_status_display(),
        )
        for m in found
    ]
    return figure(
        definition=f"{ctx.on:%Y-%m-%d} 起 30 天内召开的会议（不含已取消），按开始时间排列。",
        n=qs.count(),
        url=reverse("meetings:home"),
        rows=rows,
        unit="次",
    )


def register_optional() -> None:
    import importlib.util

    if importlib.util.find_spec("renda.insight.selectors") is not None:
        panels.register(panels.Panel("hot_topics", "热点话题", hot_topics, order=45))
    if importlib.util.find_spec("renda.supervision.selectors") is not None:
        panels.register(panels.Panel("supervision_due", "监督事项", supervision_due, order=55))
    if importlib.util.find_spec("renda.meetings.selectors") is not None:
        panels.register(panels.Panel("upcoming_meetings", "近期会议", upcoming_meetings, order=65))
