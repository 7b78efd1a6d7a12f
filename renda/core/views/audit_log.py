"""The audit admin's screens: the log in Chinese, filtered by action, actor and date range, its xlsx export
and the chain check. The log holds no business content (core.audit), so nothing here can show any."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import audit, downloads, xlsx
from ..audit_labels import action_label, field_labels, object_type_label, role_label
from ..models import AuditEntry
from ..roles import Role
from .admin import _require

EXPORT_MAX = 100_000  # one export; a longer range is split by date


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="动作代码", required=False, max_length=60)
    actor = forms.CharField(label="操作人", required=False, max_length=150)
    start = forms.DateField(
        label="起始日期",
        required=False,
        error_messages={"invalid": "起始日期格式不正确，请按 2026-01-31 填写"},
    )
    end = forms.DateField(
        label="截止日期",
        required=False,
        error_messages={"invalid": "截止日期格式不正确，请按 2026-01-31 填写"},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError("起始日期不能晚于截止日期")
        for name in ("start", "end"):
            day = data.get(name)
            if day and not dt.date(2000, 1, 1) <= day <= dt.date(2100, 12, 31):
                self.add_error(name, "日期应在 2000 年至 2100 年之间")
        return data


def _entries(form: AuditFilterForm):
    qs = AuditEntry.objects.all()
    if not form.is_valid():
        return qs.none()  # a bad filter shows its error and no rows, never an unfiltered log by surprise
    data = form.cleaned_data
    if data["action"].strip():
        qs = qs.filter(action__startswith=data["action"].strip())
    if data["actor"].strip():
        qs = qs.filter(actor_name__icontains=data["actor"].strip())
    tz = timezone.get_current_timezone()
    if data["start"]:
        qs = qs.filter(at__gte=dt.datetime.combine(data["start"], dt.time.min, tzinfo=tz))
    if data["end"]:
        qs = qs.filter(at__lt=dt.datetime.combine(data["end"] + dt.timedelta(days=1), dt.time.min, tzinfo=tz))
    return qs


def _row(e: AuditEntry) -> dict:
    changed = e.summary.get("changed", []) if isinstance(e.summary, dict) else []
    return {
        "entry": e,
        "action": action_label(e.action),
        "role": role_label(e.role),
        "object_type": object_type_label(e.object_type),
        "changed": "、".join(field_labels(e.object_type, changed)),
        "code": e.summary.get("code", "") if isinstance(e.summary, dict) else "",
    }


def audit_log(request):
    _require(request, Role.AUDIT_ADMIN)
    form = AuditFilterForm(request.GET or None)
    qs = _entries(form) if request.GET else AuditEntry.objects.all()
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "rows": [_row(e) for e in page], "form": form, "query": query.urlencode()},
        status=422 if request.GET and not form.is_valid() else 200,
    )


def audit_export(request):
    _require(request, Role.AUDIT_ADMIN)
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("core:audit_log")
    qs = _entries(form).order_by("id")
    total = qs.count()
    audit.record(
        "audit.export", by=request.user, object_type="core.auditentry", after=dict.fromkeys(request.GET)
    )
    rows = (
        [
            r["entry"].pk,
            timezone.localtime(r["entry"].at).strftime("%Y-%m-%d %H:%M:%S"),
            r["entry"].actor_name,
            r["role"],
            r["entry"].ip or "",
            r["action"],
            r["entry"].action,
            r["object_type"],
            r["entry"].object_id,
            r["changed"] or r["code"],
        ]
        for r in map(_row, qs[:EXPORT_MAX].iterator(chunk_size=2000))
    )
    notes = (
        [f"共 {total} 条，本文件只含前 {EXPORT_MAX} 条，请缩小日期范围分次导出。"]
        if total > EXPORT_MAX
        else []
    )
    data = xlsx.write(
        rows,
        sheet="审计日志",
        title="审计日志（只含对象类型、编号和变更字段名，不含业务内容）",
        header=[
            "序号",
            "时间",
            "操作人",
            "角色",
            "IP",
            "动作",
            "动作代码",
            "对象类型",
            "对象编号",
            "变更字段",
        ],
        notes=notes,
        widths={2: 20, 3: 14, 4: 16, 6: 24, 7: 24, 8: 14, 10: 30},
        freeze_header=True,
    )
    return downloads.attachment(data, f"审计日志-{timezone.localdate():%Y%m%d}.xlsx")


@require_POST
def audit_verify(request):
    _require(request, Role.AUDIT_ADMIN)
    report = audit.verify()
    audit.record("audit.verify", by=request.user, after={"checked": report.checked, "ok": report.ok})
    if report.ok:
        messages.success(request, f"审计日志完整：已校验 {report.checked} 条记录，哈希链无断裂。")
    else:
        messages.error(request, f"审计日志在第 {report.broken_at} 条记录处被篡改：{report.reason}")
    return redirect("core:audit_log")
