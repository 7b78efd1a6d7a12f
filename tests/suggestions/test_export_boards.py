"""The staff boards as xlsx (issue 19): the screening queue, the hand-over board (with its 人大机关 filter
named, not numbered) and the overdue board per unit — exactly the page's rows, never another county's."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.suggestions.models import Assignment, DueState, State
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory, UnitFactory
from tests.factories.deputies import MandateFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere():
    return MandateFactory(body=BodyFactory(name="别县人民代表大会"))


def test_screening_export_has_the_queue_and_nothing_out_of_scope(login, staff, county, elsewhere):
    seat = MandateFactory(body=county)
    for i in range(2):
        SuggestionFactory(
            lead=seat,
            created_by=staff,
            state=State.SUBMITTED,
            title=f"待审查{i}",
            submitted_at=timezone.now() - dt.timedelta(days=2 - i),
        )
    SuggestionFactory(lead=elsewhere, created_by=staff, state=State.SUBMITTED, title="别县待审查")
    c = login(staff)
    page = shown(c, "/work/suggestions/screening/", key="queue")
    rows = exported(c, "/work/suggestions/screening/")
    assert [r[2] for r in rows] == [s.title for s in page] == ["待审查0", "待审查1"]
    assert rows[0][1] == "建议、批评和意见"  # the kind as its label


def test_board_export_follows_the_body_filter_and_names_it(login, staff, county, elsewhere):
    seat = MandateFactory(body=county)
    for i in range(2):
        SuggestionFactory(
            lead=seat,
            created_by=staff,
            state=State.ACCEPTED,
            title=f"待交办{i}",
            handover_due=dt.date(2026, 3, 10 + i),
        )
    SuggestionFactory(lead=elsewhere, created_by=staff, state=State.ACCEPTED, title="别县待交办")
    c = login(staff)
    params = {"body": county.pk}
    page = shown(c, "/work/suggestions/board/", params, key="queue")
    rows = exported(c, "/work/suggestions/board/", params, shows={"body": county.name})
    assert [r[1] for r in rows] == [s.title for s in page] == ["待交办0", "待交办1"]
    assert rows[0][4].date() == dt.date(2026, 3, 10)


def test_overdue_export_has_the_units_of_the_page_and_nothing_out_of_scope(
    login, staff, county, unit, elsewhere
):
    def part(item, unit):
        Assignment.objects.create(
            suggestion=item,
            unit=unit,
            role="lead",
            status="accepted",
            year=2026,
            assigned_on=dt.date(2026, 3, 2),
            return_due=dt.date(2026, 3, 11),
            assigned_by=staff,
        )

    seat = MandateFactory(body=county)
    for due in (DueState.OVERDUE, DueState.OVERDUE, DueState.SOON):
        part(SuggestionFactory(lead=seat, created_by=staff, state=State.HANDLING, due_state=due), unit)
    far = SuggestionFactory(
        lead=elsewhere, created_by=staff, state=State.HANDLING, due_state=DueState.OVERDUE
    )
    part(far, UnitFactory(name="别县财政局", body=elsewhere.body))
    c = login(staff)
    page = shown(c, "/work/suggestions/overdue/", key="board")
    rows = exported(c, "/work/suggestions/overdue/")
    assert [r[0] for r in rows] == [b["unit"] for b in page] == [unit.name]
    assert rows[0][1:3] == (2, 1) and "答复：超期 2 / 临期 1" in rows[0][3]
