"""The leader dashboard (issue 19): the leader's home, every figure with its definition, n and the list behind
it, the viewer's data scope, the period, the cache and the panel registry."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from renda.dashboards import aggregates, panels
from renda.suggestions.models import DueState, State
from tests.factories.contact import MessageFactory
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, StationFactory
from tests.factories.duties import DutyRecordFactory
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _seed(county, leader):
    seat = MandateFactory(body=county)
    SuggestionFactory(
        lead=seat, created_by=leader, year=YEAR, state=State.HANDLING, due_state=DueState.OVERDUE
    )
    SuggestionFactory(lead=seat, created_by=leader, year=YEAR, state=State.SUBMITTED)
    SuggestionFactory(lead=seat, created_by=leader, year=YEAR, state=State.HANDLING, is_priority=True)
    MessageFactory(station=StationFactory(body=county, name="城关联络站"), category="housing")
    return seat


def test_the_leaders_home_is_the_dashboard_with_definitions_and_links(login, leader, county):
    _seed(county, leader)
    html = login(leader).get("/work/").content.decode()
    assert "数据看板" in html and "待您决定" in html
    # issue 19: every figure shows its definition and n, and opens the list behind it
    assert html.count("口径：") >= 6 and "n = " in html
    assert f"/work/suggestions/list/?state=handling&amp;year={YEAR}" in html
    assert f"/work/suggestions/list/?priority=1&amp;year={YEAR}" in html
    assert "/work/contact/?category=housing" in html
    assert "Wilson 95%" in html
    assert "计算于" in html


def test_staff_see_the_dashboard_page_but_keep_their_home(login, staff):
    c = login(staff)
    assert "数据看板" in c.get("/work/dashboards/").content.decode()
    assert "口径：" not in c.get("/work/").content.decode()


def test_deputies_and_units_may_not_open_the_dashboard(login, deputy_user, unit_user):
    assert login(deputy_user).get("/work/dashboards/").status_code == 403
    assert login(unit_user).get("/work/dashboards/screen/").status_code == 403


def test_another_countys_items_are_not_counted(login, leader, county):
    other = BodyFactory(name="白云县人民代表大会")
    SuggestionFactory(lead=MandateFactory(body=other), created_by=leader, year=YEAR, state=State.SUBMITTED)
    ctx = aggregates.context_for(leader, year=YEAR)
    assert panels._PANELS["suggestions_state"].compute(ctx)["n"] == 0


def test_counts_match_the_lists_they_link_to(login, leader, county):
    _seed(county, leader)
    ctx = aggregates.context_for(leader, year=YEAR)
    fig = panels._PANELS["suggestions_state"].compute(ctx)
    handling = next(r for r in fig["rows"] if r["label"] == State.HANDLING.label)
    assert handling["value"] == 2
    listed = login(leader).get(handling["url"]).content.decode()
    assert listed.count("/work/suggestions/") >= 2
    assert panels._PANELS["overdue"].compute(ctx)["rows"][0]["value"] == 1


def test_duty_records_are_counted_by_township(leader, county, township_a):
    seat = MandateFactory(body=township_a)
    DutyRecordFactory(mandate=seat, on=dt.date(YEAR, 3, 1))
    DutyRecordFactory(mandate=seat, on=dt.date(YEAR, 4, 1))
    DutyRecordFactory(mandate=seat, on=dt.date(YEAR - 1, 4, 1))  # outside the period
    fig = panels._PANELS["townships"].compute(aggregates.context_for(leader, year=YEAR))
    tile = next(r for r in fig["rows"] if r["id"] == township_a.pk)
    assert tile["value"] == 2 and tile["deputies"] == 1 and tile["label"] == "城关镇"


def test_reversed_or_bad_period_is_explained_not_a_500(login, leader):
    c = login(leader)
    r = c.get("/work/dashboards/?start=2026-05-01&end=2026-01-01")
    assert r.status_code == 200 and "开始日期晚于结束日期" in r.content.decode()
    for q in ("?start=x&end=y", "?year=" + "9" * 400, "?start=9999-01-01&end=9999-12-31"):
        assert c.get("/work/dashboards/" + q).status_code == 200
    r = c.get("/work/dashboards/?start=2026-02-01&end=2026-02-28")
    assert "2026-02-01 至 2026-02-28" in r.content.decode()


def test_cached_figures_are_read_back_and_the_task_refreshes_them(
    leader, county, django_assert_max_num_queries
):
    seat = _seed(county, leader)
    ctx = aggregates.context_for(leader, year=YEAR)
    first = {r.panel.key: r for r in aggregates.render_panels(ctx)}
    assert first["suggestions_state"].data["n"] == 3
    SuggestionFactory(lead=seat, created_by=leader, year=YEAR, state=State.SUBMITTED)
    with django_assert_max_num_queries(12):  # only the live "waiting" panel queries
        again = {r.panel.key: r for r in aggregates.render_panels(ctx)}
    assert again["suggestions_state"].data["n"] == 3  # from the cache
    assert aggregates.refresh() >= 1
    fresh = {r.panel.key: r for r in aggregates.render_panels(ctx)}
    assert fresh["suggestions_state"].data["n"] == 4


def test_another_app_registers_a_panel(login, leader):
    def meetings(ctx):
        return panels.figure(
            definition="近30天召开的会议", n=2, rows=[panels.row("常委会会议", 2, url="/work/")]
        )

    panels.register(panels.Panel("test_meetings", "近期会议", meetings, order=99))
    try:
        cache.clear()
        html = login(leader).get("/work/dashboards/").content.decode()
        assert "近期会议" in html and "近30天召开的会议" in html
    finally:
        panels.unregister("test_meetings")


def test_big_screen_and_kiosk_link(login, leader, county, client):
    _seed(county, leader)
    c = login(leader)
    html = c.get("/work/dashboards/screen/").content.decode()
    assert "big-screen" in html and 'data-refresh="60"' in html and "不表示地理边界" in html
    assert "http" not in html.split("<body", 1)[1].replace(
        "http://testserver", ""
    )  # nothing from another host
    link = c.get("/work/dashboards/screen/link/").content.decode()
    url = (
        link.split('id="kiosk-url" readonly value="', 1)[1].split('"', 1)[0].replace("http://testserver", "")
    )
    assert client.get(url).status_code == 200  # no session: the signed link alone
    assert client.get(url[:-3] + "xyz/").status_code == 404


def test_the_hot_topics_panel_reads_insight_and_opens_its_topics(leader, county):
    """Issue 19 + 22: hot topics on the leader dashboard. The first wiring called insight with the wrong
    arguments, the TypeError was swallowed and the panel never showed; it now fails loudly."""
    from renda.dashboards import figures
    from renda.insight.selectors import hot_topics

    station = StationFactory(body=county, name="城关联络站")
    now = timezone.now()
    for k in range(3):
        MessageFactory(
            station=station, title=f"停水{k}", content="自来水停水三天，水质浑浊发黄", received_at=now
        )
    today = timezone.localdate()
    ctx = panels.Context(leader, county, today.year, today - dt.timedelta(days=6), today, today)
    assert hot_topics(county, ctx.start, ctx.end, 10)  # insight finds the topic
    data = figures.hot_topics(ctx)
    assert data is not None and data["n"] == 3
    assert data["rows"][0]["value"] == 3 and "/work/insight/hot/" in data["rows"][0]["url"]
    assert "同一人多次反映计一人" in data["definition"]


def test_supervision_and_meetings_panels_count_what_is_due_and_coming(
    login, leader, county, standing_committee
):
    """Issue 19: supervision items due and upcoming meetings on the leader's dashboard, each opening its list."""
    from renda.dashboards import figures
    from renda.meetings.models import Meeting

    today = timezone.localdate()
    Meeting.objects.create(
        body=standing_committee,
        kind="standing_committee",
        title="常委会第十次会议",
        starts_at=timezone.now() + dt.timedelta(days=3),
        ends_at=timezone.now() + dt.timedelta(days=3, hours=3),
        location="常委会会议室",
        created_by=leader,
    )
    Meeting.objects.create(
        body=standing_committee,
        kind="standing_committee",
        title="去年的会议",
        starts_at=timezone.now() - dt.timedelta(days=300),
        ends_at=timezone.now() - dt.timedelta(days=300, hours=-3),
        location="常委会会议室",
        created_by=leader,
    )
    ctx = panels.Context(leader, county, today.year, dt.date(today.year, 1, 1), today, today)
    coming = figures.upcoming_meetings(ctx)
    assert coming["n"] == 1 and coming["rows"][0]["label"] == "常委会第十次会议"
    assert coming["rows"][0]["url"].startswith("/work/meetings/")
    due = figures.supervision_due(ctx)
    assert due is not None and [r["value"] for r in due["rows"]] == [0, 0, 0, 0, 0]
    html = login(leader).get("/work/dashboards/").content.decode()
    assert "近期会议" in html and "监督事项" in html and "常委会第十次会议" in html
