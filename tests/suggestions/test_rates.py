"""Rates and rankings (issue 7 "Rates and rankings"): numerators and denominators, Wilson intervals, ties,
units below the minimum listed apart, unrated items excluded from satisfaction."""

from datetime import date

import pytest

from renda.suggestions import rates
from renda.suggestions.models import Assignment, Policy
from tests.factories.core import UnitFactory
from tests.factories.suggestions import SuggestionFactory


def _parts(unit, mandate, staff, rows):
    for on_time, klass, result, unrated in rows:
        s = SuggestionFactory(lead=mandate, created_by=staff, state="evaluated", reply_due=date(2026, 6, 1))
        Assignment.objects.create(
            suggestion=s,
            unit=unit,
            role="lead",
            status="accepted",
            year=2026,
            assigned_on=date(2026, 3, 1),
            return_due=date(2026, 3, 10),
            assigned_by=staff,
            replied_on=date(2026, 5, 1),
            on_time=on_time,
            reply_class=klass,
            result=result,
            attitude=result,
            unrated=unrated,
        )


def test_wilson_interval_is_wide_for_one_item_and_inside_0_1():
    one = rates.Rate(1, 1).interval
    many = rates.Rate(90, 100).interval
    assert 0 <= one[0] < 0.3 and one[1] == 1.0
    assert many[1] - many[0] < 0.15
    assert rates.Rate(0, 0).value is None and rates.Rate(0, 0).interval is None


def test_ranking_ties_small_units_and_unrated(county, mandate, staff):
    Policy.objects.update_or_create(body=county, defaults={"min_items": 3})
    a, b, c, tiny = (UnitFactory(body=county, name=n) for n in ("甲局", "乙局", "丙局", "丁局"))
    good = [(True, "A", "satisfied", False)] * 3
    _parts(a, mandate, staff, good)
    _parts(b, mandate, staff, good)
    _parts(
        c,
        mandate,
        staff,
        [(False, "D", "unsatisfied", False), (True, "B", "", True), (True, "A", "basically", False)],
    )
    _parts(tiny, mandate, staff, [(True, "A", "satisfied", False)])
    rows = rates.unit_rates(body=county, year=2026, on=date(2026, 11, 1))
    by = {r["unit"]: r for r in rows}
    assert by["甲局"]["rank"] == by["乙局"]["rank"] == 1 and by["甲局"]["tied"]
    assert by["丙局"]["rank"] == 3
    assert by["丁局"]["rank"] is None and by["丁局"]["small"] and rows[-1]["unit"] == "丁局"
    # the unrated part is out of the satisfaction denominator but counted apart
    assert (by["丙局"]["satisfied"].num, by["丙局"]["satisfied"].den, by["丙局"]["unrated"]) == (1, 2, 1)
    assert (by["丙局"]["on_time"].num, by["丙局"]["on_time"].den) == (2, 3)
    assert (by["丙局"]["solved_a"].num, by["丙局"]["solved_ab"].num, by["丙局"]["solved_ab"].den) == (1, 2, 3)
    assert all(0 <= r["total"] <= 1 for r in rows)


@pytest.mark.parametrize("weights", [(1, 0, 0), (0, 0, 1)])
def test_weights_change_the_total(county, mandate, staff, weights):
    Policy.objects.update_or_create(
        body=county,
        defaults=dict(
            zip(("weight_on_time", "weight_solved", "weight_satisfied"), weights, strict=True), min_items=1
        ),
    )
    u = UnitFactory(body=county)
    _parts(u, mandate, staff, [(True, "D", "unsatisfied", False), (True, "D", "unsatisfied", False)])
    total = rates.unit_rates(body=county, year=2026)[0]["total"]
    assert total == (1.0 if weights[0] else 0.0)


def test_baseline_sql_counts_what_the_aggregate_counts(county, mandate, staff):
    from django.db import connection

    u = UnitFactory(body=county)
    _parts(u, mandate, staff, [(True, "A", "satisfied", False), (False, "C", "", True)])
    on = date(2026, 11, 1)
    orm = next(iter(rates.aggregate(body=county, year=2026, on=on)))
    with connection.cursor() as cur:
        cur.execute(
            rates.BASELINE_SQL.replace("%(on)s", "%s").replace("%(body)s", "%s").replace("%(year)s", "%s"),
            [on, county.pk, 2026],
        )
        cols = [c[0] for c in cur.description]
        raw = dict(zip(cols, cur.fetchone(), strict=True))
    for key in (
        "items",
        "due",
        "on_time",
        "replied",
        "a",
        "ab",
        "rated",
        "satisfied",
        "att_rated",
        "att_ok",
        "unrated",
    ):
        assert orm[key] == raw[key], key
