"""A hypothesis state machine over the suggestion workflow (issue 21 "hypothesis state machines"; domain.md §1.3
steps 1–14): random legal and illegal actions by every actor, driving the real services, with the invariants
checked after each step — a refused action changes nothing, the item is never in a state outside the table,
every recorded transition is an edge of the table (renda/suggestions/workflow.py) and the chain is unbroken,
and the deadlines each step starts are consistent with the dates it was taken on.
"""

import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from renda.core.errors import Refused
from renda.suggestions import services
from renda.suggestions.models import State
from renda.suggestions.workflow import SUGGESTION
from tests.suggestions.test_properties import ACTION_NAMES, NEXT, _actions

EDGES = {(src, dst) for s in SUGGESTION.steps for src in s.src for dst in s.destinations}
STATES = set(State.values)
ADVANCE = {
    **NEXT,
    State.HANDLING: ["contact", "draft", "approve"],
    State.REHANDLING: ["contact", "draft", "approve"],
}


def snapshot(item) -> tuple:
    """What a refused action must leave as it was: the item's row, its timeline, assignments and replies."""
    item.refresh_from_db()
    row = tuple(getattr(item, f.attname) for f in item._meta.concrete_fields if f.name != "updated_at")
    return (
        row,
        item.timeline.count(),
        tuple(item.assignments.order_by("pk").values_list("pk", "status", "return_due")),
        tuple(item.replies.order_by("pk").values_list("pk", "status")),
        tuple(item.evaluations.order_by("pk").values_list("pk", flat=True)),
    )


class SuggestionMachine(RuleBasedStateMachine):
    ctx: dict = {}

    def __init__(self) -> None:
        super().__init__()
        c = self.ctx
        self.acts = _actions(c)
        self.item = services.create_draft(
            mandate=c["mandate"],
            title="随机",
            content="事由",
            proposals="建议",
            contact="电话",
            by=c["deputy"],
        )

    def _do(self, name: str) -> None:
        before = snapshot(self.item)
        try:
            self.acts[name](self.item)
        except Refused:
            assert snapshot(self.item) == before, f"refused {name} changed the item"
        self.item.refresh_from_db()

    # Half the draws are "advance": the next step of the legal path, so random runs reach replies, ratings
    # and closing often; the other half are any action by any actor, legal or not.
    @rule(name=st.sampled_from([*ACTION_NAMES, *["advance"] * len(ACTION_NAMES)]))
    def act(self, name):
        if name != "advance":
            return self._do(name)
        self.item.refresh_from_db()
        for step in ADVANCE.get(self.item.state, ["submit"]):
            self._do(step)

    @invariant()
    def state_is_in_the_table(self):
        assert self.item.state in STATES

    @invariant()
    def every_transition_is_an_edge_and_the_chain_is_unbroken(self):
        chain = list(
            self.item.timeline.exclude(state_to="").order_by("pk").values_list("state_from", "state_to")
        )
        for pair in chain:
            assert pair in EDGES, f"transition {pair} is not in the workflow table"
        for (_, prev_to), (nxt_from, _) in itertools.pairwise(chain):
            assert prev_to == nxt_from
        assert (chain[-1][1] if chain else State.DRAFT) == self.item.state

    @invariant()
    def deadlines_follow_the_dates_they_start_from(self):
        i = self.item
        # domain.md §1.3 step 2–3: accepted, then handed over within handover_days; the reply clock starts then
        if i.accepted_on and i.handover_due:
            assert i.handover_due >= i.accepted_on
        if i.handed_over_on:
            assert i.reply_due and i.reply_due > i.handed_over_on
        for a in i.assignments.all():
            assert a.return_due >= a.assigned_on  # §1.3 step 4: the return window starts at hand-over
        if i.state in {State.HANDED_OVER, State.HANDLING, State.REPLIED, State.EVALUATED}:
            assert i.handed_over_on is not None


def test_the_suggestion_workflow_machine(
    mandate, deputy_user, staff, unit, other_unit, unit_user, unit_head, other_unit_user
):
    SuggestionMachine.ctx = {
        "mandate": mandate,
        "staff": staff,
        "deputy": deputy_user,
        "handler": unit_user,
        "head": unit_head,
        "handler2": other_unit_user,
        "unit": unit,
        "other_unit": other_unit,
    }
    run_state_machine_as_test(
        SuggestionMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
