from renda.core.nav import Waiting

from .models import Notification


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def waiting(user) -> list[Waiting]:
    n = unread_count(user)
    return [Waiting("未读通知", n, "/work/inbox/", "primary")] if n else []
