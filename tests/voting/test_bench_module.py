"""The voting benchmark's own checks, in-process at a small size (benchmarks/modules/voting.py)."""

import pytest

from benchmarks.modules import voting as bench
from benchmarks.registry import SCALES
from benchmarks.run import Context


@pytest.mark.django_db(transaction=True)
def test_members_and_public_votes_are_counted_exactly_once_and_cleaned_up():
    from renda.voting.models import Ballot, Poll, PublicBallot

    ctx = Context(SCALES["tiny"], repeat=1, in_process=True)
    assert bench.members_rps(ctx)[0] > 0
    assert bench.public_rps(ctx)[0] > 0
    assert not Poll.objects.exists() and not Ballot.objects.exists() and not PublicBallot.objects.exists()


@pytest.mark.django_db
def test_a_wrong_vote_is_caught_by_the_check(standing_committee, staff):
    body, staff_user, users, keys = bench._members(3)
    poll = bench._poll(body, staff_user, users, public=False, title="检查")
    plan = bench._plan(poll, users, keys, public=0, seed=3)
    from renda.voting import services

    for m in plan["members"][:2]:
        services.cast(
            poll, voter=users[[u.pk for u in users].index(m["voter"])], choices=[m["choice"]], key=m["key"]
        )
    check = bench.check_exactly_once(poll.pk, plan)
    assert check["wrong_or_missing"] == 1  # the third member's vote is missing
