"""One action table for contact (issue 15 "One action table per app read by both the page view and the API";
docs/architecture.md "Actions: one table for the page and the API"): every action is a named function of
contact/actions.py, the page and the API reach it through the same function, and every step a person takes
in the workflow table (domain.md §2.1, §4) has an action or says where it is taken instead."""

import dataclasses
import inspect

import pytest
from django.test import Client

from renda.contact import actions, services, workflow
from renda.contact.choices import Status
from renda.contact.models import Message
from renda.core.workflow import SYSTEM


def test_every_action_is_a_named_function_of_the_table():
    for name, entry in actions.ACTIONS.items():
        for fn in (entry.run, entry.page_values):
            if fn is None:
                continue
            assert fn.__name__ != "<lambda>", name
            assert getattr(actions, fn.__name__) is fn, (
                f"{name}: {fn.__name__} is not a function of actions.py"
            )
        assert list(inspect.signature(entry.run).parameters) == ["m", "d", "by"], name
        assert name in workflow.MESSAGE.by_action, f"{name} is no step of the workflow"


def test_every_step_a_person_takes_has_an_action_or_says_where_it_is_taken():
    # domain.md §2.1, §4: the table's steps; only the daily task's part of 办结 needs no button.
    for s in workflow.STEPS:
        if not (set(s.roles) - {SYSTEM} or s.public):
            continue
        if s.action in actions.ELSEWHERE:
            assert s.action not in actions.ACTIONS and actions.ELSEWHERE[s.action].strip()
        else:
            assert s.action in actions.ACTIONS, f"step {s.action} ({s.label}) has no action"
    for s in workflow.STEPS:
        if s.follows:  # taken by another step's service, never offered on its own
            assert s.action in actions.ELSEWHERE and s.follows in actions.ACTIONS


def test_the_voters_rating_stays_a_public_step_of_the_workflow():
    # domain.md §2.1 Art. 8, 23: the voter rates by tracking code, without an account.
    assert workflow.MESSAGE.step("rate").public and workflow.MESSAGE.step("reopen").public
    assert not actions.ACTIONS["rate"].api  # the staff API does not record a call-back rating


def test_the_api_lists_the_same_actions_in_the_same_order_as_before():
    assert actions.API_ACTIONS == (
        "accept",
        "reject",
        "answer",
        "forward",
        "convert",
        "hotline",
        "return",
        "reply",
        "close",
    )


def test_success_messages_default_to_the_steps_label():
    for name, entry in actions.ACTIONS.items():
        expected = entry.done or f"已{workflow.MESSAGE.step(name).label}"
        assert actions.success_message(name) == expected
    assert actions.success_message("accept") == "已受理" and actions.success_message("close") == "已办结"


def _spy(monkeypatch, name: str) -> list:
    """Replace the table's function for `name` by one that records what it was given, then runs it."""
    entry, calls = actions.ACTIONS[name], []

    def recording(m, d, by):
        calls.append(d)
        return entry.run(m, d, by)

    monkeypatch.setitem(actions.ACTIONS, name, dataclasses.replace(entry, run=recording))
    return calls


FIELDS = ("text", "reason", "unit_id", "ref", "urgency", "rating", "resolved")


def _read(d) -> dict:
    return {f: getattr(d, f) for f in FIELDS}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "ready", "page", "api", "after"),
    [
        (
            "accept",
            False,
            {"accept-urgency": "complex", "accept-note": "已电话核实"},
            {"urgency": "complex", "text": "已电话核实"},
            Status.ACCEPTED,
        ),
        (
            "reject",
            False,
            {"reject-reason": "petition", "reject-note": "请走信访渠道"},
            {"reason": "petition", "text": "请走信访渠道"},
            Status.NOT_ACCEPTED,
        ),
        ("forward", True, {"forward-note": "请核实"}, {"text": "请核实"}, Status.FORWARDED),
        (
            "hotline",
            True,
            {"hotline-ref": "GD-1", "hotline-note": "已转"},
            {"ref": "GD-1", "text": "已转"},
            Status.HOTLINE,
        ),
    ],
)
def test_the_api_reaches_an_action_through_the_same_function_as_the_page(
    monkeypatch, login, staff, keeper, make_message, unit, action, ready, page, api, after
):
    calls = _spy(monkeypatch, action)
    first, second = make_message(), make_message(title="第二条")
    if ready:
        first, second = (services.accept(x, by=keeper) for x in (first, second))
    if action == "forward":
        page, api = {**page, "forward-unit": unit.pk}, {**api, "unit_id": unit.pk}
    client = login(staff)
    r = client.post(f"/work/contact/{first.pk}/do/{action}/", page)
    assert r.status_code == 302
    r = client.post(
        f"/api/v1/contact/messages/{second.pk}/actions",
        {"action": action, **api},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert len(calls) == 2 and _read(calls[0]) == _read(calls[1])
    assert set(Message.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        after
    }


@pytest.mark.django_db
def test_the_voters_rating_on_the_page_and_the_api_is_the_staff_pages_rate(monkeypatch, keeper, make_message):
    # domain.md §2.1 Art. 8, 23: the voter's rating by tracking code, page and public API alike.
    calls = _spy(monkeypatch, "rate")
    first, second = make_message(), make_message(title="第二条")
    for m in (first, second):
        services.answer(m, text="已联系社区修复", by=keeper)
    r = Client().post(
        f"/messages/t/{first.code}/rate/", {"rating": "satisfied", "resolved": "1", "note": "谢谢"}
    )
    assert r.status_code == 302
    r = Client().post(
        f"/api/v1/contact/status/{second.code}/rating",
        {"rating": "satisfied", "resolved": True, "note": "谢谢"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert len(calls) == 2 and _read(calls[0]) == _read(calls[1])
    assert {m.status for m in Message.objects.all()} == {Status.RATED}
