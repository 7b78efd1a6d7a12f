"""A hypothesis state machine over the voter's message (issue 21 "hypothesis state machines"; domain.md §2.1,
§2.3, §4): every action of the contact table (renda/contact/actions.py, the one the pages and the API call) by
every actor — keeper, staff, the station's deputy, the unit, the voter without an account, an outsider —
legal or not, with the invariants checked after each step: a refused action changes nothing, the status is
one of the table's, every recorded change is an edge of the table (renda/contact/workflow.py), the
re-handling rounds stay within the policy, and the deadline of the current step is set and not before the
moment it started from.
"""

import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from renda.contact import actions, services
from renda.contact.choices import NotAcceptedReason, Rating, Status
from renda.contact.policy import for_body
from renda.contact.workflow import MESSAGE
from renda.core.errors import Refused
from tests.contact.conftest import draft

EDGES = {(src, dst) for s in MESSAGE.steps for src in s.src for dst in s.destinations}
ACTORS = ("keeper", "staff", "deputy", "unit", "voter", "outsider")
TEXT = "已安排维修，三日内修复。"
# The legal path's next action and actor, so random runs reach replies, ratings and re-handling often.
ADVANCE = {
    Status.RECEIVED: ("accept", "keeper"),
    Status.ACCEPTED: ("forward", "staff"),
    Status.FORWARDED: ("reply", "unit"),
    Status.REOPENED: ("reply", "unit"),
    Status.REPLIED: ("rate", "voter"),
    Status.RATED: ("close", "keeper"),
}


def payload(name: str, data) -> actions.ActionIn:
    values = {"text": TEXT}
    if name == "reject":
        values["reason"] = data.draw(st.sampled_from([None, *NotAcceptedReason.values]))
    if name == "forward":
        values["unit_id"] = data.draw(st.sampled_from(["unit", "other", None]))
    if name == "rate":
        values["rating"] = data.draw(st.sampled_from(Rating.values))
        values["resolved"] = data.draw(st.booleans())
    return values


def snapshot(m) -> tuple:
    m.refresh_from_db()
    row = tuple(getattr(m, f.attname) for f in m._meta.concrete_fields)
    return row, m.events.count(), tuple(m.replies.order_by("pk").values_list("pk", "round"))


class MessageMachine(RuleBasedStateMachine):
    ctx: dict = {}

    def __init__(self) -> None:
        super().__init__()
        self.m = services.submit(draft(), station=self.ctx["station"])
        self.max_rounds = for_body(self.m.body).reopen_max

    def _do(self, name: str, actor: str, values: dict) -> None:
        c = self.ctx
        if values.get("unit_id") in ("unit", "other"):
            values["unit_id"] = c["unit_obj"].pk if values["unit_id"] == "unit" else c["other_unit"].pk
        by = None if actor == "voter" else c[actor]
        before = snapshot(self.m)
        try:
            actions.run(name, self.m, actions.ActionIn(**values), by=by)
        except Refused:
            assert snapshot(self.m) == before, f"refused {name} by {actor} changed the message"
        self.m.refresh_from_db()

    @rule(name=st.sampled_from(sorted(actions.ACTIONS)), actor=st.sampled_from(ACTORS), data=st.data())
    def act(self, name, actor, data):
        self._do(name, actor, payload(name, data))

    @rule(data=st.data())
    def advance(self, data):
        self.m.refresh_from_db()
        if self.m.status in ADVANCE:
            name, actor = ADVANCE[self.m.status]
            self._do(name, actor, payload(name, data))

    @invariant()
    def status_is_in_the_table(self):
        assert self.m.status in set(Status.values)

    @invariant()
    def every_change_is_an_edge_of_the_table(self):
        after = list(self.m.events.order_by("at", "pk").values_list("status_after", flat=True))
        assert after[0] == Status.RECEIVED and after[-1] == self.m.status
        for pair in itertools.pairwise(after):
            assert pair[0] == pair[1] or pair in EDGES, f"{pair} is not in the workflow table"

    @invariant()
    def rehandling_stays_within_the_policy(self):
        # domain.md §4: re-handled after 不满意, at most policy.reopen_max rounds
        assert 0 <= self.m.reopen_count <= self.max_rounds
        assert self.m.replies.filter(kind="unit").values("round").distinct().count() <= self.max_rounds + 1

    @invariant()
    def the_current_step_has_its_deadline(self):
        m = self.m
        started = {
            Status.RECEIVED: m.received_at,
            Status.ACCEPTED: m.accepted_at,
            Status.FORWARDED: m.forwarded_at,
            Status.REPLIED: m.replied_at,
        }.get(m.status)
        due = m.current_due
        if m.status in (Status.RECEIVED, Status.ACCEPTED, Status.FORWARDED, Status.REOPENED, Status.REPLIED):
            assert due is not None, f"{m.status} without its deadline"
        if started is not None and due is not None:
            assert due >= started.date()
        if m.status in (Status.NOT_ACCEPTED, Status.CLOSED):
            assert m.closed_at is not None


def test_the_voter_message_machine(
    station, keeper, staff, deputy_user, unit, other_unit, unit_user, outsider
):
    MessageMachine.ctx = {
        "station": station,
        "keeper": keeper,
        "staff": staff,
        "deputy": deputy_user,
        "unit": unit_user,
        "other_unit": other_unit,
        "outsider": outsider,
        "unit_obj": unit,
    }
    run_state_machine_as_test(
        MessageMachine,
        settings=settings(
            max_examples=20,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )
