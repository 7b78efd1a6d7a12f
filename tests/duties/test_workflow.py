"""The duties state tables (declaration, leave): what is particular to them. The generic walk of every table is
tests/core/test_workflow_tables.py."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.core.roles import Role
from renda.duties import workflow
from renda.duties.choices import Review


class _U:
    def __init__(self, role):
        self.role = role


class _Record:
    def __init__(self, status):
        self.status = status


# Reachability, exits, citations and clocks of both tables: tests/core/test_workflow_tables.py.


@pytest.mark.parametrize("table", ["declaration", "leave"])
def test_every_step_cites_the_duties_chapter(table):
    # domain.md §3: duty declarations and leave are rules of the deputies' chapter
    assert all(step.cite.startswith("domain.md §3") for step in workflow.TABLES[table].steps)


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
