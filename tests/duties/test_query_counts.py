"""Constant queries whatever the number of records (issue 8 "Performance": "a deputy's duty-file page uses a
constant number of queries"; the ranking behind it is one aggregate, so its page must not grow with the ledger
either). Each test renders the page over a small and a large ledger and compares the exact query counts."""

import datetime as dt
import secrets

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renda.duties.choices import Channel, MeetingStatus, Outcome, Review, Source, Verdict
from renda.duties.models import Activity, Award, Evaluation, ReportMeeting
from tests.factories.deputies import DeputyGroupFactory, MandateFactory, PersonFactory
from tests.factories.duties import DutyRecordFactory, dtype

CODES = [
    "congress_session",
    "sc_meeting",
    "inspection",
    "research",
    "training",
    "group_activity",
    "reception_day",
    "voter_contact",
    "suggestion",
    "motion",
    "report_to_voters",
    "practical_project",
    "publicity",
]


def _ledger(mandate, n: int, *, by, years: range) -> None:
    """n records of every section, outcome, source and review state over `years`, plus awards, organised
    activities and published report meetings with voters' verdicts."""
    body = mandate.body
    for i in range(n):
        code = CODES[i % len(CODES)]
        on = dt.date(years[i % len(years)], 10 + i % 2, 1 + i % 20)  # inside a term begun 2021-10-01
        activity = None
        if i % 5 == 0:
            activity = Activity.objects.create(
                body=body, duty_type=dtype(body, code), title=f"活动{i}", start=on, end=on, created_by=by
            )
        DutyRecordFactory(
            mandate=mandate,
            duty_type=dtype(body, code),
            on=on,
            title=f"事项{i}",
            activity=activity,
            outcome=[Outcome.ATTENDED, Outcome.LEAVE, Outcome.ABSENT][i % 7 % 3],
            source=Source.DECLARED if i % 4 == 1 else Source.ACTIVITY,
            status=[Review.APPROVED, Review.APPROVED, Review.PENDING, Review.REJECTED][i % 4],
        )
        if i % 6 == 0:
            Award.objects.create(mandate=mandate, on=on, title=f"优秀人大代表{i}", issuer="县人大常委会")
        if i % 6 == 3:
            meeting = ReportMeeting.objects.create(
                body=body,
                title=f"述职会{i}",
                on=on,
                place="城南社区",
                min_voters=50,
                status=MeetingStatus.PUBLISHED,
                token=secrets.token_hex(8),
                created_by=by,
            )
            meeting.mandates.add(mandate)
            Evaluation.objects.bulk_create(
                Evaluation(meeting=meeting, mandate=mandate, verdict=v, channel=Channel.PAPER)
                for v in Verdict.values
                for _ in range(3)
            )


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("viewer", ["deputy", "staff"])
def test_duty_file_page_queries_do_not_grow_with_the_ledger(login, deputy_user, staff, own_mandate, viewer):
    client = login(deputy_user if viewer == "deputy" else staff)  # staff also get the award form
    url = f"/work/duties/file/{own_mandate.pk}/"
    # One of each kind (an activity, an award, a report meeting, every state), then ten times more, now in every
    # year of the term: years gaining rule sets and bands must not add queries either.
    _ledger(own_mandate, 6, by=staff, years=range(2023, 2026))
    _count(client, url)  # first visit: the session settles
    few = _count(client, url)
    _ledger(own_mandate, 60, by=staff, years=range(2021, 2027))
    many = _count(client, url)
    assert many == few, (few, many)
    assert few <= 40


def _deputies(county, township_a, n: int, start: int, *, by) -> None:
    groups = [DeputyGroupFactory(body=county), DeputyGroupFactory(body=township_a)]
    for i in range(start, start + n):
        body = county if i % 2 else township_a
        m = MandateFactory(
            body=body,
            person=PersonFactory(name=f"代表{i}"),
            group=groups[i % 2],
            start_date=dt.date(2021, 10, 1),
        )
        for k in range(4):
            DutyRecordFactory(
                mandate=m,
                duty_type=dtype(body, CODES[(i + k) % len(CODES)]),
                title=f"履职{i}-{k}",
                on=dt.date(2025, 1 + k, 1 + i % 27),
            )


@pytest.mark.parametrize("by", ["deputy", "group", "township", "level"])
def test_ranking_page_queries_do_not_grow_with_deputies_or_records(login, staff, county, township_a, by):
    client = login(staff)
    url = f"/work/duties/rankings/?year=2025&by={by}"
    _deputies(county, township_a, 2, 0, by=staff)
    _count(client, url)  # first visit of the year creates each congress's rule set
    few = _count(client, url)
    _deputies(county, township_a, 60, 2, by=staff)  # more than a page (50) of deputies
    many = _count(client, url)
    assert many == few, (few, many)
    assert few <= 30


def test_ranking_page_queries_do_not_grow_with_the_congresses_in_scope(login, staff, county, township_a):
    """A province's staff rank deputies of some 1,600 congresses: once each has its year's rule set, the page
    must not ask each congress for it again."""
    from tests.factories.core import TownshipFactory

    client = login(staff)
    url = "/work/duties/rankings/?year=2025&by=deputy"
    _deputies(county, township_a, 4, 0, by=staff)
    _count(client, url)  # first visit of the year creates each congress's rule set
    few = _count(client, url)
    for i in range(5):
        TownshipFactory(name=f"新设乡{i}人大主席团", parent=county)
    _count(client, url)
    many = _count(client, url)
    assert many == few, (few, many)
