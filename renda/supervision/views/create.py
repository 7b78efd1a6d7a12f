"""The staff's "new …" forms of the smaller kinds: one POST each, back to the list with the new row."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core.errors import Refused
from renda.core.permissions import get_in_scope
from renda.core.views.refusals import refusal_response

from .. import services
from ..models import Appraisal
from .common import date_param, home_body, pid, text, units_for

BACK = {
    "appraisal": "/work/supervision/appraisals/",
    "hearing": "/work/supervision/hearings/",
    "project": "/work/supervision/projects/",
    "matter": "/work/supervision/matters/",
    "filing": "/work/supervision/filings/",
}


def _dec(raw, label: str) -> Decimal:
    try:
        return Decimal(str(raw or "").strip())
    except InvalidOperation as exc:
        raise Refused("number_invalid", f"“{label}”须为数字") from exc


def _unit(request, body):
    u = units_for(body).filter(pk=pid(request.POST.get("unit"))).first()
    if u is None:
        raise Refused("unit_required", "请选择单位")
    return u


@require_POST
def new(request, kind: str):
    body = home_body(request.user)
    year = pid(request.POST.get("year")) or timezone.localdate().year
    back = BACK.get(kind, "/work/supervision/")
    try:
        if kind == "appraisal":
            a = services.create.appraisal(
                body,
                year=year,
                title=text(request, "title", 120),
                kind=request.POST.get("kind", ""),
                by=request.user,
            )
            back = f"/work/supervision/appraisals/{a.pk}/"
        elif kind == "hearing":
            d = date_param(request.POST.get("held_on"))
            if d is None:
                raise Refused("date_required", "请填写问政日期")
            h = services.create.hearing(
                body,
                title=text(request, "title", 120),
                held_on=d,
                place=text(request, "place", 80),
                minutes=pid(request.POST.get("minutes")) or 5,
                by=request.user,
            )
            back = f"/work/supervision/hearings/{h.pk}/"
        elif kind == "project":
            services.create.candidate(
                body,
                year=year,
                title=text(request, "title", 100),
                unit=_unit(request, body),
                budget=_dec(request.POST.get("budget"), "计划投资"),
                summary=text(request, "summary", 2000),
                by=request.user,
            )
            back = f"/work/supervision/projects/?year={year}"
        elif kind == "matter":
            services.create.matter(
                body,
                title=text(request, "title", 160),
                proposer=text(request, "proposer", 60),
                proposed_on=date_param(request.POST.get("proposed_on")) or timezone.localdate(),
                by=request.user,
            )
        elif kind == "filing":
            published = date_param(request.POST.get("published_on"))
            if published is None:
                raise Refused("date_required", "请填写公布日期")
            services.other.file_document(
                body,
                title=text(request, "title", 160) or "",
                number=text(request, "number", 60),
                unit=_unit(request, body),
                published_on=published,
                filed_on=date_param(request.POST.get("filed_on")),
                by=request.user,
            )
        else:
            raise Refused("kind_unknown", "未知的类别")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=BACK.get(kind, "/work/supervision/"))
    messages.success(request, "已保存")
    return redirect(back)


@require_POST
def appraisee(request, pk: int):
    a = get_in_scope(Appraisal.objects.all(), request.user, pk)
    try:
        services.create.appraisee(
            a,
            unit=_unit(request, a.body),
            person=text(request, "person", 40),
            post=text(request, "post", 60),
            list_name=text(request, "list_name", 30),
            ranked=request.POST.get("ranked") == "1",
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/appraisals/{a.pk}/")
    messages.success(request, "已增加评议对象")
    return redirect("supervision:appraisal", a.pk)
