"""Home-page "waiting" figures count each suggestion once, whatever number of units it was handed to or of
co-signers it has (docs/performance.md Findings 5; issue 7 "Deadlines and chasing": staff see what waits)."""

import datetime as dt

import pytest

from renda.suggestions.models import Assignment, CoSigner, Suggestion
from renda.suggestions.models.choices import DueState, State
from renda.suggestions.waiting import for_deputy, for_staff
from tests.factories.core import UnitFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def _part(item, unit, role, staff, status="accepted"):
    return Assignment.objects.create(
        suggestion=item,
        unit=unit,
        role=role,
        status=status,
        year=2026,
        assigned_on=dt.date(2026, 3, 2),
        return_due=dt.date(2026, 3, 11),
        assigned_by=staff,
    )


def test_staff_figures_count_an_item_handed_to_three_units_once(staff, unit, other_unit, county, mandate):
    # Two units ask to return the same overdue item: one return request to decide, one overdue item.
    item = SuggestionFactory(
        lead=mandate, created_by=staff, state=State.HANDED_OVER, due_state=DueState.OVERDUE
    )
    _part(item, unit, "lead", staff, status="return_requested")
    _part(item, other_unit, "co", staff, status="return_requested")
    _part(item, UnitFactory(body=county), "co", staff)
    for state in (State.SUBMITTED, State.ACCEPTED):
        SuggestionFactory(lead=mandate, created_by=staff, state=state)
    counts = {w.label: w.count for w in for_staff(staff)}
    assert counts == {"建议待审查": 1, "建议待交办": 1, "退回申请待处理": 1, "超期未办建议": 1}


def test_staff_figures_are_two_queries_whatever_the_number_of_items(
    staff, unit, mandate, django_assert_num_queries
):
    # One aggregate over the states and due state the indexes serve, one count of items with a return request.
    staff.body  # noqa: B018  (the scope reads the user's body; loaded once per request by the page)
    for n in (1, 4):
        while Suggestion.objects.count() < n:
            item = SuggestionFactory(
                lead=mandate, created_by=staff, state=State.HANDED_OVER, due_state=DueState.OVERDUE
            )
            _part(item, unit, "lead", staff, status="return_requested")
        with django_assert_num_queries(2):
            counts = {w.label: w.count for w in for_staff(staff)}
        assert counts == {"退回申请待处理": n, "超期未办建议": n}


def test_deputy_figures_count_a_joint_item_once(mandate, deputy_user, cosigners):
    # A replied joint item led by the deputy with two co-signers is one reply to rate, not two.
    item = SuggestionFactory(lead=mandate, state=State.REPLIED)
    for m in cosigners:
        CoSigner.objects.create(
            suggestion=item, mandate=m, confirmed_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        )
    SuggestionFactory(lead=mandate, state=State.DRAFT)
    counts = {w.label: w.count for w in for_deputy(deputy_user)}
    assert counts == {"答复待我评价": 1, "我的建议草稿": 1}


def test_a_cosigner_sees_the_joint_item_waiting_for_confirmation_once(mandate, cosigners, cosigner_users):
    item = SuggestionFactory(lead=mandate, state=State.COSIGNING)
    for m in cosigners:
        CoSigner.objects.create(suggestion=item, mandate=m)
    counts = {w.label: w.count for w in for_deputy(cosigner_users[0])}
    assert counts == {"联名建议待我确认": 1}
