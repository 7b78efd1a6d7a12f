"""Deputies' duty records per township (duties.selectors)."""

from django.db.models import Count

from ..panels import Context, figure
from ._common import _url


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
