"""Who may: staff of a body (or a body above it) manage its liaison work; a standing-committee member works
with the deputies linked to them; a deputy acts for their own mandates only."""

from django.db.models import Q
from django.utils import timezone

from renda.core.errors import NotPermitted
from renda.core.models import Body
from renda.core.models.bodies import COMMITTEE_KINDS
from renda.core.permissions import body_in_scope, has_role
from renda.core.roles import Role


def can_manage(user, body: Body) -> bool:
    return has_role(user, Role.STAFF) and body_in_scope(user, body)


def require_manage(user, body: Body, *, action: str = "") -> None:
    if not can_manage(user, body):
        raise NotPermitted(
            "liaison_not_permitted", f"无权管理{body}的代表工作{('：' + action) if action else ''}"
        )


def congress_of(body: Body) -> Body:
    """The congress whose deputies a standing committee (or a special committee) works with."""
    if body.kind in COMMITTEE_KINDS and body.parent_id:
        return body.parent
    return body


def seats_of(user, on=None):
    """The standing-committee seats `user` holds on `on` (today by default)."""
    from renda.meetings.models import Membership

    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(user=user, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("body", "body__parent")
    )


def is_member(user) -> bool:
    return seats_of(user).exists()


def is_own(user, mandate) -> bool:
    return has_role(user, Role.DEPUTY) and mandate.person.user_id == user.pk


def require_own(user, mandate, *, action: str = "") -> None:
    if not is_own(user, mandate):
        raise NotPermitted("not_your_mandate", f"只能为本人{action or '办理'}")
