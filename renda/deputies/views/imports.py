"""Bulk import screens: upload → whole-file check with line numbers → confirm (all, or only valid rows)."""

import hashlib

from django.core.files.base import ContentFile
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from renda.core import audit, downloads, xlsx
from renda.core.errors import Refused

from .. import importing, permissions
from ..importing.template import template_xlsx
from ..models import ImportBatch
from .common import deputy_bodies


def upload(request):
    from ..forms import ImportForm

    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        bodies=bodies,
        initial={
            "body": bodies.filter(pk=request.GET.get("body", "")).first()
            if request.GET.get("body", "").isdigit()
            else None
        },
    )
    recent = ImportBatch.objects.filter(body__in=bodies).select_related("body", "by")[:10]
    if request.method == "POST" and form.is_valid():
        body, upload_file = form.cleaned_data["body"], form.cleaned_data["file"]
        try:
            permissions.require_manage(request.user, body, action="导入代表")
            if upload_file.size > importing.MAX_BYTES:
                raise importing.FileProblem(
                    "file_too_big", "文件超过 50 MB，请拆分后上传，或由管理员使用 import_deputies 命令导入"
                )
            data = upload_file.read()
            report = importing.check_file(data, upload_file.name, body=body)
        except importing.FileProblem as exc:
            form.add_error("file", exc.message)
            return render(request, "deputies/import.html", {"form": form, "recent": recent}, status=422)
        except Refused as exc:
            audit.record_refusal(exc, by=request.user)
            form.add_error(None, exc.message)
            return render(request, "deputies/import.html", {"form": form, "recent": recent}, status=422)
        batch = ImportBatch(
            body=body,
            by=request.user,
            filename=upload_file.name[:200],
            sha256=hashlib.sha256(data).hexdigest(),
            total_rows=report.total,
            valid_rows=len(report.valid),
            error_rows=report.error_count,
            report=report.as_json(),
        )
        batch.file.save(f"{batch.sha256[:16]}-{timezone.now():%Y%m%d%H%M%S}", ContentFile(data), save=False)
        batch.save()
        return redirect("deputies:import_report", pk=batch.pk)
    return render(
        request,
        "deputies/import.html",
        {"form": form, "recent": recent},
        status=422 if request.method == "POST" else 200,
    )


def _batch(request, pk: int) -> ImportBatch:
    batch = (
        ImportBatch.objects.select_related("body", "by")
        .filter(pk=pk, body__in=deputy_bodies(request.user))
        .first()
    )
    if batch is None:
        raise Http404("记录不存在或无权查看")
    return batch


def report(request, pk: int):
    permissions.require_read(request.user)
    batch = _batch(request, pk)
    return render(
        request,
        "deputies/import_report.html",
        {
            "batch": batch,
            "r": batch.report,
            "can_import": batch.status == ImportBatch.Status.CHECKED
            and (batch.valid_rows > 0 or bool(batch.report.get("ambiguous")))
            and permissions.can_manage(request.user, batch.body),
        },
    )


def confirm(request, pk: int):
    """Write the checked file (re-checked now, the registry may have changed). With errors the user must
    tick "import only the valid rows"; otherwise nothing is written."""
    permissions.require_read(request.user)
    batch = _batch(request, pk)
    if request.method != "POST":
        return redirect("deputies:import_report", pk=pk)
    try:
        if batch.status != ImportBatch.Status.CHECKED:
            raise Refused("import_already_done", "该文件已导入，如需再次导入请重新上传")
        valid_only = request.POST.get("valid_only") == "1"
        with batch.file.open("rb") as fh:
            data = fh.read()
        result = importing.import_file(
            data,
            batch.filename,
            body=batch.body,
            by=request.user,
            valid_only=valid_only,
            decisions=_decisions(request.POST),
        )
        if result.counts is None:
            if result.report.ambiguous:
                lines = "、".join(str(a["line"]) for a in result.report.ambiguous[:10])
                raise Refused(
                    "import_needs_decision",
                    f"第{lines}行需要确认是否为已有人员：请逐行选择，或勾选“仅导入有效行”（这些行不导入）",
                )
            raise Refused("import_has_errors", "文件中仍有错误行：请修改后重新上传，或勾选“仅导入有效行”")
    except Refused as exc:
        audit.record_refusal(exc, by=request.user)
        from django.contrib import messages

        messages.error(request, exc.message)
        return redirect("deputies:import_report", pk=pk)
    c = result.counts
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.IMPORTED,
        created=c.created,
        updated=c.updated,
        unchanged=c.unchanged,
        valid_rows=len(result.report.valid),
        error_rows=result.report.error_count,
        report=result.report.as_json(),
        finished_at=timezone.now(),
    )
    return redirect("deputies:import_report", pk=pk)


def errors_xlsx(request, pk: int):
    """The error list (row, name, every reason with the offending value), to fix the file in Excel."""
    permissions.require_read(request.user)
    batch = _batch(request, pk)
    r = batch.report
    rows = [[e["line"], _cell(e.get("name", "")), "；".join(e["reasons"])] for e in r.get("errors", [])]
    rows += [[a["line"], _cell(a["name"]), f"待确认：{a['reason']}"] for a in r.get("ambiguous", [])]
    rows.sort(key=lambda row: row[0])
    notes = (
        [f"共 {batch.error_rows} 行错误，仅列出前 {len(r.get('errors', []))} 行"]
        if batch.error_rows > len(r.get("errors", []))
        else []
    )
    data = xlsx.write(
        rows,
        sheet="错误行",
        title=f"{batch.filename} 校验错误",
        header=["行号", "姓名", "问题"],
        notes=notes,
        widths={1: 8, 2: 14, 3: 90},
        freeze_header=True,
    )
    return downloads.attachment(data, f"导入错误-{batch.pk}.xlsx")


def _cell(text: str) -> str:
    """A name from the uploaded file never becomes a formula in Excel."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _decisions(post) -> dict[str, str]:
    """The staff's answers on the report page: decide-m<line> (which person) and decide-d<line> (pair)."""
    out = {}
    for key, value in post.items():
        if key.startswith("decide-") and key[8:].isdigit() and key[7] in "md" and len(value) <= 24:
            out[key[7:]] = value
    return out


def template(request):
    permissions.require_read(request.user)
    body = (
        deputy_bodies(request.user).filter(pk=request.GET.get("body") or 0).first()
        if (request.GET.get("body") or "").isdigit()
        else None
    )
    return downloads.attachment(template_xlsx(body), "deputies-import-template.xlsx")
