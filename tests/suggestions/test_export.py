"""The suggestion list as xlsx with its filters (issue 19): exactly the page's rows, never out of scope."""

import pytest

from renda.suggestions.models import State
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def test_filtered_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county):
    seat = MandateFactory(body=county)
    for i in range(3):
        SuggestionFactory(lead=seat, created_by=staff, state=State.HANDLING, title=f"在办建议{i}")
    SuggestionFactory(lead=seat, created_by=staff, state=State.CLOSED, title="已办结的建议")
    elsewhere = MandateFactory(body=BodyFactory(name="别县人民代表大会"))
    SuggestionFactory(lead=elsewhere, created_by=staff, state=State.HANDLING, title="别县的建议")
    c = login(staff)
    params = {"state": State.HANDLING}
    page = shown(c, "/work/suggestions/list/", params)
    rows = exported(c, "/work/suggestions/list/", params, shows={"state": "办理中"})
    assert sorted(r[3] for r in rows) == sorted(s.title for s in page) == [f"在办建议{i}" for i in range(3)]
    everything = exported(c, "/work/suggestions/list/")
    assert "别县的建议" not in {r[3] for r in everything} and len(everything) == 4


def test_the_title_names_the_filters_as_the_list_form_shows_them(login, staff, county):
    SuggestionFactory(lead=MandateFactory(body=county), created_by=staff, state=State.HANDLING)
    params = {"state": "open", "due": "overdue", "priority": "1"}
    exported(
        login(staff),
        "/work/suggestions/list/",
        params,
        shows={"state": "在办（全部）", "due": "已超期", "priority": "是"},
    )


def test_a_unit_filter_from_a_link_is_named_on_the_page_and_in_the_title(
    login, staff, handed_over, unit, county
):
    """The 超期 page links each unit's items (?unit=<id>); the list has no unit selector, so it must say which
    unit it is showing, keep it when another filter changes, and the export's title must name it, not its id."""
    SuggestionFactory(
        lead=MandateFactory(body=county), created_by=staff, state=State.HANDLING, title="未交办"
    )
    c = login(staff)
    page = c.get("/work/suggestions/list/", {"unit": unit.pk}).content.decode()
    assert f"承办单位：{unit.name}" in page and f'name="unit" value="{unit.pk}"' in page
    rows = exported(c, "/work/suggestions/list/", {"unit": unit.pk}, shows={"unit": unit.name})
    assert [r[3] for r in rows] == [handed_over.title]
