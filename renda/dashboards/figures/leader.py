"""What waits for the viewer: the leader's decisions and overdue counts, else the staff's to-dos (live)."""

from ..panels import Context, figure, row
from ._common import _rate


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
