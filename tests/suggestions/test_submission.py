"""Submission, joint co-signing, drafts and withdrawal (domain.md §1.3 steps 1–2, §1.4)."""

import pytest

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.suggestions import services
from renda.suggestions.models import Kind, State
from tests.factories.deputies import MandateFactory


def test_sole_submission_goes_to_screening_and_is_in_timeline(draft, deputy_user):
    # domain.md §1.3 step 1
    services.submit(draft, by=deputy_user)
    assert draft.state == State.SUBMITTED
    assert list(draft.timeline.values_list("action", flat=True)) == ["create_draft", "submit"]
    assert AuditEntry.objects.filter(action="suggestion.submit", object_id=str(draft.pk)).exists()


def test_submission_without_proposals_is_refused_and_changes_nothing(draft, deputy_user):
    # domain.md §1.3 step 1: required fields (Beijing Art. 9)
    draft.proposals = ""
    draft.save()
    with pytest.raises(Refused) as exc:
        services.submit(draft, by=deputy_user)
    assert exc.value.code == "required_fields_missing"
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_another_deputy_cannot_submit_my_draft(draft, cosigner_users):
    with pytest.raises(NotPermitted):
        services.submit(draft, by=cosigner_users[0])


def test_joint_item_waits_for_every_cosigner(draft, deputy_user, cosigners, cosigner_users):
    # domain.md §1.3 step 1: co-signers confirm the content
    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    services.submit(draft, by=deputy_user)
    assert draft.state == State.COSIGNING
    services.cosign(draft, by=cosigner_users[0])
    assert draft.state == State.COSIGNING
    services.cosign(draft, by=cosigner_users[1])
    assert draft.state == State.SUBMITTED


def test_cosigner_of_another_body_is_refused(draft, deputy_user, township_a):
    stranger = MandateFactory(body=township_a)
    with pytest.raises(Refused) as exc:
        services.update_draft(draft, cosigners=[stranger], by=deputy_user)
    assert exc.value.code == "cosigner_not_deputy_of_body"
    assert not draft.cosigners.exists()


def test_declined_cosign_returns_to_draft(draft, deputy_user, cosigners, cosigner_users):
    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    services.submit(draft, by=deputy_user)
    services.decline_cosign(draft, by=cosigner_users[0], reason="内容需再斟酌")
    assert draft.state == State.DRAFT
    assert draft.cosigners.count() == 1


def test_joint_withdrawal_needs_every_cosigner(draft, deputy_user, cosigners, cosigner_users):
    # domain.md §1.3 step 2: joint suggestions need all co-signers to agree to withdraw
    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    services.submit(draft, by=deputy_user)
    for u in cosigner_users:
        services.cosign(draft, by=u)
    services.agree_withdraw(draft, by=cosigner_users[0])
    with pytest.raises(Refused) as exc:
        services.withdraw(draft, by=deputy_user, reason="问题已解决")
    assert exc.value.code == "cosigners_must_agree"
    draft.refresh_from_db()
    assert draft.state == State.SUBMITTED
    services.agree_withdraw(draft, by=cosigner_users[1])
    services.withdraw(draft, by=deputy_user, reason="问题已解决")
    assert draft.state == State.WITHDRAWN


def test_withdrawal_after_handover_is_refused(handed_over, deputy_user):
    # domain.md §1.3 step 2: withdrawal before hand-over only
    with pytest.raises(Refused) as exc:
        services.withdraw(handed_over, by=deputy_user, reason="不想办了")
    assert exc.value.code == "transition_not_allowed"


def test_motion_below_threshold_is_refused(draft, deputy_user, cosigners):
    # domain.md §1.2: county-level motions need 10+ deputies
    draft.kind = Kind.MOTION
    draft.save()
    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.submit(draft, by=deputy_user)
    assert exc.value.code == "motion_threshold_not_met"
    assert "10" in exc.value.message


def test_create_draft_keeps_its_origin_for_contact(mandate, deputy_user):
    # issue 15: the origin is a generic reference (content type + id), resolved back to the object.
    from django.contrib.contenttypes.models import ContentType

    from renda.suggestions.models import Suggestion

    item = services.create_draft(
        mandate=mandate, title="来自选民留言", content="留言内容", by=deputy_user, origin=mandate
    )
    item = Suggestion.objects.get(pk=item.pk)
    assert (item.state, item.origin_type, item.origin_id) == (
        State.DRAFT,
        ContentType.objects.get_for_model(mandate),
        str(mandate.pk),
    )
    assert item.origin == mandate


def test_accept_sends_the_duty_signal_after_commit(submitted, staff, django_capture_on_commit_callbacks):
    from renda.suggestions.signals import suggestion_accepted

    got = []

    def receiver(sender, **kw):
        got.append(kw)

    suggestion_accepted.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.accept(submitted, by=staff)
    finally:
        suggestion_accepted.disconnect(receiver)
    assert got and got[0]["suggestion"] == submitted and got[0]["mandates"] == [submitted.lead]


def test_station_keeper_may_turn_a_message_into_the_deputys_draft(mandate, county):
    from renda.core.roles import Role
    from tests.factories.core import UserFactory

    keeper = UserFactory(role=Role.STATION_KEEPER, body=county)
    item = services.create_draft(
        mandate=mandate,
        title="选民反映",
        content="内容",
        by=keeper,
        origin=mandate,
    )
    assert item.lead == mandate and item.state == State.DRAFT
    with pytest.raises(NotPermitted):
        services.create_draft(mandate=mandate, title="x", content="y", by=keeper)


def test_motion_lapses_when_a_withdrawal_leaves_too_few_supporters(
    draft, deputy_user, cosigners, cosigner_users, county
):
    # domain.md §1.4: if a withdrawal leaves fewer than the threshold, the motion lapses (Shanghai Art. 13)
    from renda.suggestions.models import Policy

    Policy.objects.update_or_create(body=county, defaults={"motion_threshold": 3})
    draft.kind = Kind.MOTION
    draft.save()
    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    services.submit(draft, by=deputy_user)
    for u in cosigner_users:
        services.cosign(draft, by=u)
    assert draft.state == State.SUBMITTED
    services.withdraw_support(draft, by=cosigner_users[0], reason="意见改变")
    assert draft.state == State.MOTION_REJECTED and "失效" in draft.decision_note
