"""A plan's execution (年终执行情况): planned, held, cancelled and still open, per kind, in one query."""

from django.db.models import Count

from ..choices import ActivityKind, ActivityState
from ..models import ActivityPlan


def execution(plan: ActivityPlan) -> dict:
    counts = {k: {s: 0 for s in ActivityState.values} for k in ActivityKind.values}
    for kind, state, n in plan.activities.values_list("kind", "state").annotate(n=Count("id")).order_by():
        counts[kind][state] = n
    rows = []
    total = {s: 0 for s in ActivityState.values}
    for kind, label in ActivityKind.choices:
        c = counts[kind]
        if sum(c.values()):
            rows.append({"kind": label, **c, "all": sum(c.values())})
        for s in total:
            total[s] += c[s]
    planned = sum(total.values())
    rate = f"{total[ActivityState.HELD] * 100 / planned:.0f}%" if planned else "—"
    return {"rows": rows, "total": total, "all": planned, "rate": rate}
