"""Case-quality review screens: the year's list (xlsx) and the edit form of one review (or a new one)."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import audit, params, xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, services
from ..models import CaseReview, FollowUp
from ..services.cases import DEFAULT_SHEET, Row
from .common import home_body, pid, text, units_for, year_of


def cases(request):
    permissions.require_read(request.user)
    year = year_of(request)
    qs = scope(CaseReview.objects.filter(year=year), request.user, unit_field="unit").select_related("unit")
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "案件质量评查", qs, export_columns.CASES, action="supervision.export"
        )
    rows = list(qs)
    totals = {
        "units": len(rows),
        "cases": sum(c.cases for c in rows),
        "opinions": sum(c.opinions for c in rows),
    }
    return render(
        request,
        "supervision/cases.html",
        {"rows": rows, "year": year, "totals": totals, "can_write": permissions.can_write(request.user)},
    )


def _rows_from_post(request) -> list[Row]:
    names, highs, scores = (request.POST.getlist(k)[:20] for k in ("c_name", "c_max", "c_score"))
    return [
        Row(params.text_param(n, 30), params.text_param(h, 10), params.text_param(s, 10))
        for n, h, s in zip(names, highs, scores, strict=False)
    ]


def _int_or_none(raw) -> int | None:
    raw = str(raw or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 7:
        raise Refused("number_invalid", "案件数须为非负整数")
    return int(raw)


def case(request, pk: int | None = None):
    """GET: the form (a new review starts from the default sheet); POST: save, or show every value back
    with the refusal (422) — nothing stored."""
    permissions.require_read(request.user)
    review = (
        get_in_scope(CaseReview.objects.select_related("unit"), request.user, pk, unit_field="unit")
        if pk
        else None
    )
    body = review.body if review else home_body(request.user)
    if request.method == "POST":
        permissions.require_staff(request.user, "登记案件评查")
        rows = _rows_from_post(request)
        try:
            unit = units_for(body).filter(pk=pid(request.POST.get("unit"))).first()
            if unit is None:
                raise Refused("unit_required", "请选择被评查单位")
            saved = services.cases.save_review(
                review,
                body=body,
                year=pid(request.POST.get("year")),
                unit=unit,
                cases=_int_or_none(request.POST.get("cases")) or 0,
                total_cases=_int_or_none(request.POST.get("total_cases")),
                case_numbers=text(request, "case_numbers", 5000),
                reviewers=text(request, "reviewers", 200),
                rows=rows,
                flawed=_int_or_none(request.POST.get("flawed")) or 0,
                findings=text(request, "findings", 5000),
                opinion_text=text(request, "opinion_text", 5000),
                by=request.user,
            )
        except Refused as exc:
            audit.record_refusal(exc, by=request.user)
            ctx = _context(request, review, body, rows, values=request.POST, error=exc.message)
            return render(request, "supervision/case.html", ctx, status=422)
        messages.success(request, "评查结果已保存")
        return redirect("supervision:case", saved.pk)
    rows = (
        [Row(r["name"], _num(r["max"]), _num(r["score"])) for r in review.criteria]
        if review
        else [Row(n, str(m), "") for n, m in DEFAULT_SHEET]
    )
    return render(request, "supervision/case.html", _context(request, review, body, rows, values=None))


def _num(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _context(request, review, body, rows, *, values, error: str = "") -> dict:
    rows = list(rows) + [Row("", "", "")] * max(0, 8 - len(rows))
    followups = (
        FollowUp.objects.filter(
            content_type=ContentType.objects.get_for_model(CaseReview), object_id=str(review.pk)
        ).select_related("unit")
        if review
        else []
    )
    return {
        "c": review,
        "rows": rows,
        "v": values,
        "error": error,
        "units": units_for(body),
        "year": (values or {}).get("year") or (review.year if review else year_of(request)),
        "followups": followups,
        "can_write": permissions.can_write(request.user),
    }


@require_POST
def case_rectify(request, pk: int):
    c = get_in_scope(CaseReview.objects.all(), request.user, pk, unit_field="unit")
    try:
        services.cases.rectify(c, title=text(request, "title", 200), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/cases/{c.pk}/")
    messages.success(request, "已交办整改")
    return redirect("supervision:case", c.pk)
