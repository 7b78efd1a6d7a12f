"""The inbox (renda/notify/services.py): reminders with a dedupe key arrive once; a rolled-back step tells nobody."""

import pytest
from django.db import transaction

from renda.notify import services
from renda.notify.models import Notification
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def test_send_many_with_a_key_reaches_each_user_once_however_often_it_is_sent():
    a, b = UserFactory(username="a"), UserFactory(username="b")
    services.send_many([a.pk, a.pk, None], title="留言即将超期", dedupe_key="contact:1:due")
    services.send_many([a.pk, b.pk], title="留言即将超期", dedupe_key="contact:1:due")
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == ["a", "b"]
    services.send_many([a.pk], title="留言已超期", dedupe_key="contact:1:overdue")  # another reminder
    assert Notification.objects.filter(user=a).count() == 2


def test_send_many_without_a_key_sends_every_time():
    a = UserFactory(username="a")
    for _ in range(2):
        services.send_many([a.pk], title="新留言")
    assert Notification.objects.filter(user=a).count() == 2


def test_a_rolled_back_step_leaves_no_notice():
    a = UserFactory(username="a")
    with pytest.raises(RuntimeError), transaction.atomic():
        services.send_many([a.pk], title="新留言", dedupe_key="contact:2:new")
        raise RuntimeError("the step failed after notifying")
    assert not Notification.objects.exists()
    services.send_many([a.pk], title="新留言", dedupe_key="contact:2:new")  # the key is free again
    assert Notification.objects.count() == 1
