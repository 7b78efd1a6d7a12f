"""Every state table (renda/<app>/workflow.py, one core.workflow.Workflow each) read against domain.md.

Every state is reachable from the initial state, every open state has an exit and a terminal one none,
every step cites a section of domain.md that exists, every clock names a field of the app's policy model,
every role is a real role. A new module's table is found here without being listed.
"""

import importlib
import importlib.util
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from renda.core.errors import NotPermitted, Refused
from renda.core.workflow import PUBLIC, SYSTEM, Workflow, user_role

DOMAIN_MD = Path(os.environ.get("RENDA_DOMAIN_MD", "/work/shared/docs/domain.md"))


def _tables() -> list[Workflow]:
    found = {}
    for app in settings.INSTALLED_APPS:
        if app.startswith("renda.") and importlib.util.find_spec(f"{app}.workflow"):
            module = importlib.import_module(f"{app}.workflow")
            for value in vars(module).values():
                if isinstance(value, Workflow):
                    found[value.name] = value
    return list(found.values())


TABLES = _tables()
by_table = pytest.mark.parametrize("wf", TABLES, ids=[t.name for t in TABLES])


def _edges(wf: Workflow):
    for s in wf.steps:
        for src in s.src:
            for dst in s.destinations or (src,):
                yield src, dst


def _sections() -> set[str]:
    """The numbered headings of domain.md: "## 4. Deputy liaison stations" → "4", "### 1.3 Local…" → "1.3"."""
    text = DOMAIN_MD.read_text(encoding="utf-8")
    return set(re.findall(r"^#{2,4} (\d+(?:\.\d+)*)\.? ", text, flags=re.M))


def test_every_table_is_found():
    assert {t.name for t in TABLES} >= {"suggestion", "contact", "mandate", "declaration", "leave"}


@by_table
def test_every_state_is_reachable_from_the_initial_states(wf):
    seen, frontier = set(wf.initial), list(wf.initial)
    edges = list(_edges(wf))
    while frontier:
        cur = frontier.pop()
        for src, dst in edges:
            if src == cur and dst not in seen:
                seen.add(dst)
                frontier.append(dst)
    assert seen == set(wf.states.values)


@by_table
def test_every_open_state_has_an_exit_and_terminal_states_have_none(wf):
    assert wf.terminal <= set(wf.states.values)
    for state in wf.states.values:
        leaves = {dst for src, dst in _edges(wf) if src == state and dst != state}
        if state in wf.terminal:
            assert not leaves, state
        else:
            assert leaves, state


@by_table
def test_every_step_names_real_states(wf):
    states = set(wf.states.values)
    for s in wf.steps:
        assert s.src and s.src <= states, s.action
        assert set(s.destinations) <= states, s.action


@by_table
def test_every_step_cites_a_section_of_domain_md(wf):
    sections = _sections()
    assert {"1.3", "2.1", "3.1", "4"} <= sections  # the headings were read
    for s in wf.steps:
        cited = re.findall(r"§\s*(\d+(?:\.\d+)*)", s.cite)
        assert cited, f"{wf.name}.{s.action} cites no domain.md section: {s.cite}"
        assert set(cited) <= sections, f"{wf.name}.{s.action} cites a section domain.md lacks: {s.cite}"


@by_table
def test_every_clock_names_a_field_of_the_apps_policy(wf):
    clocks = {s.action: s.clock for s in wf.steps if s.clock}
    if not clocks:
        return
    fields = {f.name for f in apps.get_model(wf.policy)._meta.get_fields()}
    for action, clock in clocks.items():
        assert clock in fields, f"{wf.name}.{action}: {wf.policy} has no field {clock}"


@by_table
def test_every_role_is_a_real_role_and_every_step_has_a_taker(wf):
    real = set(wf.roles.values) | {SYSTEM}
    for s in wf.steps:
        assert s.roles <= real, f"{wf.name}.{s.action}: {set(s.roles) - real}"
        assert s.roles or s.public, s.action


@by_table
def test_a_step_taken_inside_another_follows_a_step_that_leads_to_it(wf):
    for s in wf.steps:
        if s.follows:
            first = wf.step(s.follows)
            assert set(first.destinations) & s.src, s.action


class _By:
    is_authenticated = True

    def __init__(self, role):
        self.role = role


class _Item:
    def __init__(self, field, state):
        setattr(self, field, state)


DEFAULT_ROLE_TABLES = [t for t in TABLES if t.role_of is user_role]


@pytest.mark.parametrize("wf", DEFAULT_ROLE_TABLES, ids=[t.name for t in DEFAULT_ROLE_TABLES])
def test_allowed_lists_exactly_what_require_lets_through(wf):
    # The buttons and the API (allowed) never offer a step the service (require) refuses, nor hide one.
    takers = [None, PUBLIC, *(_By(r) for r in wf.roles.values)]
    for state in wf.states.values:
        item = _Item(wf.field, state)
        for by in takers:
            passes = []
            for s in wf.steps:
                try:
                    wf.require(item, s.action, by)
                except NotPermitted as exc:
                    assert exc.code == "role_not_allowed"
                    continue
                except Refused as exc:
                    assert exc.code == "transition_not_allowed" and wf.noun in exc.message
                    continue
                passes.append(s)
            assert wf.allowed(item, by) == [s for s in passes if not s.follows], (state, by)


def test_an_unknown_action_is_refused():
    wf = TABLES[0]
    with pytest.raises(Refused) as exc:
        wf.require(_Item(wf.field, next(iter(wf.initial))), "no_such_step", None)
    assert exc.value.code == "action_unknown"
