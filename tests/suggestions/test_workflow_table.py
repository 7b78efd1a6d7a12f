"""The state table itself: every state reachable, every open state has an exit, every row cites domain.md."""

from renda.suggestions import workflow
from renda.suggestions.models import State


def _edges():
    for s in workflow.STEPS:
        for src in s.src:
            for dst in s.destinations or (src,):
                yield src, dst


def test_every_state_is_reachable_from_draft():
    seen, frontier = {State.DRAFT}, [State.DRAFT]
    edges = list(_edges())
    while frontier:
        cur = frontier.pop()
        for src, dst in edges:
            if src == cur and dst not in seen:
                seen.add(dst)
                frontier.append(dst)
    assert seen == set(State.values)


def test_every_open_state_has_an_exit_and_terminal_states_have_none():
    for state in State.values:
        leaves = {dst for src, dst in _edges() if src == state and dst != state}
        if state in workflow.TERMINAL:
            assert not leaves, state
        else:
            assert leaves, state


def test_every_step_cites_its_rule():
    for s in workflow.STEPS:
        assert s.cite.startswith("§1."), s.action


def test_clocks_name_policy_fields():
    from renda.suggestions.models import Policy

    fields = {f.name for f in Policy._meta.fields}
    for s in workflow.STEPS:
        if s.clock:
            assert s.clock in fields, s.action
