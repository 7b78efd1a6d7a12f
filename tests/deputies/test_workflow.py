"""The change-of-mandate state table (workflow.py) read against domain.md §3.1."""

import datetime as dt

import pytest

from renda.core.errors import Refused
from renda.deputies import services, workflow
from renda.deputies.choices import ENDING_KINDS, ChangeKind, MandateStatus
from tests.factories.deputies import MandateFactory

S = MandateStatus


# Reachability, exits and citations of this table: tests/core/test_workflow_tables.py.


def test_ended_is_final():
    assert not any(S.ENDED in s.src for s in workflow.STEPS)


def test_every_ending_kind_ends_the_mandate():
    # domain.md §3.1: resignation, recall, termination (two unapproved absences) and death end the mandate
    assert {s.action for s in workflow.STEPS if s.dst == S.ENDED} == set(ENDING_KINDS)


@pytest.mark.django_db
def test_restoring_an_active_mandate_is_refused(county, staff):
    m = MandateFactory(body=county)
    with pytest.raises(Refused) as exc:
        services.restore_mandate(m, on=dt.date(2024, 1, 1), reason="x", by=staff)
    assert exc.value.code == "transition_not_allowed" and "代表资格当前状态为“在任”" in exc.value.message
    m.refresh_from_db()
    assert m.status == S.ACTIVE and not m.changes.exists()


@pytest.mark.django_db
def test_change_needs_a_reason_and_a_date_not_in_the_future(county, staff):
    m = MandateFactory(body=county)
    with pytest.raises(Refused) as exc:
        services.suspend_mandate(m, on=dt.date(2024, 1, 1), reason=" ", by=staff)
    assert exc.value.code == "change_reason_missing"
    with pytest.raises(Refused) as exc:
        services.suspend_mandate(m, on=dt.date.today() + dt.timedelta(days=30), reason="x", by=staff)
    assert exc.value.code == "change_in_future"
    assert not m.changes.exists()


@pytest.mark.django_db
def test_by_election_of_a_person_already_seated_is_refused(county, staff):
    m = MandateFactory(body=county)
    with pytest.raises(Refused) as exc:
        services.elect(m.person, term=m.term, on=dt.date(2023, 1, 1), by=staff, kind=ChangeKind.BY_ELECTION)
    assert exc.value.code == "mandate_exists"
    assert m.person.mandates.count() == 1
