"""Demo step: one year (2026) of supervision in the demo county, and the 2027 plan in draft.

Every kind of item (domain.md §5): the published plan; special reports with deliberation opinions in each
state (satisfied, unsatisfied and followed up, overdue, awaiting a satisfaction vote); inspections; budget
data of every department with warnings from rules B1–B17; a department appraisal (30 appraised, 24 ranked
together) and a 述职评议 of appointed officials; an online hearing held and one collecting questions;
livelihood projects rated by the deputies; record filings; case-quality review; major matters decided by
meeting polls. One module per kind (demo_budget, demo_appraisal, demo_hearings, demo_other, demo_matters).
"""

from datetime import date, timedelta
from random import Random

from django.db import transaction
from faker import Faker

from renda.core import demo as core_demo
from renda.core.models import Body, Unit

from . import demo_appraisal, demo_budget, demo_hearings, demo_matters, demo_other, services
from .choices import (
    Grade,
    ItemStatus,
    Kind,
)
from .demo_texts import ITEMS, OPINIONS, REPORTS

YEAR = 2026


@core_demo.register(60, "人大监督")
def load(county: core_demo.DemoCounty) -> None:
    rng = Random(20261203)
    fake = Faker("zh_CN")
    fake.seed_instance(20261203)
    staff = county.accounts["staff"]
    sc = county.standing_committee
    units = {}
    for u in Unit.objects.filter(body=county.county):  # the demo county names them 青山县××局
        units[u.name] = units[
            u.name.replace("青山县", "县", 1) if u.name.startswith("青山县") else u.name
        ] = u
    committees = {b.name.removeprefix("青山县人大"): b for b in Body.objects.filter(parent=county.county)}
    with transaction.atomic():
        items = _plan(sc, staff, units, committees, fake)
        _opinions(items, staff, units)
        services.plan.create_plan(body=sc, year=YEAR + 1, by=staff)
        unit_list = list(Unit.objects.filter(body=county.county).order_by("id"))
        demo_budget.load(sc, staff, unit_list, rng, _unit_users())
        demo_appraisal.load(sc, staff, unit_list, items, rng, fake)
        demo_hearings.load(sc, staff, units, items)
        demo_other.load(sc, staff, units, rng, county.accounts.get("deputy"))
        demo_matters.load(sc, staff, county.accounts.get("leader"), units, _unit_users())
    _satisfaction_poll(sc, staff)


def _plan(sc, staff, units, committees, fake):
    plan = services.plan.create_plan(body=sc, year=YEAR, by=staff)
    items = []
    for kind, title, unit, committee, month, law in ITEMS:
        meeting = date(YEAR, month, 26) if month else None
        start = date(YEAR, month - 1, 5) if month and month > 1 else date(YEAR, 3, 1)
        it = services.plan.add_item(
            plan,
            kind=kind,
            title=title,
            unit=units.get(unit),
            committee=committees.get(committee),
            meeting_date=meeting,
            start=start,
            end=start + timedelta(days=40),
            law=law,
            by=staff,
        )
        if kind == Kind.INSPECTION:
            it.team = "、".join(fake.name() for _ in range(6)) + "（常委会组成人员、县人大代表）"
            it.sites = "、".join(f"{fake.last_name()}家镇{w}" for w in ("农贸市场", "学校食堂", "生产企业"))
            it.findings = "一是部分经营主体主体责任落实不到位；二是基层监管力量薄弱；三是宣传普及不够深入。"
            it.save(update_fields=["team", "sites", "findings"])
        items.append(it)
    services.plan.publish_plan(plan, by=staff)
    for it in items:
        if it.meeting_date and it.meeting_date < date(YEAR, 12, 1):
            it.materials_in = it.final_due - timedelta(days=1 if it.pk % 5 else -3)  # one in five late
            it.status = ItemStatus.HEARD
            it.save(update_fields=["materials_in", "status"])
    return items


def _opinions(items, staff, units):
    handler = {u.unit_id: u for u in _unit_users()}
    reports = [
        i
        for i in items
        if i.kind in (Kind.SPECIAL_REPORT, Kind.INSPECTION, Kind.BUDGET_REVIEW)
        and i.status == ItemStatus.HEARD
    ]
    for n, it in enumerate(reports):
        if it.unit is None:
            continue
        o = services.opinions.draft(
            it, text=OPINIONS[n % len(OPINIONS)], unit=it.unit, by=staff, on=it.meeting_date
        )
        sent = it.meeting_date + timedelta(days=6)
        o = services.opinions.send(o, by=staff, on=sent)
        by = handler.get(it.unit_id, staff)
        stage = n % 4
        if stage == 3 and it.meeting_date.month >= 6:
            continue  # sent, waiting (overdue for the early ones)
        if sent + timedelta(days=80) > date(YEAR, 12, 3):
            continue
        o = services.opinions.submit_report(o, text=REPORTS[n % 2], by=by, on=sent + timedelta(days=80))
        if stage == 2:
            continue  # reported, waiting for the satisfaction vote
        grade = Grade.UNSATISFIED if stage == 1 else (Grade.SATISFIED if n % 2 else Grade.BASIC)
        split = (
            "满意 6 / 基本满意 4 / 不满意 5，实到 15 人"
            if grade == Grade.UNSATISFIED
            else "满意 11 / 基本满意 3 / 不满意 1，实到 15 人"
        )
        services.opinions.evaluate(
            o,
            grade=grade,
            source=f"常委会会议无记名测评：{split}（镇海区例计票规则）",
            by=staff,
            on=sent + timedelta(days=90),
        )
        if grade != Grade.UNSATISFIED:
            it.status = ItemStatus.DONE
            it.save(update_fields=["status"])


def _unit_users():
    from renda.core.models import User
    from renda.core.roles import UNIT_ROLES

    return User.objects.filter(role__in=UNIT_ROLES).exclude(unit=None)


def _satisfaction_poll(sc, staff):
    """An open satisfaction vote on a reported opinion, so members can vote on their phones (renda.voting)."""
    from .models import Opinion
    from .services import votes

    o = Opinion.objects.filter(item__plan__body=sc, status="reported").first()
    if o is None or not votes.available():
        return
    try:
        poll = votes.open_rating(
            body=sc,
            title=f"满意度测评：{o.item.title}",
            subject=o,
            electorate=votes.electorate_of(sc),
            by=staff,
        )
    except Exception:
        return
    Opinion.objects.filter(pk=o.pk).update(poll_id=poll.pk)
