from django.db import transaction
from django.utils import timezone

from .models import Notification


def send(user, *, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> Notification | None:
    """Put a message in `user`'s inbox; with a dedupe_key the same reminder is sent once."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    with transaction.atomic():
        return Notification.objects.create(
            user=user, title=title[:200], body=body, url=url[:300], dedupe_key=dedupe_key[:120]
        )


def send_many(user_ids, *, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> None:
    """The same message to several inboxes in one INSERT, inside the caller's transaction (a rolled-back
    step tells nobody). With a dedupe_key, a user who already has it is skipped by the unique constraint
    (no read first, and no race between two senders)."""
    rows = [
        Notification(user_id=pk, title=title[:200], body=body, url=url[:300], dedupe_key=dedupe_key[:120])
        for pk in dict.fromkeys(user_ids)
        if pk is not None
    ]
    if rows:
        Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))


def mark_read(notification: Notification, *, by) -> Notification:
    if notification.user_id != by.pk:
        from renda.core.errors import NotPermitted

        raise NotPermitted("not_your_notification", "这条通知不属于您")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
