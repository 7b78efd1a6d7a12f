"""Voting fixtures: a standing committee of 15 members (leader + 14) on the fixed cast's county."""

import datetime as dt
import uuid

import pytest

from renda.core.roles import Role
from renda.meetings.models import Membership
from renda.meetings.selectors import members_of
from renda.voting import services
from tests.factories.core import UserFactory


@pytest.fixture
def members(standing_committee, leader, county):
    users = [leader] + [
        UserFactory(username=f"m{k:02d}", full_name=f"委员{k:02d}", role=Role.DEPUTY, body=county)
        for k in range(14)
    ]
    for u in users:
        Membership.objects.create(body=standing_committee, user=u, start_date=dt.date(2026, 1, 1))
    return list(members_of(standing_committee, on=dt.date(2026, 6, 1)))


@pytest.fixture
def make_poll(standing_committee, staff, members):
    def make(kind="motion", *, rule="sc_motion", secret=False, open=True, options=None, **kw):
        poll = services.create_poll(
            body=standing_committee,
            title=kw.pop("title", "关于县城市总体规划修改的决定（草案）"),
            kind=kind,
            options=options,
            rule=rule,
            electorate=kw.pop("electorate", members),
            secret=secret,
            by=staff,
            **kw,
        )
        if open:
            poll = services.open_poll(poll, by=staff)
        return poll

    return make


def key() -> str:
    return str(uuid.uuid4())


def vote(poll, voter, label, k=None):
    """Cast by option label (one-choice polls) or by labels (a list)."""
    labels = label if isinstance(label, list) else [label]
    ids = dict(poll.options.values_list("label", "pk"))
    return services.cast(poll, voter=voter, choices=[ids.get(x, x) for x in labels], key=k or key())
