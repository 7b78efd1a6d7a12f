"""Demo, budget networked supervision: every department's items and months (patterns that trip B10/B11/B12/
B14), the dated events of the year (table below) for the date rules, the run, and a closed loop on a third of
the warnings (explained, closed, tracked)."""

from datetime import date
from decimal import Decimal as D

from . import services
from .choices import EventKind as E
from .demo_texts import BUDGET_ITEMS
from .models import Event, Line, Month, Warning

YEAR = 2026

# (kind, unit: index into the county's units or "fin", base date "m-d", done "m-d", other fields)
EVENTS = (
    (E.ISSUE_DEPT, 3, "1-20", "2-28", {}),
    (E.ISSUE_DEPT, 4, "1-20", "2-5", {}),
    (E.ISSUE_UNIT, 5, "2-8", "3-10", {}),
    (E.TRANSFER_SPECIAL, None, "4-1", "7-2", {"title": "省级农业产业发展专项资金"}),
    (E.RESERVE_USE, 12, None, None, {"amount": D(800_000), "approved": False, "title": "应急抢险"}),
    (
        E.ADJUSTMENT,
        "fin",
        None,
        None,
        {"amount": D(30_000_000), "approved": False, "purpose": "增加举借债务"},
    ),
    (E.ADJUSTMENT, 9, None, None, {"amount": D(1_200_000), "approved": False, "purpose": "项目调剂"}),
    (E.ADJUSTMENT_DRAFT, None, "8-26", "8-10", {}),
    (E.SURPLUS_USE, None, None, None, {"amount": D(5_000_000), "purpose": "弥补公用经费缺口"}),
    (E.CARRYOVER, 10, None, None, {"amount": D(650_000), "years": 2}),
    (E.CASH, 14, None, None, {"amount": D(120_000), "limit": D(50_000), "purpose": "会议费"}),
    (E.CASH, 15, None, None, {"amount": D(20_000), "limit": D(50_000), "purpose": "个人账户"}),
    (E.MIDYEAR_REPORT, None, "8-26", "8-26", {}),
    (E.DRAFT_BUDGET, None, "1-18", "1-2", {}),
    (E.FINAL_ISSUE, 6, "7-1", "8-8", {}),
    (E.DEBT, None, None, None, {"amount": D(2_150_000_000), "limit": D(2_100_000_000)}),
    (E.PROCUREMENT, 16, None, None, {"approved": False, "title": "办公设备采购化整为零"}),
)


def _day(md: str | None) -> date | None:
    if not md:
        return None
    m, d = md.split("-")
    return date(YEAR, int(m), int(d))


def _shares(ln, rng) -> list[D]:
    """Eleven months' shares of the budget: even, or one of the patterns a rule should catch."""
    pattern = rng.random()
    if ln.category == "reserve":
        return [D(0)] * 5 + [D("0.05")] * 6
    if pattern < 0.05:
        return [D("0.02")] * 11  # lagging badly (B14 red)
    if pattern < 0.15 and ln.category == "project":
        return [D(0)] * 3 + [D("0.09")] * 8  # zero Q1 (B11)
    if pattern < 0.2:
        return [D("0.055")] * 11  # lagging (B14 yellow)
    if ln.category == "three_public" and pattern > 0.93:
        return [D("0.1")] * 11  # over budget by November (B12)
    return [D(1) / 12] * 11


def load(sc, staff, units, rng, unit_users) -> None:
    lines = [
        Line(
            body=sc,
            year=YEAR,
            unit=u,
            code=f"{u.pk:03d}-{k + 1:02d}",
            name=f"{u.name.removeprefix('青山县')}{name}",
            category=cat,
            budget=D(rng.randrange(200, 3000) * 1000),
        )
        for u in units
        for k, (cat, name) in enumerate(BUDGET_ITEMS)
    ]
    lines.append(
        Line(
            body=sc,
            year=YEAR,
            unit=units[7],
            code="RES-01",
            name="本级预备费",
            category="reserve",
            budget=D(4_000_000),
        )
    )
    Line.objects.bulk_create(lines)
    months = [
        Month(line=ln, month=m, amount=(ln.budget * s * D(rng.uniform(0.85, 1.15))).quantize(D("0.01")))
        for ln in Line.objects.filter(body=sc, year=YEAR)
        for m, s in enumerate(_shares(ln, rng), start=1)
    ]
    Month.objects.bulk_create(months, batch_size=5000)
    fin = next((u for u in units if u.name.endswith("县财政局")), units[0])
    Event.objects.bulk_create(
        Event(
            body=sc,
            year=YEAR,
            kind=kind,
            unit=fin if unit == "fin" else (units[unit] if unit is not None else None),
            base_on=_day(base),
            done_on=_day(done),
            **extra,
        )
        for kind, unit, base, done, extra in EVENTS
    )
    services.budget.run(sc, YEAR, as_of=11, by=staff, today=date(YEAR, 12, 1))
    handler = {u.unit_id: u for u in unit_users}
    for n, w in enumerate(Warning.objects.filter(body=sc, year=YEAR).order_by("id")):
        if n % 3 == 0 and w.unit_id in handler:
            w = services.budget.act(
                w, "explain", text="项目实施方案调整，资金将于年底前按进度拨付。", by=handler[w.unit_id]
            )
            if n % 6 == 0:
                services.budget.act(w, "close", text="经线下核实，情况属实，已督促加快执行。", by=staff)
        elif n % 3 == 0 and w.unit_id:
            services.budget.act(w, "track", text="请书面说明原因并报告整改情况。", by=staff)
