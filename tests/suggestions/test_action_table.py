"""One action table read by the item's page and by the API (issue 15; renda/suggestions/actions.py)."""

import inspect

from renda.suggestions import actions, workflow
from renda.suggestions.models import State, TimelineEntry


def test_every_action_is_a_named_function_of_the_table_and_most_steps_have_one():
    for name, action in actions.ACTIONS.items():
        assert inspect.isfunction(action.run) and action.run.__name__ == name != "<lambda>"
        assert action.run.__module__ == actions.__name__
    # Steps without an action of their own are taken by another (review_motion files, rejects or converts a
    # motion; submit sends a joint item to its co-signers), by the deadline scan, or on the leader's page.
    taken_elsewhere = {"file_motion", "reject_motion", "motion_to_suggestion", "submit_joint", "supervise"}
    user_steps = {s.action for s in workflow.STEPS if s.roles - workflow.SYSTEM}
    assert user_steps - set(actions.ACTIONS) - taken_elsewhere == set()


def test_the_api_reaches_an_action_the_old_api_table_lacked(login, handed_over, other_unit_user):
    # §1.3 step 4: a co-handling unit gives its opinion; the page and the API call the same function.
    client = login(other_unit_user)
    url = f"/api/v1/suggestions/{handed_over.pk}/transitions"
    assert client.post(f"{url}/accept_assignment", {}, content_type="application/json").status_code == 200
    r = client.post(
        f"{url}/give_opinion",
        {"content": "协办意见：同意主办单位方案"},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    assert handed_over.assignments.get(unit=other_unit_user.unit).opinion == "协办意见：同意主办单位方案"


def test_a_bad_value_on_the_page_is_refused_in_chinese_and_changes_nothing(login, accepted, staff):
    before = TimelineEntry.objects.count()
    r = login(staff).post(
        f"/work/suggestions/{accepted.pk}/act/add_promise/",
        {"text": "年底前完成", "due": "2026-13-40"},
        follow=True,
    )
    page = r.content.decode()
    assert "输入有误：完成时限" in page
    accepted.refresh_from_db()
    assert accepted.state == State.ACCEPTED and TimelineEntry.objects.count() == before
    assert not accepted.promises.exists()


def test_the_success_message_comes_from_the_step_label(login, submitted, staff):
    r = login(staff).post(f"/work/suggestions/{submitted.pk}/act/accept/", follow=True)
    assert actions.success_message("accept") in r.content.decode()
    assert actions.success_message("to_letter") == f"已{workflow.SUGGESTION.step('to_letter').label}"
