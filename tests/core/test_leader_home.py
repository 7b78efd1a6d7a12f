"""The leader's home (issue 14 "Workflow gaps"): what waits for the leader's decision, overdue counts and this
year's rates, read only; `?year=` is bounded."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.suggestions.models import DueState, Kind, State
from tests.factories.contact import MessageFactory
from tests.factories.deputies import MandateFactory, StationFactory
from tests.factories.duties import DutyRecordFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def _figures(html: str, label: str) -> str:
    i = html.index(label)
    return html[i : i + 200]


def test_leader_home_shows_decisions_overdue_and_rates(login, leader, county):
    seat = MandateFactory(body=county)
    SuggestionFactory(lead=seat, created_by=leader, state=State.SUBMITTED, kind=Kind.MOTION)
    SuggestionFactory(lead=seat, created_by=leader, state=State.ESCALATED)
    SuggestionFactory(lead=seat, created_by=leader, state=State.HANDLING, due_state=DueState.OVERDUE)
    DutyRecordFactory(mandate=seat, source="declared", status="pending")
    DutyRecordFactory(mandate=seat, source="declared", status="pending")
    MessageFactory(station=StationFactory(body=county), accept_due_at=timezone.now() - dt.timedelta(hours=3))
    html = login(leader).get("/work/").content.decode()
    assert "领导关注" in html and "待您决定" in html and "超期未办" in html
    assert '<strong class="fs-3 text-warning">1</strong>' in _figures(html, "议案待审查决定")
    assert ">1</strong>" in _figures(html, "再次不满意、待评估会商的建议")
    assert ">1</strong>" in _figures(html, "可确定重点督办的在办建议")
    assert ">2</strong>" in _figures(html, "待审核的履职申报")
    assert ">1</strong>" in _figures(html, "超期未办的建议")
    assert ">1</strong>" in _figures(html, "超期未办的群众留言")
    year = timezone.localdate().year
    assert f"{year} 年建议办理" in html
    for label in ("办复率（按时）", "解决率（A+B）", "满意率"):
        assert label in html


def test_leader_home_year_is_bounded_and_changes_nothing(
    login, leader, county, django_assert_max_num_queries
):
    c = login(leader)
    # A few aggregates per app and panel (suggestions, contact, duties, supervision, meetings, hot topics),
    # whatever the data; the dashboard's cache serves the next render.
    with django_assert_max_num_queries(45):
        assert c.get("/work/").status_code == 200
    for q in ("?year=" + "9" * 5000, "?year=abc", "?year=-1", "?year=99999", "?year=2025"):
        assert c.get("/work/" + q).status_code == 200, q[:20]
    assert "2025 年建议办理" in c.get("/work/?year=2025").content.decode()
    assert f"{timezone.localdate().year} 年建议办理" in c.get("/work/?year=" + "9" * 40).content.decode()


def test_only_leaders_see_the_leader_figures(login, staff, deputy_user):
    assert "领导关注" not in login(staff).get("/work/").content.decode()
    assert "领导关注" not in login(deputy_user).get("/work/").content.decode()


def test_outsiders_figures_are_not_counted(login, leader, township_b):
    # Another county's data stays out of this leader's figures (data scope).
    from tests.factories.core import BodyFactory

    other = BodyFactory(name="白云县人民代表大会")
    SuggestionFactory(
        lead=MandateFactory(body=other), created_by=leader, state=State.SUBMITTED, kind=Kind.MOTION
    )
    html = login(leader).get("/work/").content.decode()
    assert ">0</strong>" in _figures(html, "议案待审查决定")
