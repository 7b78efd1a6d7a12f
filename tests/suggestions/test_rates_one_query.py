"""The unit ranking costs one aggregate query per year (issue 7 "Performance"), compiled once and run with
each body's, year's and date's values: the figures are those of the ORM aggregate, for every body and year."""

from datetime import date

import pytest

from renda.core import policy as resolver
from renda.suggestions import rates
from renda.suggestions.models import Assignment, Policy
from tests.factories.core import BodyFactory, UnitFactory
from tests.factories.deputies import MandateFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def _part(unit, lead, staff, *, year, reply_due, replied_on=None, klass="", result=""):
    s = SuggestionFactory(lead=lead, created_by=staff, state="handling", reply_due=reply_due)
    Assignment.objects.create(
        suggestion=s,
        unit=unit,
        role="lead",
        status="accepted",
        year=year,
        assigned_on=date(year, 3, 1),
        return_due=date(year, 3, 10),
        assigned_by=staff,
        replied_on=replied_on,
        on_time=replied_on and replied_on <= reply_due,
        reply_class=klass,
        result=result,
        attitude=result,
    )


@pytest.fixture
def two_bodies(county, mandate, staff):
    other = BodyFactory(name="白石县人民代表大会")
    other_lead = MandateFactory(body=other)
    here, there = UnitFactory(body=county, name="甲局"), UnitFactory(body=other, name="乙局")
    _part(
        here,
        mandate,
        staff,
        year=2025,
        reply_due=date(2025, 6, 1),
        replied_on=date(2025, 5, 2),
        klass="A",
        result="satisfied",
    )
    _part(here, mandate, staff, year=2025, reply_due=date(2025, 12, 1))
    _part(
        here,
        mandate,
        staff,
        year=2026,
        reply_due=date(2026, 6, 1),
        replied_on=date(2026, 7, 1),
        klass="C",
        result="unsatisfied",
    )
    for _ in range(3):
        _part(
            there,
            other_lead,
            staff,
            year=2025,
            reply_due=date(2025, 9, 1),
            replied_on=date(2025, 8, 1),
            klass="B",
            result="basically",
        )
    return county, other


@pytest.mark.parametrize("year", [2025, 2026, 2027])
@pytest.mark.parametrize("on", [date(2025, 7, 1), date(2025, 12, 2), date(2026, 11, 1)])
def test_compiled_rows_are_the_orm_aggregate_for_every_body_year_and_date(two_bodies, year, on):
    for body in two_bodies:
        want = sorted(rates.aggregate(body=body, year=year, on=on), key=lambda r: r["unit_id"])
        got = sorted(rates.aggregate_rows(body=body, year=year, on=on), key=lambda r: r["unit_id"])
        assert got == want


def test_the_date_counts_replies_that_became_due(two_bodies):
    county, _other = two_bodies
    before = rates.aggregate_rows(body=county, year=2025, on=date(2025, 11, 30))
    after = rates.aggregate_rows(body=county, year=2025, on=date(2025, 12, 2))
    assert (before[0]["items"], before[0]["due"], after[0]["due"]) == (2, 1, 2)


def test_ranking_is_one_query_for_each_body_and_year(two_bodies, django_assert_num_queries):
    policies = {b: resolver.resolve(Policy, b) for b in two_bodies}
    for body, policy in policies.items():
        for year in (2025, 2026):
            with django_assert_num_queries(1):
                rows = rates.unit_rates(body=body, year=year, on=date(2026, 11, 1), policy=policy)
            assert all(r["unit"] == ("甲局" if body == two_bodies[0] else "乙局") for r in rows)


def test_without_the_compiled_sql_the_orm_gives_the_same_ranking(two_bodies, monkeypatch):
    county, other = two_bodies
    compiled = [rates.unit_rates(body=b, year=2025, on=date(2026, 11, 1)) for b in (county, other)]
    monkeypatch.setattr(rates, "_compiled", lambda vendor: None)
    assert [rates.unit_rates(body=b, year=2025, on=date(2026, 11, 1)) for b in (county, other)] == compiled


def test_the_ranking_runs_the_sql_compiled_once_not_the_orm_each_time(two_bodies, monkeypatch):
    from django.db import connection

    county, other = two_bodies
    assert rates._compiled(connection.vendor) is not None  # every stand-in found in the compiled SQL
    expected = rates.unit_rates(body=other, year=2025, on=date(2026, 11, 1))

    def compile_again(**kwargs):
        raise AssertionError("the aggregate was compiled again")

    monkeypatch.setattr(rates, "aggregate", compile_again)
    assert rates.unit_rates(body=other, year=2025, on=date(2026, 11, 1)) == expected
    assert rates.unit_rates(body=county, year=2026, on=date(2026, 11, 1))[0]["items"] == 1
