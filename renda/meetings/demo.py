"""Demo: the county standing committee's members (常委会组成人员), chosen among the county deputies."""

from datetime import date

from django.db import transaction

from renda.core import demo as core_demo
from renda.core.models import User

from .models import Membership, Position

SEATS = 15  # a county standing committee of 15–35 members (地方组织法 Art. 50)


@core_demo.register(15, "常委会组成人员")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    """The leader account as a vice-chair, then county deputies' accounts (dep001 …) as the other seats."""
    sc, start = county.standing_committee, date(2026, 1, 10)
    leader = county.accounts.get("leader")
    deputy = county.accounts.get("deputy")
    seats: list[tuple[User, str]] = [(leader, Position.VICE_CHAIR)] if leader else []
    others = User.objects.filter(body=county.county, username__startswith="dep").order_by("username")
    for k, user in enumerate(others.exclude(pk=getattr(deputy, "pk", None))[: SEATS - len(seats)]):
        seats.append(
            (user, Position.CHAIR if k == 0 else Position.SECRETARY_GENERAL if k == 1 else Position.MEMBER)
        )
    Membership.objects.bulk_create(
        Membership(body=sc, user=user, position=position, start_date=start) for user, position in seats
    )
