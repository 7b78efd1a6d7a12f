"""Exactly once, and the window (issue 17 "Votes", "Bad input and faults"; wave2-references.md (a))."""

import pytest
from django.db import IntegrityError, transaction

from renda.core.errors import Refused
from renda.voting import selectors, services
from renda.voting.models import Ballot, Mark, Participation, SecretBallot

from .conftest import key, vote


def test_same_key_retried_returns_the_same_receipt_and_counts_once(make_poll, members):
    poll = make_poll()
    k = key()
    first = vote(poll, members[1], "赞成", k)
    again = vote(poll, members[1], "赞成", k)
    assert again.code == first.code and again.retry and not first.retry
    assert again.choices == ("赞成",)
    assert Ballot.objects.filter(poll=poll).count() == 1
    assert Mark.objects.filter(poll=poll).count() == 1


def test_a_retry_with_the_same_key_answers_even_after_the_close(make_poll, members, staff):
    # a device that lost the network after the server accepted its vote resends it after the close
    poll = make_poll()
    k = key()
    first = vote(poll, members[1], "反对", k)
    services.close_poll(poll, by=staff)
    assert vote(poll, members[1], "反对", k).code == first.code


def test_a_second_different_vote_is_refused_and_changes_nothing(make_poll, members):
    poll = make_poll()
    vote(poll, members[2], "赞成")
    with pytest.raises(Refused) as e:
        vote(poll, members[2], "反对")
    assert e.value.code == "already_voted"
    assert selectors.result(poll).lines[0].count == 1
    assert Mark.objects.filter(poll=poll).count() == 1


def test_a_second_vote_in_a_secret_poll_is_refused_too(make_poll, members):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    vote(poll, members[2], "满意")
    with pytest.raises(Refused) as e:
        vote(poll, members[2], "不满意")
    assert e.value.code == "already_voted"
    assert SecretBallot.objects.filter(poll=poll).count() == 1
    assert Participation.objects.filter(poll=poll).count() == 1


def test_a_key_used_by_another_voter_is_refused(make_poll, members):
    poll = make_poll()
    k = key()
    vote(poll, members[1], "赞成", k)
    with pytest.raises(Refused) as e:
        vote(poll, members[2], "赞成", k)
    assert e.value.code == "key_reused"


def test_a_vote_before_the_poll_opens_is_refused(make_poll, members):
    poll = make_poll(open=False)
    with pytest.raises(Refused) as e:
        vote(poll, members[1], "赞成")
    assert e.value.code == "poll_not_open"
    assert not Ballot.objects.exists()


def test_a_vote_after_the_close_is_refused(make_poll, members, staff):
    poll = make_poll()
    services.close_poll(poll, by=staff)
    with pytest.raises(Refused) as e:
        vote(poll, members[1], "赞成")
    assert e.value.code == "poll_not_open"
    assert not Ballot.objects.exists()


def test_a_vote_by_someone_outside_the_electorate_is_refused(make_poll, outsider, deputy_user):
    poll = make_poll()
    for user in (outsider, deputy_user):
        with pytest.raises(Refused) as e:
            vote(poll, user, "赞成")
        assert e.value.code == "not_elector"
    assert not Ballot.objects.exists()


def test_a_ballot_without_a_valid_key_is_refused(make_poll, members):
    poll = make_poll()
    with pytest.raises(Refused) as e:
        services.cast(poll, voter=members[0], choices=[poll.options.first().pk], key="not-a-uuid")
    assert e.value.code == "bad_key"


def test_a_motion_ballot_needs_exactly_one_choice(make_poll, members):
    poll = make_poll()
    with pytest.raises(Refused) as e:
        vote(poll, members[1], ["赞成", "反对"])
    assert e.value.code == "one_choice_required"


def test_a_ballot_with_more_marks_than_seats_is_refused(make_poll, members):
    # 选举法第四十四条: a ballot marking more names than seats is void; electronically it is refused at once
    poll = make_poll("election", rule="congress_election_indirect", options=["甲", "乙", "丙"], seats=2)
    with pytest.raises(Refused) as e:
        vote(poll, members[1], ["甲", "乙", "丙"])
    assert e.value.code == "too_many_marks"


def test_an_option_of_another_poll_is_refused(make_poll, members):
    a, b = make_poll(), make_poll()
    with pytest.raises(Refused) as e:
        services.cast(a, voter=members[1], choices=[b.options.first().pk], key=key())
    assert e.value.code == "option_unknown"


def test_the_database_itself_refuses_two_ballots_of_one_voter(make_poll, members):
    # the guarantee is a constraint, not only the service's check (two racing requests both pass the check)
    poll = make_poll()
    vote(poll, members[3], "赞成")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(poll=poll, voter=members[3], key=key(), receipt="X")


def test_the_receipt_for_a_voter_is_found_again(make_poll, members):
    poll = make_poll()
    r = vote(poll, members[4], "弃权")
    assert selectors.receipt_for(poll, members[4]).code == r.code
    assert selectors.receipt_for(poll, members[5]) is None
