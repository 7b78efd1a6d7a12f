"""Three rates with monthly ranking and xlsx export; monthly statistics per station with charts; policy."""

from datetime import date, timedelta

from django.contrib import messages as flash
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import downloads
from renda.core.errors import Refused
from renda.core.params import id_param
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refused_form
from renda.deputies.models import Station

from .. import policy as policies
from .. import rates, selectors, services
from ..choices import Category, Status
from ..forms import PolicyForm
from ..services.settings import FIELDS

READERS = {Role.STAFF, Role.LEADER}


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    raw = request.GET.get("month", "")
    try:
        y, m = (int(p) for p in raw.split("-"))
        if 2000 <= y <= 2100 and 1 <= m <= 12:
            return y, m
    except ValueError:
        pass
    return today.year, today.month


def _period(request) -> tuple[date, date, str]:
    """?start=&end= for any period, else ?month=YYYY-MM (default: this month)."""
    try:
        start, end = date.fromisoformat(request.GET["start"]), date.fromisoformat(request.GET["end"])
        # Years outside 2000–2100 are typing errors, and 9999-12-31 + 1 day would overflow: ignored.
        if start <= end and start.year >= 2000 and end.year <= 2100:
            return start, end, f"{start:%Y-%m-%d} 至 {end:%Y-%m-%d}"
    except (KeyError, ValueError, TypeError):
        pass
    y, m = _month(request)
    start, end = rates.month_bounds(y, m)
    return start, end, f"{y}年{m}月"


def _ranking(request):
    group = request.GET.get("group", "unit")
    group = group if group in rates.GROUPS else "unit"
    start, end, label = _period(request)
    weights = policies.for_body(request.user.home_body).weights
    rows = rates.ranking(
        selectors.messages_for(request.user), group=group, start=start, end=end, weights=weights
    )
    return group, start, end, label, weights, rows


def rate_ranking(request):
    require_role(request.user, READERS, action="查看三率")
    group, start, end, label, weights, rows = _ranking(request)
    y, m = _month(request)
    return render(
        request,
        "contact/rates.html",
        {
            "rows": rows,
            "group": group,
            "groups": rates.GROUPS,
            "label": label,
            "weights": weights,
            "month": f"{y}-{m:02d}",
            "start": start,
            "end": end,
            "query": request.GET.urlencode(),
        },
    )


def rate_xlsx(request):
    require_role(request.user, READERS, action="导出三率")
    group, start, end, label, _weights, rows = _ranking(request)
    data = rates.to_xlsx(rows, title=f"社情民意三率排名（{rates.GROUPS[group]}，{label}）", group=group)
    return downloads.attachment(data, f"contact-rates-{group}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")


def statistics(request):
    """Messages by category, place and status for one station (or all in scope) in a month; township heat map."""
    require_role(request.user, READERS | {Role.STATION_KEEPER}, action="查看统计")
    y, m = _month(request)
    start, end = rates.month_bounds(y, m)
    stations = selectors.stations_in_scope(request.user).order_by("name")
    qs = selectors.messages_for(request.user).order_by()
    station = None
    if sid := id_param(request.GET.get("station")):
        station = Station.objects.filter(pk=sid, pk__in=stations.values("pk")).first()
        if station is not None:
            qs = qs.filter(station=station)
    until = rates.day_start(end + timedelta(days=1))
    month_qs = qs.filter(received_at__gte=rates.day_start(start), received_at__lt=until)
    by_cat = dict(month_qs.values_list("category").annotate(n=Count("id")))
    by_status = dict(month_qs.values_list("status").annotate(n=Count("id")))
    by_place = list(
        month_qs.exclude(place="").values_list("place").annotate(n=Count("id")).order_by("-n")[:10]
    )
    year_start = date(y - 1, m, 1) if m < 12 else date(y, 1, 1)
    heat = (
        qs.filter(received_at__gte=rates.day_start(year_start), received_at__lt=until, township__isnull=False)
        .annotate(month=TruncMonth("received_at"))
        .values_list("township__short_name", "township__name", "month")
        .annotate(n=Count("id"))
    )
    months = sorted({row[2].strftime("%Y-%m") for row in heat})
    towns = sorted({row[0] or row[1] for row in heat})
    chart = {
        "category": [
            {"name": Category(k).label, "value": v} for k, v in sorted(by_cat.items(), key=lambda kv: -kv[1])
        ],
        "status": {"labels": [Status(k).label for k in by_status], "values": list(by_status.values())},
        "place": {"labels": [p for p, _ in by_place][::-1], "values": [n for _, n in by_place][::-1]},
        "heat": {
            "months": months,
            "towns": towns,
            "cells": [[months.index(r[2].strftime("%Y-%m")), towns.index(r[0] or r[1]), r[3]] for r in heat],
            "max": max((r[3] for r in heat), default=1),
        },
    }
    return render(
        request,
        "contact/stats.html",
        {
            "chart": chart,
            "stations": stations,
            "station": station,
            "month": f"{y}-{m:02d}",
            "label": f"{y}年{m}月",
            "total": sum(by_cat.values()),
            "by_cat": chart["category"],
            "by_status": zip(chart["status"]["labels"], chart["status"]["values"], strict=True),
            "by_place": by_place,
        },
    )


def policy(request):
    require_role(request.user, {Role.STAFF}, action="修改办理规则")
    body = request.user.body
    current = policies.for_body(body)
    form = PolicyForm(request.POST or None, initial={f: getattr(current, f) for f in FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_policy(body, by=request.user, **form.cleaned_data)
        except Refused as exc:
            return refused_form(
                request,
                form,
                exc,
                "contact/policy.html",
                {"body": body, "current": current},
                action="contact.policy",
            )
        flash.success(request, "办理规则已保存，新的期限从下一次办理起算。")
        return redirect("contact:policy")
    return render(
        request,
        "contact/policy.html",
        {
            "form": form,
            "body": body,
            "current": current,
            "inherited": current.pk is None or current.body_id != body.pk,
        },
        status=422 if request.method == "POST" else 200,
    )
