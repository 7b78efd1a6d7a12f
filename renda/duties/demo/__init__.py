"""Demo step: three years (2024–today) of duty records for every demo deputy, bulk-created.

A realistic spread: about 8 % very active, most average, about 15 % inactive (they fall into the poor band and
get talk cases; two county deputies missed two congress sessions and carry the Art. 62 flag). Sessions, group
activities and inspections are organised activities with attendance; the rest are declarations (a few still
waiting for review), suggestions accepted, and reports to voters with the voters' evaluation.
"""

from datetime import date
from random import Random

from django.db import transaction
from django.utils import timezone

from renda.core import demo as core_demo

from .. import services
from ..models import Award, DutyType, LeaveRequest, TypePoints
from .texts import YEARS
from .years import DemoYears


@core_demo.register(40, "代表履职")
def load(county: core_demo.DemoCounty) -> None:
    from renda.deputies.models import Mandate

    rng = Random(20261125)
    today = timezone.localdate()
    staff = county.accounts.get("staff")
    bodies = [county.county, *county.townships]
    with transaction.atomic():
        for b in bodies:
            services.ensure_types(b)
            for y in YEARS:
                # All five items of "五个一" (domain.md §3.3 Xiangzhou), the yearly report to voters included.
                services.ruleset_for(b, y)
        types = {(t.body_id, t.code): t for t in DutyType.objects.filter(body__in=bodies)}
        points = {
            (tp.ruleset.body_id, tp.ruleset.year, tp.duty_type_id): tp.points
            for tp in TypePoints.objects.filter(ruleset__body__in=bodies).select_related("ruleset")
        }
        mandates = list(Mandate.objects.filter(body__in=bodies).select_related("person", "body"))
        deputy_user = county.accounts.get("deputy")
        level = {}
        for m in mandates:
            roll = rng.random()
            level[m.pk] = (
                1.0
                if m.person.user_id == getattr(deputy_user, "pk", None)
                else (
                    rng.uniform(1.5, 2.2)
                    if roll < 0.08
                    else rng.uniform(0.1, 0.45)
                    if roll < 0.22
                    else rng.uniform(0.88, 1.25)
                )
            )
        art62 = [
            m for m in mandates if m.body_id == county.county.pk and level[m.pk] < 0.45 and m.end_date is None
        ][:2]
        ctx = DemoYears(rng, today, staff, types, points, level, county.county.short_name or "青山县")
        for b in bodies:
            members = [m for m in mandates if m.body_id == b.pk]
            for year in YEARS:
                ctx.session(b, members, year, force_absent=art62 if year in (2025, 2026) else [])
                ctx.groups(b, members, year)
                if b.pk == county.county.pk:
                    ctx.inspections(b, members, year)
            ctx.individual(members)
        ctx.flush()
        LeaveRequest.objects.bulk_create(ctx.leaves, batch_size=2000)
        ctx.reports(county.townships[:4], [m for m in mandates if m.body_id != county.county.pk])
        ctx.upcoming(county.county, [m for m in mandates if m.body_id == county.county.pk], deputy_user)
        Award.objects.bulk_create(
            Award(
                mandate=m,
                on=date(y, 12, 20),
                title="优秀人大代表",
                issuer=f"{m.body.short_name or m.body}人大",
            )
            for y in (2024, 2025)
            for m in rng.sample([m for m in mandates if level[m.pk] > 1.4], 6)
        )
        for m in art62:
            services.check_art62(m)
        for b in bodies:
            for y in YEARS:
                services.evaluate_year(b, y, today=today, by=staff)
        _close_past(today, staff)


def _close_past(today: date, staff) -> None:
    """Past years' talks were held and followed up; past minimum flags lapsed with the year."""
    from ..choices import TalkStatus, TriggerKind, TriggerStatus
    from ..models import TalkCase, Trigger

    TalkCase.objects.filter(trigger__year__lt=today.year).update(
        status=TalkStatus.CLOSED,
        held_on=date(today.year, 1, 20),
        talked_by="县人大常委会代表工作委员会主任",
        content="通报上年度履职积分和等次，了解未参加活动的原因，提醒代表依法履职。",
        commitments="按时参加代表小组活动，每季度至少走访一次联系户。",
        follow_up="已按承诺参加本年度代表小组活动。",
    )
    Trigger.objects.filter(year__lt=today.year, status=TriggerStatus.OPEN).exclude(
        kind=TriggerKind.ART62
    ).update(
        status=TriggerStatus.ACTED, decided_by=staff, decided_at=timezone.now(), decision_note="已约谈并跟踪"
    )
