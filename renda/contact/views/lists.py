"""Lists: all messages in scope (staff), the overdue board, a deputy's messages, a unit's to-do."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from renda.core.permissions import has_role, require_business, require_role
from renda.core.roles import UNIT_ROLES, Role

from .. import selectors
from ..choices import OPEN_STATUSES, Category, Status
from .common import page_of, query_without_page


def _dates(user) -> dict:
    """Today and the due-soon line (policy.due_soon_days) for the overdue and due-soon marks."""
    from datetime import timedelta

    from .. import policy as policies

    today = timezone.localdate()
    return {"today": today, "soon": today + timedelta(days=policies.for_body(user.home_body).due_soon_days)}


def _filtered(request, qs):
    status, category, q = request.GET.get("status", ""), request.GET.get("category", ""), request.GET.get("q", "")[:50]
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if category in Category.values:
        qs = qs.filter(category=category)
    if q.strip():
        qs = qs.filter(Q(title__icontains=q) | Q(code=q.strip().upper().replace("-", "")))
    return qs, {"status": status, "category": category, "q": q}


def message_list(request):
    require_role(request.user, {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, action="查看社情民意")
    qs, filters = _filtered(request, selectors.messages_for(request.user))
    return render(request, "contact/list.html", {
        "page": page_of(request, qs), "query": query_without_page(request), "filters": filters,
        "statuses": Status.choices, "categories": Category.choices, **_dates(request.user),
        "title": "社情民意"})


def overdue(request):
    require_role(request.user, {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, action="查看超期留言")
    qs = selectors.overdue(request.user)
    return render(request, "contact/overdue.html", {"page": page_of(request, qs), "query": "",
                                                    **_dates(request.user)})


def mine(request):
    require_role(request.user, {Role.DEPUTY}, action="查看代表收到的留言")
    qs, filters = _filtered(request, selectors.messages_for(request.user))
    return render(request, "contact/list.html", {
        "page": page_of(request, qs), "query": query_without_page(request), "filters": filters,
        "statuses": Status.choices, "categories": Category.choices, **_dates(request.user),
        "title": "我收到的选民留言", "mine": True})


def unit_todo(request):
    require_business(request.user)
    if request.user.role not in UNIT_ROLES:
        raise Http404
    qs = selectors.unit_todo(request.user)
    done = selectors.messages_for(request.user).exclude(status__in=("forwarded", "reopened")).order_by("-replied_at")[:20]
    return render(request, "contact/unit_todo.html", {"page": page_of(request, qs), "query": "", "done": done,
                                                      **_dates(request.user)})


def is_staff_like(user) -> bool:
    return has_role(user, Role.STAFF, Role.LEADER)
