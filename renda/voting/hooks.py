"""What the vote engine adds to shared screens: a navigation entry and the member's "待投票" line."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from renda.core.nav import Waiting, register_nav, register_waiting
from renda.core.roles import Role


def to_vote(user) -> list[Waiting]:
    """Open polls where the user is an elector and has cast nothing yet (one query)."""
    from .models import Ballot, Participation, Poll, State

    mine = (
        Poll.objects.filter(state=State.OPEN, voters__user=user, paper=False)
        .exclude(Exists(Ballot.objects.filter(poll=OuterRef("pk"), voter=user)))
        .exclude(Exists(Participation.objects.filter(poll=OuterRef("pk"), voter=user)))
    )
    first = list(mine.order_by("opened_at").values_list("pk", flat=True)[:2])
    if not first:
        return []
    url = reverse("voting:vote", args=[first[0]]) if len(first) == 1 else reverse("voting:index")
    return [Waiting("正在表决，等待您投票", len(first) if len(first) == 1 else mine.count(), url, "danger")]


def register() -> None:
    register_nav("表决", "voting:index", {Role.STAFF, Role.LEADER, Role.DEPUTY}, order=45)
    register_waiting({Role.DEPUTY, Role.LEADER, Role.STAFF}, to_vote)
