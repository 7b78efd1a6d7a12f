"""Registering a walk-in or phone message and answering it on the spot is one service (issue 15 "Views never
write"): both are stored or neither (domain.md §4 "register", routing rule "answer on the spot")."""

import pytest

from renda.contact import services
from renda.contact.choices import Channel, Status
from renda.contact.models import Message
from renda.core.errors import Refused
from tests.contact.conftest import draft

pytestmark = pytest.mark.django_db


def test_register_with_an_answer_stores_a_replied_message_and_keeps_its_code(keeper, station):
    m = services.register(
        draft(), station=station, channel=Channel.WALK_IN, answer_now="已联系社区，本周修复。", by=keeper
    )
    stored = Message.objects.get()
    assert stored.status == Status.REPLIED and stored.registered_by == keeper
    assert m.code and stored.events.count() == 2


def test_a_refused_answer_leaves_no_registered_message(keeper, station):
    with pytest.raises(Refused) as exc:
        services.register(draft(), station=station, channel=Channel.PHONE, answer_now="答复\x00", by=keeper)
    assert exc.value.code == "contact_bad_character"
    assert not Message.objects.exists()
