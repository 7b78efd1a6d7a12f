"""The state tables read against domain.md: every state reachable, every open state has an exit, every row cites."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.core.roles import Role
from renda.duties import workflow
from renda.duties.choices import LeaveStatus, Review


class _U:
    def __init__(self, role):
        self.role = role


class _Record:
    def __init__(self, status):
        self.status = status


@pytest.mark.parametrize(
    ("table", "start", "states", "final"),
    [
        ("declaration", Review.PENDING, set(Review.values), set()),
        (
            "leave",
            LeaveStatus.PENDING,
            set(LeaveStatus.values),
            {LeaveStatus.APPROVED, LeaveStatus.REFUSED, LeaveStatus.WITHDRAWN},
        ),
    ],
)
def test_tables_reach_every_state_and_cite(table, start, states, final):
    steps = workflow.TABLES[table].steps
    reached, frontier = {start}, [start]
    while frontier:
        s = frontier.pop()
        for step in steps:
            if s in step.src and step.dst not in reached:
                reached.add(step.dst)
                frontier.append(step.dst)
    assert reached == states
    for s in states - final - {Review.APPROVED}:
        assert any(s in step.src for step in steps), s
    assert all(step.cite.startswith("domain.md §3") for step in steps)


def test_require_refuses_wrong_state_and_wrong_role():
    with pytest.raises(Refused) as exc:
        workflow.DECLARATION.require(_Record(Review.APPROVED), "approve", _U(Role.STAFF))
    assert (
        exc.value.code == "transition_not_allowed"
        and "该申报当前状态为“已确认”，不能“确认”" in exc.value.message
    )
    with pytest.raises(NotPermitted) as exc:
        workflow.DECLARATION.require(_Record(Review.PENDING), "approve", _U(Role.DEPUTY))
    assert exc.value.code == "role_not_allowed"
