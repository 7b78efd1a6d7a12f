"""Budget networked supervision screens: warnings (closed loop), import, rules, drill-down charts."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.permissions import get_in_scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, selectors, services
from ..choices import Severity, WarningStatus
from ..models import Import, Line, RuleSet, Warning
from ..services.budget_import import COLUMNS
from ..workflow import WARNING
from .common import home_body, page, pid, text, year_of


def warnings(request):
    permissions.require_read(request.user)
    year = year_of(request)
    qs = selectors.warnings(request.user).filter(year=year)
    status, rule, sev = (
        request.GET.get("status", ""),
        request.GET.get("rule", "")[:4],
        request.GET.get("severity", ""),
    )
    if status in WarningStatus.values:
        qs = qs.filter(status=status)
    if rule:
        qs = qs.filter(rule__code=rule)
    if sev in Severity.values:
        qs = qs.filter(severity=sev)
    if u := pid(request.GET.get("unit")):
        qs = qs.filter(unit_id=u)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "预算预警", qs, export_columns.WARNINGS, action="supervision.export"
        )
    stats = {
        s.label: selectors.warnings(request.user).filter(year=year, status=s.value).count()
        for s in WarningStatus
    }
    return render(
        request,
        "supervision/warnings.html",
        {
            "page": page(request, qs),
            "year": year,
            "status": status,
            "rule": rule,
            "severity": sev,
            "stats": stats,
            "states": WarningStatus.choices,
            "codes": [f"B{i}" for i in range(1, 18)],
            "on": timezone.localdate(),
            "can_write": permissions.can_write(request.user),
        },
    )


def warning(request, pk: int):
    permissions.require_read(request.user)
    w = get_in_scope(
        Warning.objects.select_related("rule__ruleset", "unit", "line", "event"),
        request.user,
        pk,
        unit_field="unit",
    )
    return render(request, "supervision/warning.html", {"w": w, "actions": WARNING.allowed(w, request.user)})


@require_POST
def warning_do(request, pk: int, action: str):
    w = get_in_scope(Warning.objects.all(), request.user, pk, unit_field="unit")
    try:
        services.budget.act(w, action, text=text(request, "text", 5000), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/budget/warnings/{w.pk}/")
    messages.success(request, "已保存")
    return redirect("supervision:warning", w.pk)


@require_POST
def run(request):
    body = home_body(request.user)
    try:
        n = services.budget.run(
            body,
            pid(request.POST.get("year")) or timezone.localdate().year,
            as_of=pid(request.POST.get("month")) or timezone.localdate().month,
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="supervision:warnings")
    messages.success(request, f"预警运行完毕，新增预警 {n} 条")
    return redirect("supervision:warnings")


def import_page(request):
    permissions.require_read(request.user)
    body = home_body(request.user)
    if request.method == "POST":
        f = request.FILES.get("file")
        try:
            if f is None:
                raise Refused("file_required", "请选择文件")
            if f.size > 30 * 1024 * 1024:
                raise Refused("file_too_big", "文件超过 30MB")
            imp = services.budget_import.import_file(
                body,
                year=pid(request.POST.get("year")) or timezone.localdate().year,
                filename=f.name,
                data=f.read(),
                by=request.user,
            )
        except Refused as exc:
            return refusal_response(request, exc, redirect_to="supervision:budget_import")
        messages.success(request, f"已导入 {imp.rows} 个预算项目及其1—12月执行数")
        return redirect("supervision:budget_import")
    return render(
        request,
        "supervision/budget_import.html",
        {
            "columns": COLUMNS,
            "imports": Import.objects.filter(body=body)[:20],
            "year": timezone.localdate().year,
            "can_write": permissions.can_write(request.user),
        },
    )


def template_download(request):
    permissions.require_read(request.user)
    resp = HttpResponse(services.budget_import.template_csv(), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = 'attachment; filename="budget-template.csv"'
    return resp


def rules(request):
    permissions.require_read(request.user)
    body = home_body(request.user)
    current = services.budget.current_ruleset(body)
    if request.method == "POST":
        code = request.POST.get("code", "")[:4]
        try:
            params = json.loads(request.POST.get("params") or "{}")
            if not isinstance(params, dict):
                raise ValueError
        except ValueError:
            messages.error(request, '参数须为 JSON 对象，例如 {"yellow_points": 10}')
            return redirect("supervision:rules")
        try:
            services.budget.revise_rule(
                body,
                code=code,
                params=params,
                enabled=request.POST.get("enabled") == "1",
                note=text(request, "note", 200),
                by=request.user,
            )
        except Refused as exc:
            return refusal_response(request, exc, redirect_to="supervision:rules")
        messages.success(request, "已生成新版本规则")
        return redirect("supervision:rules")
    return render(
        request,
        "supervision/rules.html",
        {
            "ruleset": current,
            "rules": current.rules.all(),
            "versions": RuleSet.objects.filter(body=body),
            "can_write": permissions.can_write(request.user),
        },
    )


def drill(request):
    permissions.require_read(request.user)
    body = home_body(request.user)
    year = year_of(request)
    unit = Unit.objects.filter(pk=pid(request.GET.get("unit"))).first()
    line = Line.objects.filter(body=body, pk=pid(request.GET.get("line"))).select_related("unit").first()
    if line:
        unit = line.unit
    tree = selectors.budget_tree(body, year, unit=unit, line=line)
    lines = (
        Line.objects.filter(body=body, year=year, unit=unit).order_by("-budget")[:60]
        if unit and not line
        else []
    )
    return render(
        request,
        "supervision/drill.html",
        {
            "tree": tree,
            "year": year,
            "unit": unit,
            "line": line,
            "lines": lines,
            "line_warnings": line.warnings.select_related("rule") if line else [],
        },
    )
