"""Home-page lines: staff see meeting requests to arrange; deputies their unanswered invitations."""

from django.urls import reverse
from django.utils import timezone

from renda.core.nav import Waiting
from renda.core.permissions import has_role, scope
from renda.core.roles import Role

from ..choices import MeetingState, Reply
from ..models import OfficialMeeting, SittingInvitation


def waiting(user) -> list[Waiting]:
    items: list[Waiting] = []
    if has_role(user, Role.STAFF):
        n = scope(OfficialMeeting.objects.filter(status=MeetingState.REQUESTED), user).count()
        if n:
            items.append(Waiting("待安排的约见申请", n, reverse("liaison:meetings") + "?status=requested"))
    elif has_role(user, Role.DEPUTY):
        n = SittingInvitation.objects.filter(
            mandate__person__user=user, reply=Reply.PENDING, sitting__on__gte=timezone.localdate()
        ).count()
        if n:
            items.append(Waiting("待答复的列席邀请", n, reverse("liaison:my"), tone="warning"))
    return items
