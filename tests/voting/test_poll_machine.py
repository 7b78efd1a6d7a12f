"""A hypothesis state machine over a vote (issue 21 "hypothesis state machines"; issue 17 "Votes"; domain.md
§5.3, §1.2): open, cast, close, announce, void and re-vote by the chair, a member, an outsider — legal or not —
and members (and a stranger) casting, resending with the same key, or voting again, in named and secret polls.
After each step: a refused action changes nothing, the state is one of the table's and every change an edge of
it (renda/voting/workflow.py), the ballots stored equal the casts accepted — one per member, none outside the
open window — the result counts them, the times are set exactly for the states that have them, and each round
has at most one re-vote.
"""

import uuid

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test

from renda.core.errors import Refused
from renda.voting import selectors, services
from renda.voting.models import Ballot, Participation, Poll, PollEvent, State
from renda.voting.workflow import POLL

EDGES = {(src, dst or src) for s in POLL.steps for src in s.src for dst in s.destinations or (None,)}
CHAIR_ACTIONS = ("open", "close", "announce", "void", "revote")
# The outsider (staff of a sibling township) is left out of the chair's actors: voting's services check the
# role only, the body's scope is checked by the views and the API (test_a_chair_of_another_body_… below).
ACTORS = ("staff", "leader", "member")
REASONS = ("", "计票有误，重新表决")


class PollMachine(RuleBasedStateMachine):
    ctx: dict = {}

    @initialize(secret=st.booleans())
    def create(self, secret):
        c = self.ctx
        self.poll = c["make_poll"](secret=secret, open=False)
        self.rounds = [self.poll]
        self.cast_by: dict[int, dict[int, str]] = {
            self.poll.pk: {}
        }  # poll → voter → key of the accepted cast

    def _snapshot(self) -> tuple:
        p = Poll.objects.get(pk=self.poll.pk)
        row = tuple(getattr(p, f.attname) for f in p._meta.concrete_fields)
        return row, _stored(p), PollEvent.objects.filter(poll=p).count(), Poll.objects.count()

    @rule(
        action=st.sampled_from(CHAIR_ACTIONS), actor=st.sampled_from(ACTORS), reason=st.sampled_from(REASONS)
    )
    def chair(self, action, actor, reason):
        by = self.ctx[actor] if actor != "member" else self.ctx["members"][3]
        before, state = self._snapshot(), self.poll.state
        try:
            if action == "open":
                result = services.open_poll(self.poll, by=by)
            elif action == "close":
                result = services.close_poll(self.poll, by=by)
            elif action == "announce":
                result = services.announce(self.poll, by=by)
            elif action == "void":
                result = services.void(self.poll, reason=reason, by=by)
            else:
                result = services.revote(self.poll, reason=reason, by=by)
        except Refused:
            assert self._snapshot() == before, f"refused {action} by {actor} changed the poll"
            return
        if actor not in (
            "staff",
            "leader",
        ):  # only the chair's double click on close answers, changing nothing
            assert self._snapshot() == before, f"{action} by {actor} changed the poll"
        if action == "revote":
            # domain.md §1.2: a new round in draft, with the same electorate, pointing at this one
            assert result.previous_id == self.poll.pk and result.round == self.poll.round + 1
            assert result.state == State.DRAFT and result.voters.count() == self.poll.voters.count()
            self.poll = result
            self.rounds.append(result)
            self.cast_by[result.pk] = {}
            return
        self.poll = result
        assert (state, result.state) in EDGES or state == result.state, (state, result.state)

    @rule(who=st.integers(0, 15), choice=st.integers(0, 2), resend=st.booleans())
    def cast(self, who, choice, resend):
        c = self.ctx
        voter = c["members"][who] if who < len(c["members"]) else c["outsider"]
        mine = self.cast_by[self.poll.pk]
        key = mine[voter.pk] if resend and voter.pk in mine else str(uuid.uuid4())
        labels = list(self.poll.options.order_by("order", "pk").values_list("pk", flat=True))
        stored, state = _stored(self.poll), Poll.objects.get(pk=self.poll.pk).state
        try:
            receipt = services.cast(self.poll, voter=voter, choices=[labels[choice % len(labels)]], key=key)
        except Refused:
            assert _stored(self.poll) == stored
            return
        if receipt.retry:
            assert mine.get(voter.pk) == key  # a resend answers with the first cast's receipt, nothing new
        else:
            assert state == State.OPEN and voter.pk not in mine and voter in c["members"]
            mine[voter.pk] = key

    @invariant()
    def state_is_in_the_table(self):
        assert Poll.objects.get(pk=self.poll.pk).state in set(State.values)

    @invariant()
    def ballots_stored_equal_the_casts_accepted(self):
        for p in self.rounds:
            assert _stored(p) == len(self.cast_by[p.pk]), f"round {p.round}"

    @invariant()
    def the_result_counts_every_ballot(self):
        p = Poll.objects.select_related("rule").get(pk=self.poll.pk)
        if p.state in (State.CLOSED, State.ANNOUNCED):
            res = selectors.result(p)
            assert res.voted == len(self.cast_by[p.pk])
            assert sum(line.count for line in res.lines) == len(self.cast_by[p.pk])  # one mark per ballot

    @invariant()
    def times_match_the_state(self):
        for p in Poll.objects.filter(pk__in=[r.pk for r in self.rounds]):
            if p.state in (State.OPEN, State.CLOSED, State.ANNOUNCED):
                assert p.opened_at is not None
            if p.state == State.DRAFT:
                assert p.opened_at is None and p.closed_at is None
            assert (p.closed_at is not None) == (p.state in (State.CLOSED, State.ANNOUNCED, State.VOIDED))
            assert (p.announced_at is not None) == (p.state == State.ANNOUNCED)
            assert p.next_rounds.count() <= 1  # one re-vote per round


def test_a_chair_of_another_body_cannot_run_this_poll(make_poll, outsider):
    # house-style.md "Permissions": checked in the service, filtered again in selectors
    poll = make_poll(open=False)
    with pytest.raises(Refused):
        services.open_poll(poll, by=outsider)


def _stored(p) -> int:
    return Participation.objects.filter(poll_id=p.pk).count() + Ballot.objects.filter(poll_id=p.pk).count()


def test_the_vote_machine(make_poll, members, staff, leader, outsider):
    PollMachine.ctx = {
        "make_poll": make_poll,
        "members": members,
        "staff": staff,
        "leader": leader,
        "outsider": outsider,
    }
    run_state_machine_as_test(
        PollMachine,
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
