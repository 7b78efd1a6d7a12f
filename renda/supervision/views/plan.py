"""Overview, the annual plan and its items, and the statutory timeline policy page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import policy, xlsx_export
from renda.core.errors import Refused
from renda.core.models import Unit
from renda.core.permissions import get_in_scope, scope
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, selectors, services
from ..choices import AppraisalKind, Kind
from ..models import Plan, PlanItem, SupervisionPolicy
from ..workflow import ITEM, OPINION
from .common import committees, date_param, home_body, pid, text, units_for, year_of


def overview(request):
    permissions.require_read(request.user)
    year = year_of(request)
    committee = committees(request.user).filter(pk=pid(request.GET.get("committee"))).first()
    unit = Unit.objects.filter(pk=pid(request.GET.get("unit"))).first()
    on = timezone.localdate()
    data = selectors.overview(request.user, year=year, on=on, committee=committee, unit=unit)
    chart = {
        "kinds": [{"name": k["label"], "value": k["total"]} for k in data["kinds"]],
        "opinions": [{"name": k, "value": v} for k, v in data["opinions"].items()],
        "rules": [{"name": r["rule__code"], "value": r["n"]} for r in data["warning_rules"]],
    }
    body = home_body(request.user)
    return render(
        request,
        "supervision/overview.html",
        {
            **data,
            "year": year,
            "on": on,
            "chart": chart,
            "committee": committee,
            "unit": unit,
            "committee_list": committees(request.user),
            "unit_list": units_for(body) if not permissions.is_unit(request.user) else [],
            "years": range(on.year - 2, on.year + 2),
        },
    )


def plans(request):
    permissions.require_read(request.user)
    qs = scope(Plan.objects.all(), request.user).prefetch_related("items")
    year = pid(request.GET.get("year"))
    if 2000 <= year <= 2100:
        qs = qs.filter(year=year)
    if xlsx_export.wanted(request):
        items = PlanItem.objects.filter(plan__in=qs).select_related("plan", "committee", "unit")
        items = items.order_by("-plan__year", "meeting_date", "id")
        return xlsx_export.respond(
            request, "年度监督工作计划", items, export_columns.PLAN_ITEMS, action="supervision.export"
        )
    return render(request, "supervision/plans.html", {"plans": qs, "kinds": Kind.choices})


@require_POST
def plan_create(request):
    try:
        plan = services.plan.create_plan(
            body=home_body(request.user),
            year=pid(request.POST.get("year")) or timezone.localdate().year,
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="supervision:plans")
    return redirect("supervision:plan", plan.pk)


def plan(request, pk: int):
    permissions.require_read(request.user)
    p = get_in_scope(Plan.objects.all(), request.user, pk)
    kind = request.GET.get("kind", "")
    its = p.items.select_related("unit", "committee")
    if kind in Kind.values:
        its = its.filter(kind=kind)
    return render(
        request,
        "supervision/plan.html",
        {
            "plan": p,
            "items": its,
            "kinds": Kind.choices,
            "kind": kind,
            "on": timezone.localdate(),
            "units": units_for(p.body),
            "committee_list": committees(request.user),
            "can_write": permissions.can_write(request.user),
        },
    )


@require_POST
def plan_publish(request, pk: int):
    p = get_in_scope(Plan.objects.all(), request.user, pk)
    try:
        services.plan.publish_plan(p, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=request.path.rsplit("publish/", 1)[0])
    messages.success(request, "计划已公布，门户网站“监督工作”栏目可见")
    return redirect("supervision:plan", p.pk)


@require_POST
def item_add(request, pk: int):
    p = get_in_scope(Plan.objects.all(), request.user, pk)
    kind = request.POST.get("kind", "")
    title = text(request, "title", 200)
    if not title:
        messages.error(request, "请填写议题")
        return redirect("supervision:plan", p.pk)
    try:
        item = services.plan.add_item(
            p,
            kind=kind,
            title=title,
            unit=units_for(p.body).filter(pk=pid(request.POST.get("unit"))).first(),
            committee=committees(request.user).filter(pk=pid(request.POST.get("committee"))).first(),
            meeting_date=date_param(request.POST.get("meeting_date")),
            start=date_param(request.POST.get("start")),
            end=date_param(request.POST.get("end")),
            law=text(request, "law", 120),
            by=request.user,
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=f"/work/supervision/plans/{p.pk}/")
    messages.success(request, "已加入计划")
    return redirect("supervision:item", item.pk)


def item(request, pk: int):
    permissions.require_read(request.user)
    it = get_in_scope(
        PlanItem.objects.select_related("plan__body", "unit", "committee"),
        request.user,
        pk,
        body_field="plan__body",
        unit_field="unit",
    )
    ops = list(it.opinions.select_related("unit"))
    for o in ops:
        o.actions = OPINION.allowed(o, request.user)
    return render(
        request,
        "supervision/item.html",
        {
            "item": it,
            "timeline": services.plan.timeline(it),
            "opinions": ops,
            "documents": it.documents.all(),
            "actions": ITEM.allowed(it, request.user),
            "units": units_for(it.plan.body),
            "on": timezone.localdate(),
            "can_write": permissions.can_write(request.user),
            "appraisals": it.appraisals.all(),
            "hearings": it.hearings.all(),
        },
    )


@require_POST
def item_do(request, pk: int, action: str):
    it = get_in_scope(PlanItem.objects.all(), request.user, pk, body_field="plan__body", unit_field="unit")
    back = f"/work/supervision/items/{it.pk}/"
    try:
        if action == "materials":
            services.plan.receive_materials(
                it, on=date_param(request.POST.get("on")) or timezone.localdate(), by=request.user
            )
        elif action == "reschedule":
            d = date_param(request.POST.get("meeting_date"))
            if d is None:
                raise Refused("date_required", "请填写会议日期")
            services.plan.reschedule(it, meeting_date=d, by=request.user)
        elif action == "document":
            services.plan.add_document(
                it,
                title=text(request, "title", 120) or "文件",
                kind=text(request, "kind", 30) or "报告",
                file=request.FILES.get("file"),
                public=bool(request.POST.get("public")),
                by=request.user,
            )
        elif action == "opinion":
            unit = units_for(it.plan.body).filter(pk=pid(request.POST.get("unit"))).first()
            if unit is None:
                raise Refused("unit_required", "请选择办理单位")
            services.opinions.draft(it, text=text(request, "text", 5000), unit=unit, by=request.user)
        else:
            services.plan.transition(it, action, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, "已保存")
    return redirect(back)


def policy_page(request):
    permissions.require_read(request.user)
    body = home_body(request.user)
    if request.method == "POST":
        values = {}
        for f in policy.editable_fields(SupervisionPolicy):
            raw = request.POST.get(f.name)
            if raw is not None and f.get_internal_type() == "CharField":
                values[f.name] = raw.strip()[: f.max_length]
            elif raw is not None:
                n = pid(raw) if raw != "0" else 0
                if n is None or n > 400:
                    messages.error(request, f"“{f.verbose_name}”须为 0—400 的整数")
                    return redirect("supervision:policy")
                values[f.name] = n
        try:
            services.plan.save_policy(body, values, by=request.user)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to="supervision:policy")
        messages.success(request, "监督时限已保存")
        return redirect("supervision:policy")
    grades = [
        (kind, label, services.appraisal.rule_for(body, kind, save=False))
        for kind, label in AppraisalKind.choices
    ]
    return render(
        request,
        "supervision/policy.html",
        {
            "grades": grades,
            "sources": policy.sources(SupervisionPolicy, body),
            "body": body,
            "can_write": permissions.can_write(request.user),
        },
    )


@require_POST
def grade_rule_save(request, kind: str):
    """A new version of the body's grade rule for one kind of appraisal (lines "等次，最低分，处理结果")."""
    body = home_body(request.user)
    try:
        if kind not in AppraisalKind.values:
            raise Refused("kind_unknown", "未知的评议类别")
        bands = services.appraisal.parse_bands(text(request, "bands", 2000))
        rule = services.appraisal.revise_rule(body, kind, bands=bands, by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="supervision:policy")
    messages.success(request, f"已保存为{rule}；已计算的评议保留原版本")
    return redirect("supervision:policy")
