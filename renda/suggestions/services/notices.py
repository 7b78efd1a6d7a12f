"""Who hears about what: notifications through the inbox (notify.services.send), each with a dedupe key."""

from django.urls import reverse

from renda.core.models import User
from renda.core.roles import UNIT_ROLES, Role
from renda.notify import services as notify

from ..models import Suggestion


def item_url(item: Suggestion) -> str:
    return reverse("suggestions:detail", args=[item.pk])


def deputy_users(item: Suggestion, *, cosigners: bool = True) -> list[User]:
    users = []
    if item.lead.person.user_id:
        users.append(item.lead.person.user)
    if cosigners:
        users += [
            c.mandate.person.user
            for c in item.cosigners.select_related("mandate__person__user")
            if c.mandate.person.user_id
        ]
    return users


def unit_users(unit_id: int, *, heads_only: bool = False) -> list[User]:
    roles = [Role.UNIT_HEAD] if heads_only else list(UNIT_ROLES)
    return list(User.objects.filter(unit_id=unit_id, role__in=roles, is_active=True))


def staff_users(item: Suggestion) -> list[User]:
    """Staff whose scope covers the item's body (the congress's standing committee, or the township)."""
    return [
        u
        for u in User.objects.filter(role=Role.STAFF, is_active=True, body__isnull=False).select_related(
            "body"
        )
        if item.body.path.startswith(u.body.scope_path)
    ]


def send_all(users, item: Suggestion, *, title: str, body: str = "", key: str = "") -> int:
    sent = 0
    for u in users:
        if notify.send(
            u, title=title, body=body, url=item_url(item), dedupe_key=f"{key}:{u.pk}" if key else ""
        ):
            sent += 1
    return sent


def notify_cosigners(item: Suggestion) -> None:
    users = [
        c.mandate.person.user
        for c in item.cosigners.select_related("mandate__person__user")
        if c.mandate.person.user_id
    ]
    notify.deputies(  # inbox + WeChat, else SMS (renda/notify)
        users,
        "suggestion_cosign",
        {"title": item.title, "lead": str(item.lead.person)},
        event=f"sugg:{item.pk}:cosign:{item.submitted_at:%Y%m%d%H%M%S}",
        url=item_url(item),
        body=item.body,
    )
