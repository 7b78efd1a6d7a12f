"""Satisfaction votes through renda.voting: the result rule is data and the result cites it (domain.md §5.3)."""

import uuid
from datetime import date

import pytest

from renda.core.errors import Refused
from renda.core.roles import Role
from renda.meetings.models import Membership
from renda.supervision import services
from renda.supervision.choices import OpinionStatus
from renda.supervision.models import FollowUp
from renda.voting import services as voting
from tests.factories.core import UserFactory


@pytest.fixture
def members(standing_committee):
    users = [UserFactory(username=f"m{i}", role=Role.DEPUTY, body=standing_committee) for i in range(5)]
    for u in users:
        Membership.objects.create(body=standing_committee, user=u, start_date=date(2026, 1, 1))
    return users


def test_unsatisfied_vote_starts_the_rereport_followup(report_item, unit, unit_user, staff, members):
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    o = services.opinions.submit_report(services.opinions.send(o, by=staff), text="办理报告", by=unit_user)
    poll = services.votes.open_rating(
        body=report_item.plan.body,
        title="满意度测评",
        subject=o,
        electorate=services.votes.electorate_of(report_item.plan.body),
        by=staff,
    )
    labels = {opt.label: opt.pk for opt in poll.options.all()}
    for i, m in enumerate(members):
        voting.cast(poll, voter=m, choices=[labels["不满意" if i < 3 else "满意"]], key=uuid.uuid4())
    # a second, different vote by the same member is refused by the engine
    with pytest.raises(Refused):
        voting.cast(poll, voter=members[0], choices=[labels["满意"]], key=uuid.uuid4())
    voting.close_poll(poll, by=staff)
    grade, decided_by, _ = services.votes.rating_outcome(poll.pk)
    assert grade == "unsatisfied" and "半数" in decided_by
    o = services.opinions.evaluate(o, grade=grade, source=decided_by, poll_id=poll.pk, by=staff)
    assert o.status == OpinionStatus.UNSATISFIED
    assert FollowUp.objects.filter(content_type__model="opinion", object_id=str(o.pk)).exists()


def test_rating_of_an_open_poll_is_refused(report_item, unit, staff, members):
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    poll = services.votes.open_rating(
        body=report_item.plan.body,
        title="t",
        subject=o,
        electorate=services.votes.electorate_of(report_item.plan.body),
        by=staff,
    )
    with pytest.raises(Refused) as exc:
        services.votes.rating_outcome(poll.pk)
    assert exc.value.code == "poll_open"
