"""Unit screen: the to-do list by deadline (accept/return, contact, reply, head approval from the item page)."""

from django.shortcuts import render

from renda.core.permissions import require_role
from renda.core.roles import UNIT_ROLES

from .. import selectors
from ..models import Reply, ReplyStatus


def todo(request):
    require_role(request.user, UNIT_ROLES, action="承办")
    rows = list(selectors.unit_todo(request.user)[:300])
    to_approve = []
    if request.user.role == "unit_head":
        to_approve = list(
            Reply.objects.filter(unit_id=request.user.unit_id, status=ReplyStatus.DRAFT)
            .select_related("suggestion", "drafted_by")
            .order_by("drafted_at")
        )
    promises = list(selectors.promises_open(request.user).filter(unit_id=request.user.unit_id)[:50])
    return render(
        request, "suggestions/unit.html", {"rows": rows, "to_approve": to_approve, "promises": promises}
    )
