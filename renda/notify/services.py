from django.db import transaction
from django.utils import timezone

from .models import Notification


def send(user, *, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> Notification | None:
    """Put a message in `user`'s inbox; with a dedupe_key the same reminder is sent once."""
    if dedupe_key and Notification.objects.filter(user=user, dedupe_key=dedupe_key).exists():
        return None
    with transaction.atomic():
        return Notification.objects.create(user=user, title=title[:200], body=body, url=url[:300], dedupe_key=dedupe_key[:120])


def mark_read(notification: Notification, *, by) -> Notification:
    if notification.user_id != by.pk:
        from renda.core.errors import NotPermitted

        raise NotPermitted("not_your_notification", "这条通知不属于您")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
