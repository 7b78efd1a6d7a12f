"""Daily digests keyed on the date (wave2-references.md (d) 8; Decidim #9599 skipped a day, #16143 sent once
and never again): each past day is digested exactly once, a missed run is caught up, a second run sends nothing."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from renda.notify import services
from renda.notify.models import Notification, Outbox, Preference
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def _notice(user, day: date, hour: int, title: str):
    n = Notification.objects.create(user=user, title=title)
    Notification.objects.filter(pk=n.pk).update(
        created_at=timezone.make_aware(datetime(day.year, day.month, day.day, hour))
    )


def test_digests_across_a_missed_day_cover_every_day_once(smtp):
    u = UserFactory(email="dep@example.cn")
    Preference.objects.create(user=u, digest_on=True, last_digest_for=date(2026, 11, 30))
    _notice(u, date(2026, 12, 1), 9, "建议已交办")
    _notice(u, date(2026, 12, 1), 23, "接待日安排")  # late evening still belongs to the 1st
    _notice(u, date(2026, 12, 2), 0, "建议已答复")  # just after midnight belongs to the 2nd
    # The run on 2 December did not happen (server down); the 3 December run catches up both days.
    assert services.queue_digests(today=date(2026, 12, 3)) == 2
    assert services.queue_digests(today=date(2026, 12, 3)) == 0  # run twice the same day: nothing new
    services.dispatch(now=timezone.now())
    subjects = sorted(s for _, s, _ in smtp.messages)
    assert subjects == ["2026-12-01 通知汇总（2 条）", "2026-12-02 通知汇总（1 条）"]
    # The next day: the 3rd had no notices, so nothing is sent, and nothing is skipped later.
    assert services.queue_digests(today=date(2026, 12, 4)) == 0
    _notice(u, date(2026, 12, 4), 10, "会议通知")
    assert services.queue_digests(today=date(2026, 12, 5)) == 1
    assert Preference.objects.get(user=u).last_digest_for == date(2026, 12, 4)
    assert Outbox.objects.filter(event__startswith="digest:").count() == 3


def test_a_user_without_the_digest_gets_none():
    u = UserFactory(email="dep@example.cn")
    _notice(u, date(2026, 12, 1), 9, "建议已交办")
    assert services.queue_digests(today=date(2026, 12, 2)) == 0
