"""Bulk import screens: upload → whole-file check with line numbers → confirm (all, or only valid rows)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from renda.core import audit, downloads, xlsx
from renda.core.errors import Refused

from .. import importing, permissions, services
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
            batch = services.check_upload(body, upload=upload_file, by=request.user)
        except importing.FileProblem as exc:
            form.add_error("file", exc.message)
            return render(request, "deputies/import.html", {"form": form, "recent": recent}, status=422)
        except Refused as exc:
            audit.record_refusal(exc, by=request.user)
            form.add_error(None, exc.message)
            return render(request, "deputies/import.html", {"form": form, "recent": recent}, status=422)
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
        services.confirm_import(
            batch,
            by=request.user,
            valid_only=request.POST.get("valid_only") == "1",
            decisions=_decisions(request.POST),
        )
    except Refused as exc:
        audit.record_refusal(exc, by=request.user)
        messages.error(request, exc.message)
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
