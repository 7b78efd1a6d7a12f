"""Home-page counts for staff count each suggestion once, whatever number of units it was handed to."""

import datetime as dt

import pytest

from renda.suggestions.models import Assignment
from renda.suggestions.models.choices import DueState, State
from renda.suggestions.waiting import for_staff
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def test_overdue_item_with_three_units_counts_once(staff, unit, other_unit, county, mandate):
    from tests.factories.core import UnitFactory

    item = SuggestionFactory(lead=mandate, created_by=staff, state=State.HANDLING, due_state=DueState.OVERDUE)
    third = UnitFactory(body=county)
    for u, role in ((unit, "lead"), (other_unit, "co"), (third, "co")):
        Assignment.objects.create(
            suggestion=item,
            unit=u,
            role=role,
            year=2026,
            assigned_on=dt.date(2026, 3, 2),
            return_due=dt.date(2026, 3, 11),
            assigned_by=staff,
        )
    counts = {w.label: w.count for w in for_staff(staff)}
    assert counts["超期未办建议"] == 1
