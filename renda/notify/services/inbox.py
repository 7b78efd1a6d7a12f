"""The inbox calls every app makes (`send`, `send_many`, `mark_read`), kept as they were and routed through
`notify()` when NOTIFY_DEFAULT_CHANNELS asks for more than the inbox."""

import uuid

from django.utils import timezone

from renda.core.errors import NotPermitted

from ..models import Notification
from .outbox import default_channels, notify


def send(user, *, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> Notification | None:
    """Put a message in `user`'s inbox; with a dedupe_key the same reminder is sent once."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    channels = default_channels()
    if channels == ("inbox",):
        return Notification.objects.create(
            user=user, title=title[:200], body=body, url=url[:300], dedupe_key=dedupe_key[:120]
        )
    done = notify(
        [user],
        "message",
        {"title": title, "body": body, "url": url},
        channels=channels,
        event=dedupe_key or f"msg:{uuid.uuid4().hex}",
        url=url,
        keep_key=bool(dedupe_key),
    )
    return done.inbox[0] if done.inbox else None


def send_many(user_ids, *, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> None:
    """The same message to several inboxes in one INSERT, inside the caller's transaction (a rolled-back
    step tells nobody). With a dedupe_key, a user who already has it is skipped by the unique constraint
    (no read first, and no race between two senders)."""
    ids = [pk for pk in dict.fromkeys(user_ids) if pk is not None]
    if not ids:
        return
    channels = default_channels()
    if channels == ("inbox",):
        rows = [
            Notification(user_id=pk, title=title[:200], body=body, url=url[:300], dedupe_key=dedupe_key[:120])
            for pk in ids
        ]
        Notification.objects.bulk_create(rows, ignore_conflicts=bool(dedupe_key))
        return
    from renda.core.models import User

    notify(
        list(User.objects.filter(pk__in=ids)),
        "message",
        {"title": title, "body": body, "url": url},
        channels=channels,
        event=dedupe_key or f"msg:{uuid.uuid4().hex}",
        url=url,
        keep_key=bool(dedupe_key),
    )


def mark_read(notification: Notification, *, by) -> Notification:
    if notification.user_id != by.pk:
        raise NotPermitted("not_your_notification", "这条通知不属于您")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
