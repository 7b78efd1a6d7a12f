"""Reads of the meetings app shared by views, API, other apps and exports."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core.models import Body, User

from .models import Membership


def memberships_of(body: Body, on: date | None = None) -> QuerySet[Membership]:
    """The seats of `body` held on `on` (today by default)."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(body=body, start_date__lte=on)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .select_related("user")
    )


def members_of(body: Body, on: date | None = None, *, voting_only: bool = True) -> QuerySet[User]:
    """The users who sit in `body` on `on`: the electorate of its votes (all members, 全体组成人员)."""
    seats = memberships_of(body, on)
    if voting_only:
        seats = seats.filter(voting=True)
    return User.objects.filter(pk__in=seats.values("user_id")).order_by("id")
