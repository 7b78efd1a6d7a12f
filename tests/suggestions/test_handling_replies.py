"""Handling, replies, extensions, evaluation, re-handling, escalation, promises, closing, publication
(domain.md §1.3 steps 4 and 6–13)."""

from datetime import date, timedelta

import pytest

from renda.core import deadlines
from renda.core.errors import NotPermitted, Refused
from renda.suggestions import services
from renda.suggestions.models import (
    ContactForm,
    ContactStage,
    EscalationKind,
    Publication,
    Rating,
    Reply,
    ReplyStatus,
    State,
)
from tests.factories.suggestions import reply_pdf
from tests.suggestions.conftest import give_cohandler_opinions, send_reply


def test_contact_record_is_in_the_timeline(handling, unit_user):
    # domain.md §1.3 step 6: 办前沟通
    services.record_contact(
        handling,
        stage=ContactStage.BEFORE,
        on=date.today(),
        form=ContactForm.PHONE,
        content="电话了解代表意图",
        by=unit_user,
    )
    assert handling.contacts.count() == 1
    assert handling.timeline.filter(action="record_contact").exists()


def test_cohandler_gives_opinion_lead_cannot(handling, unit_user, other_unit_user):
    # domain.md §1.3 step 4
    services.give_opinion(handling, opinion="同意主办意见，配合做好道路改造", by=other_unit_user)
    with pytest.raises(Refused) as exc:
        services.give_opinion(handling, opinion="x", by=unit_user)
    assert exc.value.code == "not_cohandler"


def test_cohandler_cannot_reply_to_the_deputy(handling, other_unit_user):
    with pytest.raises(Refused) as exc:
        services.draft_reply(handling, reply_class="A", content="x", document=reply_pdf(), by=other_unit_user)
    assert exc.value.code == "not_replying_unit"


@pytest.mark.parametrize(
    "klass,doc,code", [("", True, "reply_class_required"), ("A", False, "document_required")]
)
def test_reply_without_class_or_document_is_refused(handling, unit_user, klass, doc, code):
    # domain.md §1.3 step 7–8
    with pytest.raises(Refused) as exc:
        services.draft_reply(
            handling, reply_class=klass, content="答复", document=reply_pdf() if doc else None, by=unit_user
        )
    assert exc.value.code == code
    assert not Reply.objects.exists()


def test_reply_needs_the_unit_heads_approval(handling, unit_user, unit_head):
    # domain.md §1.3 step 7: signed off by the unit head
    r = services.draft_reply(
        handling, reply_class="B", content="正在实施", document=reply_pdf(), by=unit_user
    )
    assert handling.state == State.HANDLING
    with pytest.raises(NotPermitted):
        services.approve_reply(handling, reply_id=r.pk, by=unit_user)
    give_cohandler_opinions(handling)
    services.approve_reply(handling, reply_id=r.pk, by=unit_head)
    r.refresh_from_db()
    assert (r.status, r.approved_by) == (ReplyStatus.SENT, unit_head)
    assert handling.state == State.REPLIED
    a = r.assignment
    a.refresh_from_db()
    assert a.on_time is True and a.reply_class == "B"
    assert deadlines.recipe(handling, "feedback_due").amount == 15


def test_extension_up_to_the_maximum(handling, unit_user, staff):
    # domain.md §1.3 step 7: 3 months, extendable to at most 6
    e = services.request_extension(handling, months=2, reason="涉及预算调整", by=unit_user)
    services.decide_extension(handling, extension_id=e.pk, approve=True, by=staff)
    assert deadlines.recipe(handling, "reply_due").amount == 5
    with pytest.raises(Refused) as exc:
        services.request_extension(handling, months=2, reason="再延", by=unit_user)
    assert exc.value.code == "extension_over_maximum"


def test_rating_binds_to_the_reply_and_needs_reasons_for_unsatisfied(replied, deputy_user):
    # domain.md §1.3 step 9
    r = replied.replies.get()
    with pytest.raises(Refused) as exc:
        services.evaluate(
            replied, reply_id=r.pk, attitude=Rating.SATISFIED, result=Rating.UNSATISFIED, by=deputy_user
        )
    assert exc.value.code == "reason_required"
    ev = services.evaluate(
        replied, reply_id=r.pk, attitude=Rating.SATISFIED, result=Rating.BASICALLY, by=deputy_user
    )
    assert ev.reply == r and ev.round == 1
    assert replied.state == State.EVALUATED


def test_rating_after_the_deadline_is_refused(replied, deputy_user):
    replied.feedback_due = date.today() - timedelta(days=1)
    replied.save()
    with pytest.raises(Refused) as exc:
        services.evaluate(
            replied,
            reply_id=replied.replies.get().pk,
            attitude="satisfied",
            result="satisfied",
            by=deputy_user,
        )
    assert exc.value.code == "feedback_deadline_passed"
    assert not replied.evaluations.exists()


def test_only_the_lead_deputy_rates(replied, unit_user):
    with pytest.raises(NotPermitted):
        services.evaluate(
            replied, reply_id=replied.replies.get().pk, attitude="satisfied", result="satisfied", by=unit_user
        )


def test_unsatisfied_twice_leads_to_rehandling_then_escalation(
    replied, deputy_user, unit_user, unit_head, staff
):
    # domain.md §1.3 step 10: second reply within 1 month, then expert assessment / joint meeting
    r1 = replied.replies.get()
    services.evaluate(
        replied, reply_id=r1.pk, attitude="basically", result="unsatisfied", reason="未落实", by=deputy_user
    )
    assert (replied.state, replied.round) == (State.REHANDLING, 2)
    assert deadlines.recipe(replied, "reply_due").amount == 1
    send_reply(replied, unit_user, unit_head, reply_class="B")
    replied.refresh_from_db()
    assert replied.state == State.REPLIED
    r2 = replied.replies.get(round=2)
    with pytest.raises(Refused) as exc:
        services.evaluate(replied, reply_id=r1.pk, attitude="satisfied", result="satisfied", by=deputy_user)
    assert exc.value.code == "reply_of_other_round"
    services.evaluate(
        replied,
        reply_id=r2.pk,
        attitude="unsatisfied",
        result="unsatisfied",
        reason="仍未解决",
        by=deputy_user,
    )
    assert replied.state == State.ESCALATED
    with pytest.raises(Refused) as exc:
        services.close(replied, by=staff)
    assert exc.value.code == "escalation_missing"
    services.record_escalation(replied, kind=EscalationKind.EXPERT, note="组织专家评估", by=staff)
    services.close(replied, by=staff)
    assert replied.state == State.CLOSED


def test_feedback_reminder_once_then_excluded(replied):
    # domain.md §1.3 step 9: Chongqing Art. 29
    replied.feedback_due = date.today() - timedelta(days=1)
    replied.save()
    with pytest.raises(Refused):
        services.lapse_feedback(replied)
    services.remind_feedback(replied)
    assert replied.feedback_due > date.today()
    with pytest.raises(Refused) as exc:
        services.remind_feedback(replied)
    assert exc.value.code == "already_reminded"
    replied.feedback_due = date.today() - timedelta(days=1)
    replied.save()
    services.lapse_feedback(replied)
    assert replied.state == State.EVALUATED and replied.unrated
    assert replied.assignments.get(role="lead").unrated


def test_open_promise_blocks_closing(replied, deputy_user, unit_user, staff):
    # domain.md §1.3 step 11
    services.evaluate(
        replied, reply_id=replied.replies.get().pk, attitude="satisfied", result="satisfied", by=deputy_user
    )
    p = services.add_promise(
        replied, text="明年6月前完成加装", due=date.today() + timedelta(days=200), by=unit_user
    )
    with pytest.raises(Refused) as exc:
        services.close(replied, by=staff)
    assert exc.value.code == "promises_open"
    services.complete_promise(p, progress="已完成加装并投入使用", by=unit_user)
    services.close(replied, by=staff)
    assert replied.state == State.CLOSED


def test_supervision_marks_items(handling, leader, county):
    # domain.md §1.3 step 12
    sv = services.supervise(
        body=county,
        year=2026,
        theme="老旧小区改造",
        supervising_leader="李副主任",
        handling_leader="王副县长",
        items=[handling],
        by=leader,
    )
    handling.refresh_from_db()
    assert handling.is_priority and list(sv.items.all()) == [handling]


def test_publication_filters_personal_data_and_respects_private(replied, staff, deputy_user):
    # domain.md §1.3 step 13
    replied.facts = "居民张某（身份证360925197503080011，电话13912345678，家住城关镇幸福路8号）反映电梯问题。"
    replied.save()
    pub = services.publish(replied, by=staff)
    assert "360925197503080011" not in pub.search_text
    assert "13912345678" not in pub.facts and "幸福路8号" not in pub.facts
    replied.private = True
    replied.save()
    with pytest.raises(Refused) as exc:
        services.publish(replied, by=staff)
    assert exc.value.code == "deputy_marked_private"
    assert Publication.objects.count() == 1


def test_cosigners_views_are_collected_for_the_lead(
    draft, deputy_user, cosigners, cosigner_users, staff, unit, unit_user, unit_head, login
):
    # domain.md §1.3 step 9: for joint suggestions the lead deputy collects the co-signers' views
    from tests.suggestions.conftest import send_reply

    services.update_draft(draft, cosigners=cosigners, by=deputy_user)
    services.submit(draft, by=deputy_user)
    for u in cosigner_users:
        services.cosign(draft, by=u)
    services.accept(draft, by=staff)
    services.hand_over(draft, lead=unit, by=staff)
    services.accept_assignment(draft, by=unit_user)
    send_reply(draft, unit_user, unit_head)
    draft.refresh_from_db()
    services.cosigner_view(draft, view="同意答复，希望尽快实施", by=cosigner_users[0])
    with pytest.raises(NotPermitted):
        services.cosigner_view(draft, view="x", by=deputy_user)
    page = login(deputy_user).get(f"/work/suggestions/{draft.pk}/").content.decode()
    assert "同意答复，希望尽快实施" in page
