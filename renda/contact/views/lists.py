"""Lists: all messages in scope (staff), the overdue board, a deputy's messages, a unit's to-do."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from renda.core import xlsx_export
from renda.core.params import text_param
from renda.core.permissions import has_role, require_business, require_role
from renda.core.roles import UNIT_ROLES, Role

from .. import codes, selectors
from ..choices import OPEN_STATUSES, Category, Status
from .common import page_of, query_without_page


def _dates(user) -> dict:
    """Today and the due-soon line (policy.due_soon_days) for the overdue and due-soon marks."""
    from datetime import timedelta

    from .. import policy as policies

    today = timezone.localdate()
    return {"today": today, "soon": today + timedelta(days=policies.for_body(user.home_body).due_soon_days)}


def _filtered(request, qs):
    status, category, q = (
        request.GET.get("status", ""),
        request.GET.get("category", ""),
        text_param(request.GET.get("q"), 50),
    )
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if category in Category.values:
        qs = qs.filter(category=category)
    if q.strip():
        # A voter on the phone reads out their code: found by its hash, as the code itself is not stored.
        by_code = Q(code_hash=codes.digest(code)) if (code := codes.normalise(q)) else Q(pk__in=[])
        qs = qs.filter(Q(title__icontains=q) | by_code)
    return qs, {"status": status, "category": category, "q": q}


def message_list(request):
    require_role(request.user, {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, action="查看社情民意")
    qs, filters = _filtered(request, selectors.messages_for(request.user))
    return render(
        request,
        "contact/list.html",
        {
            "page": page_of(request, qs),
            "query": query_without_page(request),
            "filters": filters,
            "statuses": Status.choices,
            "categories": Category.choices,
            **_dates(request.user),
            "title": "社情民意",
        },
    )


def overdue(request):
    require_role(request.user, {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, action="查看超期留言")
    qs = selectors.overdue(request.user)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "超期留言", qs, message_table(), action="contact.export", object_type="contact.message"
        )
    return render(
        request, "contact/overdue.html", {"page": page_of(request, qs), "query": "", **_dates(request.user)}
    )


def mine(request):
    require_role(request.user, {Role.DEPUTY}, action="查看代表收到的留言")
    qs, filters = _filtered(request, selectors.messages_for(request.user))
    return render(
        request,
        "contact/list.html",
        {
            "page": page_of(request, qs),
            "query": query_without_page(request),
            "filters": filters,
            "statuses": Status.choices,
            "categories": Category.choices,
            **_dates(request.user),
            "title": "我收到的选民留言",
            "mine": True,
        },
    )


def unit_todo(request):
    require_business(request.user)
    if request.user.role not in UNIT_ROLES:
        raise Http404
    qs = selectors.unit_todo(request.user)
    done = (
        selectors.messages_for(request.user)
        .exclude(status__in=("forwarded", "reopened"))
        .order_by("-replied_at")[:20]
    )
    return render(
        request,
        "contact/unit_todo.html",
        {"page": page_of(request, qs), "query": "", "done": done, **_dates(request.user)},
    )


def is_staff_like(user) -> bool:
    return has_role(user, Role.STAFF, Role.LEADER)


def message_table():
    """The messages' columns in an export: no phone numbers (personal data stays on screen, masked)."""
    header = [
        "编号",
        "收到时间",
        "类别",
        "标题",
        "地点",
        "乡镇（街道）",
        "联络站",
        "代表",
        "状态",
        "办理方式",
        "承办单位",
        "受理期限",
        "答复期限",
        "按时受理",
        "按时答复",
        "评价",
        "问题已解决",
    ]
    yes_no = {True: "是", False: "否", None: ""}

    def row(m):
        return [
            m.pk,
            timezone.localtime(m.received_at).strftime("%Y-%m-%d %H:%M"),
            m.get_category_display(),
            m.title,
            m.place,
            m.township.name if m.township else "",
            m.station.name if m.station else "",
            m.mandate.person.name if m.mandate else "",
            m.get_status_display(),
            m.get_outcome_display(),
            str(m.unit or ""),
            m.accept_due,
            m.reply_due,
            yes_no[m.accepted_on_time],
            yes_no[m.replied_on_time],
            m.get_rating_display(),
            yes_no[m.resolved],
        ]

    return xlsx_export.Table(header, row)


def export_xlsx(request):
    """The filtered list as a spreadsheet, all rows (core.xlsx_export; no phone numbers: personal data stays on
    screen, masked)."""
    require_role(request.user, {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, action="导出社情民意")
    qs, _ = _filtered(request, selectors.messages_for(request.user))
    table = message_table()
    return xlsx_export.respond(
        request, "社情民意", qs, table, action="contact.export", object_type="contact.message"
    )
