from django.db.models import Count, QuerySet

from renda.core.nav import Waiting
from renda.core.permissions import bodies_in_scope
from renda.core.roles import Role

from .models import Notification, Outbox, Status


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def waiting(user) -> list[Waiting]:
    n = unread_count(user)
    return [Waiting("未读通知", n, "/work/inbox/", "primary")] if n else []


def outbox_for(user) -> QuerySet[Outbox]:
    """Staff see the rows of their congress and the bodies below it; the system admin sees every row (to run
    the delivery), but the admin page shows them no contents (等保 三员分立: no business data)."""
    qs = Outbox.objects.select_related("user", "body")
    if user.role == Role.SYSTEM_ADMIN:
        return qs
    if user.role == Role.STAFF:
        return qs.filter(body__in=bodies_in_scope(user))
    return qs.none()


def counts(user) -> dict[str, int]:
    rows = outbox_for(user).order_by().values("status").annotate(n=Count("id"))
    out = {s: 0 for s in Status.values}
    out.update({r["status"]: r["n"] for r in rows})
    return out


def waiting_failed(user) -> list[Waiting]:
    n = outbox_for(user).filter(status=Status.DEAD).count()
    return [Waiting("发送失败的通知", n, "/work/inbox/outbox/?status=dead", "danger")] if n else []
