"""Property tests: random sequences of actions by random actors never break the invariants of issue 7
(no item both returned and replied, every sent reply has an approver, no lost transition, rates in [0, 1])."""

import contextlib
import itertools
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from renda.core.errors import Refused
from renda.suggestions import rates, services
from renda.suggestions.models import AssignmentStatus, ReplyStatus, State
from tests.factories.suggestions import reply_pdf


def _actions(ctx):
    staff, dep, h, head, h2 = ctx["staff"], ctx["deputy"], ctx["handler"], ctx["head"], ctx["handler2"]
    unit, other = ctx["unit"], ctx["other_unit"]

    def reply_id(item):
        r = (
            item.replies.filter(status=ReplyStatus.DRAFT).first()
            or item.replies.filter(status=ReplyStatus.SENT, round=item.round).first()
        )
        return r.pk if r else 0

    def pending_return(item):
        a = item.assignments.filter(status=AssignmentStatus.RETURN_REQUESTED).first()
        return a.pk if a else 0

    return {
        "submit": lambda i: services.submit(i, by=dep),
        "withdraw": lambda i: services.withdraw(i, by=dep, reason="撤回"),
        "accept": lambda i: services.accept(i, by=staff),
        "not_accept": lambda i: services.not_accept(i, reason="complaint", by=staff),
        "hand_over": lambda i: services.hand_over(i, lead=unit, co=[other], by=staff),
        "hand_over_separate": lambda i: services.hand_over(i, separate=[unit, other], by=staff),
        "sign": lambda i: services.accept_assignment(i, by=h),
        "sign2": lambda i: services.accept_assignment(i, by=h2),
        "return": lambda i: services.request_return(i, reason="不属本单位", by=h),
        "return2": lambda i: services.request_return(i, reason="不属本单位", by=h2),
        "approve_return": lambda i: services.approve_return(i, assignment_id=pending_return(i), by=staff),
        "refuse_return": lambda i: services.refuse_return(
            i, assignment_id=pending_return(i), reason="否", by=staff
        ),
        "draft": lambda i: services.draft_reply(
            i, reply_class="B", content="答复", document=reply_pdf(), by=h
        ),
        "draft2": lambda i: services.draft_reply(
            i, reply_class="A", content="答复", document=reply_pdf(), by=h2
        ),
        "approve": lambda i: services.approve_reply(i, reply_id=reply_id(i), by=head),
        "approve_by_handler": lambda i: services.approve_reply(i, reply_id=reply_id(i), by=h),
        "rate_ok": lambda i: services.evaluate(
            i, reply_id=reply_id(i), attitude="satisfied", result="basically", by=dep
        ),
        "rate_bad": lambda i: services.evaluate(
            i, reply_id=reply_id(i), attitude="basically", result="unsatisfied", reason="未解决", by=dep
        ),
        "remind": lambda i: services.remind_feedback(i),
        "lapse": lambda i: services.lapse_feedback(i),
        "escalate": lambda i: services.record_escalation(i, kind="joint", note="会商", by=staff),
        "close": lambda i: services.close(i, by=staff),
        "contact": lambda i: services.record_contact(
            i, stage="during", on=date.today(), form="phone", content="沟通", by=h
        ),
    }


def _check_invariants(item, states_seen):
    item.refresh_from_db()
    # no item both returned and replied
    for a in item.assignments.all():
        if a.status == AssignmentStatus.RETURNED:
            assert not a.replies.filter(status=ReplyStatus.SENT).exists()
    if item.state in (State.ACCEPTED, State.SUBMITTED, State.DRAFT):
        assert not item.replies.filter(status=ReplyStatus.SENT).exists()
    # every sent reply has an approver who is a unit head of the replying unit
    for r in item.replies.filter(status=ReplyStatus.SENT).select_related("approved_by"):
        assert (
            r.approved_by is not None
            and r.approved_by.role == "unit_head"
            and r.approved_by.unit_id == r.unit_id
        )
    # no lost transition: the timeline's chain of state changes ends at the current state
    chain = list(item.timeline.exclude(state_to="").values_list("state_from", "state_to"))
    for (_, prev_to), (nxt_from, _) in itertools.pairwise(chain):
        assert prev_to == nxt_from
    assert (chain[-1][1] if chain else State.DRAFT) == item.state
    assert states_seen == [to for _, to in chain]


ACTION_NAMES = sorted(
    _actions({k: None for k in ("staff", "deputy", "handler", "head", "handler2", "unit", "other_unit")})
)
# "advance" takes the next step of the legal path, so random sequences reach replies and ratings often.
NEXT = {
    State.SUBMITTED: ["accept"],
    State.ACCEPTED: ["hand_over"],
    State.HANDED_OVER: ["sign", "sign2"],
    State.HANDLING: ["draft", "approve"],
    State.REHANDLING: ["draft", "approve"],
    State.REPLIED: ["rate_bad"],
    State.ESCALATED: ["escalate", "close"],
    State.EVALUATED: ["close"],
}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.sampled_from([*ACTION_NAMES, *["advance"] * len(ACTION_NAMES)]), min_size=3, max_size=30
    )
)
def test_random_action_sequences_keep_the_invariants(
    steps, mandate, deputy_user, staff, unit, other_unit, unit_user, unit_head, other_unit_user, county
):
    ctx = {
        "staff": staff,
        "deputy": deputy_user,
        "handler": unit_user,
        "head": unit_head,
        "handler2": other_unit_user,
        "unit": unit,
        "other_unit": other_unit,
    }
    acts = _actions(ctx)
    item = services.create_draft(
        mandate=mandate, title="随机", content="事由", proposals="建议", contact="电话", by=deputy_user
    )
    changes = []
    for name in ["submit", *steps]:
        before = item.state
        for n in NEXT.get(item.state, []) if name == "advance" else [name]:
            with contextlib.suppress(Refused):
                acts[n](item)
        item.refresh_from_db()
        if item.state != before:
            changes.append(item.state)
        _check_invariants(item, changes)
    for row in rates.unit_rates(body=county, year=item.year):
        for key in ("on_time", "solved_a", "solved_ab", "satisfied"):
            value = row[key].value
            assert value is None or 0 <= value <= 1
        assert 0 <= row["total"] <= 1


def test_unit_figures_come_from_one_aggregate_query(replied, county, django_assert_num_queries):
    # issue 7 "Performance": one aggregate query per year
    with django_assert_num_queries(1):
        rows = list(rates.aggregate(body=county, year=replied.year))
    assert rows and rows[0]["items"] == 1 and rows[0]["replied"] == 1
