"""Screens for livelihood projects, record-filing review, case-quality review and major matters."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, services
from ..choices import FilingStatus, Kind, ProjectStatus
from ..models import Filing, Project
from ..workflow import FILING
from .common import page, pid, text, writer_context, year_of


def inspections(request):
    from .. import selectors

    permissions.require_read(request.user)
    qs = selectors.items(request.user, kind=Kind.INSPECTION).select_related("plan")
    year = pid(request.GET.get("year"))
    if 2000 <= year <= 2100:
        qs = qs.filter(plan__year=year)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "执法检查", qs, export_columns.INSPECTIONS, action="supervision.export"
        )
    return render(request, "supervision/inspections.html", {"items": qs, "on": timezone.localdate()})


def projects(request):
    permissions.require_read(request.user)
    year = year_of(request)
    qs = (
        scope(Project.objects.filter(year=year), request.user)
        .select_related("unit")
        .prefetch_related("milestones")
    )
    status = request.GET.get("status", "")
    if status in ProjectStatus.values:
        qs = qs.filter(status=status)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "民生实事项目", qs, export_columns.PROJECTS, action="supervision.export"
        )
    qs = list(qs)
    for p in qs:
        p.screen = services.votes.links(p.rating_poll_id).get("screen", "") if p.rating_poll_id else ""
    return render(
        request,
        "supervision/projects.html",
        {
            **writer_context(request),
            "projects": qs,
            "year": year,
            "on": timezone.localdate(),
            "can_write": permissions.can_write(request.user),
            "voting": services.votes.available(),
        },
    )


@require_POST
def project_do(request, pk: int, action: str):
    p = get_in_scope(Project.objects.all(), request.user, pk)
    try:
        if action == "progress":
            try:
                spent = Decimal(request.POST.get("spent", "").strip())
            except InvalidOperation as exc:
                raise Refused("spent_invalid", "已完成投资须为数字") from exc
            services.other.report_progress(
                p, spent=spent, progress=pid(request.POST.get("progress")) or 0, by=request.user
            )
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/projects/?year={p.year}")
    messages.success(request, "已保存")
    return redirect(f"/work/supervision/projects/?year={p.year}")


@require_POST
def projects_do(request, action: str):
    from .common import home_body

    body, year = home_body(request.user), pid(request.POST.get("year")) or timezone.localdate().year
    try:
        if action == "vote":
            poll = services.other.open_selection(body, year, by=request.user)
            return redirect(
                services.votes.links(poll.pk).get("control", f"/work/supervision/projects/?year={year}")
            )
        if action == "apply":
            n = services.other.apply_poll(body, year, by=request.user)
            messages.success(request, f"票决结果已确认，{n} 个项目当选")
        elif action == "rate_open":
            n = services.livelihood.open_rating(body, year, by=request.user)
            messages.success(request, f"已对 {n} 个项目发起代表年终测评，代表可在手机上测评")
        elif action == "rate_close":
            n = services.livelihood.close_rating(body, year, by=request.user)
            messages.success(request, f"测评已结束，{n} 个项目按测评规则得出结果")
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/projects/?year={year}")
    return redirect(f"/work/supervision/projects/?year={year}")


def filings(request):
    permissions.require_read(request.user)
    qs = scope(Filing.objects.all(), request.user).select_related("unit")
    status = request.GET.get("status", "")
    if status in FilingStatus.values:
        qs = qs.filter(status=status)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "备案审查", qs, export_columns.FILINGS, action="supervision.export"
        )
    on = timezone.localdate()
    rows = page(request, qs)
    for f in rows:
        f.mark = f.overdue(on)
        f.actions = FILING.allowed(f, request.user)
    return render(
        request,
        "supervision/filings.html",
        {**writer_context(request), "page": rows, "status": status, "states": FilingStatus.choices, "on": on},
    )


@require_POST
def filing_do(request, pk: int, action: str):
    f = get_in_scope(Filing.objects.all(), request.user, pk)
    try:
        services.other.filing_step(f, action, finding=text(request, "finding", 2000), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="supervision:filings")
    messages.success(request, "已保存")
    return redirect("supervision:filings")
