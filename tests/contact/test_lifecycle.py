"""The life cycle of a voter's message (domain.md §2.1, §4): screening, routing, reply, rating, reopening."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.contact import codes, services
from renda.contact.choices import NotAcceptedReason, Outcome, Rating, Status
from renda.contact.models import Message
from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry, Deadline
from renda.notify.models import Notification

pytestmark = pytest.mark.django_db


def test_submit_stores_code_encrypted_phone_and_acceptance_deadline(make_message):
    # domain.md §2.3: online submissions accepted within 2 hours (a clock in hours, not working days)
    m = make_message()
    assert m.status == Status.RECEIVED and len(m.code) == 12 and m.code_hash == codes.digest(m.code)
    assert m.accept_due_at - m.received_at == dt.timedelta(hours=2)
    assert m.accept_due == timezone.localdate(m.accept_due_at)
    assert not Deadline.objects.filter(object_id=str(m.pk), field="accept_due").exists()
    raw = Message.objects.filter(pk=m.pk).values_list("phone", flat=True)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT phone FROM contact_message WHERE id = %s", [m.pk])
        stored = cur.fetchone()[0]
    assert "13800001234" not in stored and list(raw) == ["13800001234"]
    assert m.events.get().action == "submit"


def test_full_cycle_received_to_closed(
    make_message, keeper, staff, unit, unit_user, django_capture_on_commit_callbacks
):
    # domain.md §4: register → sort → hand over → feed back → rate → archive
    m = make_message()
    m = services.accept(m, by=keeper)
    assert m.status == Status.ACCEPTED and m.accepted_on_time is True and m.forward_due
    with django_capture_on_commit_callbacks(execute=True):
        m = services.forward(m, unit=unit, by=staff)
    assert m.status == Status.FORWARDED and m.reply_due and m.outcome == Outcome.UNIT
    assert Notification.objects.filter(user=unit_user).exists()
    m = services.reply(m, text="已安排维修，三日内修复。", by=unit_user)
    assert m.status == Status.REPLIED and m.replied_on_time is True and m.rate_due
    m = services.rate(m, rating=Rating.SATISFIED, resolved=True, by=None)
    assert m.status == Status.RATED
    m = services.close(m, system=True)
    assert m.status == Status.CLOSED and m.closed_at
    actions = list(m.events.values_list("action", flat=True))
    assert actions == ["submit", "accept", "forward", "reply", "rate", "close"]
    assert AuditEntry.objects.filter(object_type="contact.message", object_id=str(m.pk)).count() == 6


def test_not_accepted_needs_a_listed_reason_and_ends_the_message(make_message, keeper):
    # domain.md §2.1 Art. 11: litigation and petition matters go to their own channels
    m = make_message()
    with pytest.raises(Refused) as exc:
        services.reject(m, reason="", by=keeper)
    assert exc.value.code == "contact_reason_required"
    m.refresh_from_db()
    assert m.status == Status.RECEIVED
    m = services.reject(m, reason=NotAcceptedReason.LITIGATION, note="已在法院起诉", by=keeper)
    assert m.status == Status.NOT_ACCEPTED and m.closed_at and m.accepted_on_time is True


def test_answer_on_the_spot_goes_straight_to_replied(make_message, deputy_user):
    # domain.md §4 routing rule: answer on the spot if possible (the addressed station's deputy)
    m = make_message()
    m = services.answer(m, text="该路段已列入今年改造计划。", by=deputy_user)
    assert m.status == Status.REPLIED and m.outcome == Outcome.ON_SPOT and m.replies.get().kind == "on_spot"


def test_unsatisfied_is_handled_again_until_basically_satisfied(make_message, keeper, staff, unit, unit_user):
    # domain.md §4 township flow: re-handle if dissatisfied until at least 基本满意 (not just once)
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    for round_ in (1, 2):
        m = services.reply(m, text="正在协调。", by=unit_user)
        m = services.rate(m, rating=Rating.UNSATISFIED, resolved=False, note="还没修", by=None)
        assert m.status == Status.REOPENED and m.reopen_count == round_ and m.reply_due_at
    m = services.reply(m, text="已修复。", by=unit_user)
    assert list(m.replies.values_list("round", flat=True)) == [1, 2, 3]
    m = services.rate(m, rating=Rating.BASIC, resolved=True, by=None)
    assert m.status == Status.RATED and m.reopen_count == 2


def test_rehandling_stops_at_the_policy_cap(make_message, keeper, staff, unit, unit_user, county):
    # domain.md §4: until at least 基本满意, bounded by policy.reopen_max (the project's own default 3)
    services.save_policy(county, by=staff, reopen_max=1)
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    m = services.rate(
        services.reply(m, text="协调中", by=unit_user), rating=Rating.UNSATISFIED, resolved=False
    )
    assert m.status == Status.REOPENED
    m = services.rate(
        services.reply(m, text="仍协调", by=unit_user), rating=Rating.UNSATISFIED, resolved=False
    )
    assert m.status == Status.RATED and m.reopen_count == 1


def test_unit_late_reply_is_not_on_time(make_message, keeper, staff, unit, unit_user):
    # domain.md §2.2: 响应率 counts replies within the deadline
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    Message.objects.filter(pk=m.pk).update(reply_due_at=timezone.now() - dt.timedelta(minutes=1))
    m = services.reply(m, text="已处理。", by=unit_user)
    assert m.replied_on_time is False


def test_other_unit_cannot_reply_and_nothing_changes(make_message, keeper, staff, unit, other_unit):
    from tests.factories.core import UnitUserFactory

    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    stranger = UnitUserFactory(unit=other_unit)
    with pytest.raises(NotPermitted) as exc:
        services.reply(m, text="越权答复", by=stranger)
    assert exc.value.code == "contact_not_in_scope"
    m.refresh_from_db()
    assert m.status == Status.FORWARDED and not m.replies.exists()


def test_outsider_township_cannot_screen(make_message, outsider):
    m = make_message()
    with pytest.raises(NotPermitted):
        services.accept(m, by=outsider)
    m.refresh_from_db()
    assert m.status == Status.RECEIVED


def test_forward_from_received_is_refused_with_state(make_message, staff, unit):
    m = make_message()
    with pytest.raises(Refused) as exc:
        services.forward(m, unit=unit, by=staff)
    assert exc.value.code == "transition_not_allowed" and "留言当前状态为“待受理”" in exc.value.message


def test_unit_can_return_a_misdirected_message(make_message, keeper, staff, unit, unit_user):
    # domain.md §2.1 Art. 12: 派单异议 (退单)
    m = services.forward(services.accept(make_message(), by=keeper), unit=unit, by=staff)
    m = services.return_to_staff(m, reason="不属于本单位职责", by=unit_user)
    assert m.status == Status.ACCEPTED and m.unit is None


def test_hand_to_hotline_is_recorded(make_message, keeper):
    # domain.md §2.3: stations feed items into 12345
    m = services.accept(make_message(), by=keeper)
    m = services.hand_to_hotline(m, ref="GD2026112500123", by=keeper)
    assert m.status == Status.HOTLINE and m.hotline_ref == "GD2026112500123"


def test_voter_with_a_phone_gets_an_sms_notice_per_change_and_one_without_gets_none(
    make_message, keeper, staff, unit
):
    # issue 9: "an SMS or page notification when it changes"; issue 18: sent through renda.notify's outbox
    from renda.notify.models import Channel, Outbox

    m = services.accept(make_message(), by=keeper)
    rows = list(Outbox.objects.filter(event__startswith=f"contact:{m.pk}:", channel=Channel.SMS))
    assert len(rows) == 1 and rows[0].template == "contact_accepted" and "路灯不亮" in rows[0].text
    assert "13800001234" not in rows[0].text and rows[0].address == "13800001234"  # address encrypted at rest
    quiet = services.accept(make_message(phone=""), by=keeper)
    assert not Outbox.objects.filter(event__startswith=f"contact:{quiet.pk}:").exists()
