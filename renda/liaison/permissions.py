"""Who may: staff of a body (or a body above it) manage its liaison work; a standing-committee member works
with the deputies linked to them; a deputy acts for their own mandates only."""

from django.db.models import Q
from django.utils import timezone

from renda.core.errors import NotPermitted
from renda.core.models import Body, BodyKind
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


# --- 人大街道工委: the district's deputies in the sub-district ------------------------------------------------
# A sub-district working committee has no deputies of its own; it liaises with the district deputies elected
# in the sub-district, organises their activities and relays their suggestions (地方组织法 Art. 59,
# domain.md §1.2). Their seats are in the district congress, above the 工委 in the tree, so the tree scope
# (core.permissions.scope) never reaches them: `area_mandates` is the one, narrow way down — the deputies
# whose constituency lies in the sub-district — used to read them and to plan the 工委's own activities and
# courses for them. Nothing of the district congress's own registers opens to the 工委.


def is_subdistrict(body: Body) -> bool:
    return body.kind == BodyKind.SUBDISTRICT_COMMITTEE


def area_congress(body: Body) -> Body | None:
    """The people's congress above a sub-district working committee (the district's)."""
    node = body.parent
    while node is not None and node.kind != BodyKind.CONGRESS:
        node = node.parent
    return node


def area_mandates(body: Body):
    """The district deputies serving now whose constituency lies in the sub-district `body`."""
    from renda.deputies.choices import CURRENT_STATUSES
    from renda.deputies.models import Mandate

    congress = area_congress(body)
    if congress is None:
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(body=congress, constituency__township=body, status__in=CURRENT_STATUSES)
        .select_related("person", "constituency")
        .order_by("person__name_pinyin")
    )


def deputies_of(body: Body):
    """The deputies a body's liaison office works with: a 工委's area deputies, else its congress's."""
    from renda.deputies.choices import CURRENT_STATUSES
    from renda.deputies.models import Mandate

    if is_subdistrict(body):
        return area_mandates(body)
    return (
        Mandate.objects.filter(body=congress_of(body), status__in=CURRENT_STATUSES)
        .select_related("person")
        .order_by("person__name_pinyin")
    )
