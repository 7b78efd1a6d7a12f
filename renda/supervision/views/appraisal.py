"""Appraisal screens: the sheet, scores per rater group, totals and ranking per list, outcomes, 整改."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.errors import Refused
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, services
from ..models import Appraisal, Appraisee, FollowUp
from .common import pid, text, writer_context


def appraisals(request):
    permissions.require_read(request.user)
    qs = scope(Appraisal.objects.all(), request.user)
    if xlsx_export.wanted(request):
        rows = Appraisee.objects.filter(appraisal__in=qs).select_related("appraisal", "unit")
        rows = rows.order_by("-appraisal__year", "appraisal__title", "-ranked", "list_name", "rank", "id")
        return xlsx_export.respond(
            request, "评议结果", rows, export_columns.APPRAISEES, action="supervision.export"
        )
    return render(request, "supervision/appraisals.html", {**writer_context(request), "appraisals": qs})


def appraisal(request, pk: int):
    permissions.require_read(request.user)
    a = get_in_scope(Appraisal.objects.select_related("grade_rule"), request.user, pk)
    people = list(a.appraisees.select_related("unit").order_by("-ranked", "list_name", "rank", "id"))
    lists: dict[str, list] = {}
    apart = []
    for p in people:
        (lists.setdefault(p.list_name, []) if p.ranked else apart).append(p)
    fus = FollowUp.objects.filter(
        content_type__model="appraisee", object_id__in=[str(p.pk) for p in people]
    ).select_related("unit")
    return render(
        request,
        "supervision/appraisal.html",
        {
            **writer_context(request),
            "a": a,
            "criteria": a.criteria.all(),
            "groups": a.groups.all(),
            "lists": lists,
            "apart": apart,
            "rule": a.grade_rule or services.appraisal.rule_for(a.body, a.kind, save=False),
            "followups": fus,
            "can_write": permissions.can_write(request.user),
            "chart": {
                "top": sorted(
                    [{"name": str(p), "value": float(p.total)} for p in people if p.total is not None],
                    key=lambda r: -r["value"],
                )[:30]
            },
        },
    )


def _dec(raw: str, label: str) -> Decimal:
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise Refused("number_invalid", f"“{label}”须为数字") from exc


@require_POST
def appraisal_do(request, pk: int, action: str):
    a = get_in_scope(Appraisal.objects.all(), request.user, pk)
    back = f"/work/supervision/appraisals/{a.pk}/"
    try:
        if action == "sheet":
            crit = [
                (n.strip(), _dec(w, n), _dec(m or "100", n))
                for n, w, m in zip(
                    request.POST.getlist("c_name"),
                    request.POST.getlist("c_weight"),
                    request.POST.getlist("c_max"),
                    strict=False,
                )
                if n.strip()
            ]
            groups = [
                (n.strip(), _dec(w, n))
                for n, w in zip(
                    request.POST.getlist("g_name"), request.POST.getlist("g_weight"), strict=False
                )
                if n.strip()
            ]
            services.appraisal.set_sheet(a, criteria=crit, groups=groups, by=request.user)
        elif action == "compute":
            services.appraisal.compute(a, by=request.user)
        elif action == "publish":
            services.appraisal.publish(a, by=request.user)
        elif action in ("decide", "rectify", "scores"):
            p = a.appraisees.filter(pk=pid(request.POST.get("appraisee"))).first()
            if p is None:
                raise Refused("appraisee_required", "请选择评议对象")
            if action == "decide":
                services.appraisal.decide(
                    p,
                    outcome=request.POST.get("outcome", ""),
                    consequence=text(request, "consequence", 200),
                    reason=text(request, "reason", 200),
                    by=request.user,
                )
            elif action == "rectify":
                services.appraisal.rectify(p, title=text(request, "title", 200), by=request.user)
            else:
                group = a.groups.filter(pk=pid(request.POST.get("group"))).first()
                if group is None:
                    raise Refused("group_required", "请选择评议主体")
                values = {c.pk: _dec(request.POST.get(f"c{c.pk}", ""), c.name) for c in a.criteria.all()}
                services.appraisal.enter_scores(p, group=group, values=values, by=request.user)
        else:
            raise Refused("action_unknown", "未知的操作")
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)


def appraisee_scores(request, pk: int):
    permissions.require_read(request.user)
    p = get_in_scope(
        Appraisee.objects.select_related("appraisal"), request.user, pk, body_field="appraisal__body"
    )
    return render(
        request,
        "supervision/appraisee.html",
        {
            "p": p,
            "scores": p.scores.select_related("group", "criterion"),
            "groups": p.appraisal.groups.all(),
            "criteria": p.appraisal.criteria.all(),
            "rule": p.appraisal.grade_rule
            or services.appraisal.rule_for(p.appraisal.body, p.appraisal.kind, save=False),
            "can_write": permissions.can_write(request.user),
        },
    )
