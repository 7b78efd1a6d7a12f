"""Reports to voters and the voters' evaluation (domain.md §3.4)."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties import services
from renda.duties.choices import MeetingStatus
from renda.duties.models import DutyRecord, Evaluation

TODAY = timezone.localdate()


@pytest.fixture
def meeting(township_a, township_staff, mandate_a):
    m = services.plan_meeting(
        body=township_a,
        title="城关镇人大代表向选民述职会",
        on=TODAY - dt.timedelta(days=1),
        place="城关镇文化站",
        mandates=[mandate_a],
        by=township_staff,
    )
    services.invite(m, people=[(f"选民{i}", "城南社区") for i in range(60)], by=township_staff)
    return m


def test_township_report_needs_at_least_fifty_voter_representatives(meeting, township_staff):
    # domain.md §3.4: at least 50 voter representatives attend
    ids = list(meeting.invitees.values_list("pk", flat=True))
    with pytest.raises(Refused) as exc:
        services.take_attendance(meeting, present=ids[:49], by=township_staff)
    assert exc.value.code == "too_few_voters"
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED and not meeting.invitees.filter(attended=True).exists()


def test_paper_and_phone_votes_are_counted_and_the_result_enters_the_ledger(
    meeting, township_staff, mandate_a
):
    ids = list(meeting.invitees.values_list("pk", flat=True))
    services.take_attendance(meeting, present=ids[:52], by=township_staff)
    services.enter_paper(
        meeting, mandate=mandate_a, counts={"satisfied": 40, "basic": 8, "unsatisfied": 2}, by=township_staff
    )
    services.vote_by_phone(meeting, ballot="phone-1", verdicts={mandate_a.pk: "satisfied"})
    with pytest.raises(Refused) as exc:
        services.vote_by_phone(meeting, ballot="phone-1", verdicts={mandate_a.pk: "unsatisfied"})
    assert exc.value.code == "already_voted"
    assert services.tally(meeting)[mandate_a.pk] == {"satisfied": 41, "basic": 8, "unsatisfied": 2}
    services.publish_result(meeting, by=township_staff)
    rec = DutyRecord.objects.get(mandate=mandate_a)
    assert rec.duty_type.code == "report_to_voters" and rec.points == 10


def test_more_votes_than_voters_present_are_refused(meeting, township_staff, mandate_a):
    ids = list(meeting.invitees.values_list("pk", flat=True))
    services.take_attendance(meeting, present=ids[:50], by=township_staff)
    with pytest.raises(Refused) as exc:
        services.enter_paper(meeting, mandate=mandate_a, counts={"satisfied": 51}, by=township_staff)
    assert exc.value.code == "votes_exceed_attendance"
    assert not Evaluation.objects.exists()
