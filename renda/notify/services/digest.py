"""Daily digests keyed on the date (wave2-references.md (d) 8; Decidim #9599, #16143).

Each user who asked for it gets one e-mail per past day that had inbox notices: the day is part of the
outbox key (`digest:2026-12-01:u5:email`), and `Preference.last_digest_for` records the last day handled.
A run handles every day after that one up to yesterday, so a missed day is caught up by the next run, and
a second run the same day queues nothing (the key exists). Never "sent less than 24 h ago".
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Notification, Preference
from .outbox import notify

DIGEST_HOUR = 7  # OpenSourcePolitics #489 moved Decidim's digest to 7:00
CATCH_UP_DAYS = 14  # a digest for a day more than two weeks ago is worthless; the inbox still has it


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=1)


def queue_digests(*, today: date | None = None) -> int:
    """Queue the digests of every day not yet handled, up to yesterday. Returns how many were queued.
    The periodic task calls it every minute; before DIGEST_HOUR it waits (a digest at 07:00, not midnight)."""
    if today is None:
        if timezone.localtime().hour < DIGEST_HOUR:
            return 0
        today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    queued = 0
    due = Preference.objects.filter(digest_on=True).filter(
        Q(last_digest_for__isnull=True) | Q(last_digest_for__lt=yesterday)
    )
    for pref in due.select_related("user", "user__body"):
        if pref.last_digest_for is not None and pref.last_digest_for >= yesterday:
            continue
        first = max(
            (pref.last_digest_for + timedelta(days=1)) if pref.last_digest_for else yesterday,
            today - timedelta(days=CATCH_UP_DAYS),
        )
        with transaction.atomic():
            p = Preference.objects.select_for_update().get(pk=pref.pk)
            if p.last_digest_for is not None and p.last_digest_for >= yesterday:
                continue
            day = first
            while day <= yesterday:
                start, end = _bounds(day)
                items = list(
                    Notification.objects.filter(user=p.user, created_at__gte=start, created_at__lt=end)
                    .exclude(dedupe_key__startswith="digest:")
                    .order_by("created_at", "id")
                    .values_list("title", flat=True)[:50]
                )
                if items:
                    notify(
                        [pref.user],
                        "digest",
                        {
                            "date": f"{day:%Y-%m-%d}",
                            "count": len(items),
                            "items": "\n".join(f"· {t}" for t in items),
                        },
                        channels=("email",),
                        event=f"digest:{day:%Y-%m-%d}",
                    )
                    queued += 1
                day += timedelta(days=1)
            p.last_digest_for = yesterday
            p.save(update_fields=["last_digest_for"])
    return queued
