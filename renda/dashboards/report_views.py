"""Year-end reports (docx from templates) and the monthly statistics (xlsx)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import downloads, params
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.selectors import deputy_bodies

from . import reports, services
from .forms import TemplateForm
from .models import ReportKind, ReportTemplate
from .panels import READERS


def _page(request, form=None, status=200):
    body = deputy_bodies(request.user).first()
    own = {t.kind: t for t in ReportTemplate.objects.filter(body=body, active=True)} if body else {}
    today = timezone.localdate()
    return render(
        request,
        "dashboards/reports.html",
        {
            "kinds": [(k, label, own.get(k), reports.TAGS[k]) for k, label in ReportKind.choices],
            "form": form or TemplateForm(),
            "body": body,
            "years": range(today.year, today.year - 4, -1),
            "months": range(1, 13),
            "this_month": today.month,
            "can_upload": request.user.role == Role.STAFF,
        },
        status=status,
    )


def index(request):
    require_role(request.user, READERS, action="查看年度报告")
    if request.method == "POST":
        form = TemplateForm(request.POST, request.FILES)
        if not form.is_valid():
            return _page(request, form, status=422)
        f = form.cleaned_data["file"]
        try:
            services.upload_template(
                deputy_bodies(request.user).first(),
                kind=form.cleaned_data["kind"],
                data=f.read(),
                filename=f.name,
                by=request.user,
            )
        except Refused as exc:
            return _refused(request, form, exc)
        messages.success(request, "模板已更新，此后生成的报告使用新模板")
        return redirect("dashboards:reports")
    return _page(request)


def _refused(request, form, exc):
    from renda.core import audit

    audit.record_refusal(exc, by=request.user, action="上传报告模板")
    form.add_error(None, exc.message)
    return _page(request, form, status=422)


def reset(request, kind: str):
    require_role(request.user, {Role.STAFF}, action="恢复默认模板")
    if request.method == "POST" and kind in ReportKind.values:
        services.reset_template(deputy_bodies(request.user).first(), kind=kind, by=request.user)
        messages.success(request, "已恢复默认模板")
    return redirect("dashboards:reports")


def template_file(request, kind: str):
    require_role(request.user, READERS, action="下载报告模板")
    if kind not in ReportKind.values:
        kind = ReportKind.SUGGESTIONS
    data, _own = reports.template_bytes(deputy_bodies(request.user).first(), kind)
    return downloads.attachment(data, f"{ReportKind(kind).label}-模板.docx")


def report(request, kind: str):
    require_role(request.user, READERS, action="生成年度报告")
    if kind not in ReportKind.values:
        kind = ReportKind.SUGGESTIONS
    year = params.year_param(request.GET.get("year"))
    data = reports.build(kind, user=request.user, year=year)
    return downloads.attachment(data, f"{year}年{ReportKind(kind).label}.docx")


def monthly(request):
    require_role(request.user, READERS, action="导出月度统计")
    year = params.year_param(request.GET.get("year"))
    try:
        month = int(request.GET.get("month", "")[:2])
    except ValueError:
        month = timezone.localdate().month
    month = month if 1 <= month <= 12 else timezone.localdate().month
    data = reports.monthly_xlsx(user=request.user, year=year, month=month)
    return downloads.attachment(data, f"{year}年{month}月统计.xlsx")
