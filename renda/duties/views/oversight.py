"""Triggers (talks, resignation recommendations, missing minimums, Art. 62), talk cases and the rule sets."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from renda.core import audit, xlsx_export
from renda.core.errors import Refused
from renda.core.views.refusals import refusal_response

from .. import export_columns, permissions, selectors, services
from ..choices import TriggerKind, TriggerStatus
from ..forms import DutyTypeForm, RulesForm, TalkForm, TriggerForm
from ..models import DutyType, RecomputeRun
from .common import deputy_bodies, id_param, year_param

PAGE = 30
# Most serious first: the mandate ends by law, then resignation, then talks, then missing minimums.
SEVERITY = (TriggerKind.ART62, TriggerKind.POOR_TWO_YEARS, TriggerKind.POOR_BAND, TriggerKind.MINIMUM_MISSING)


def triggers(request):
    permissions.require_read(request.user)
    qs = selectors.triggers_in_scope(request.user)
    kind = request.GET.get("kind", "")
    if kind in TriggerKind.values:
        qs = qs.filter(kind=kind)
    status = request.GET.get("status", TriggerStatus.OPEN)
    if status in TriggerStatus.values:
        qs = qs.filter(status=status)
    severity = Case(*(When(kind=k, then=i) for i, k in enumerate(SEVERITY)), output_field=IntegerField())
    qs = qs.order_by("-year", severity, "-created_at", "-id")
    if xlsx_export.wanted(request):
        if (
            "status" not in request.GET
        ):  # the page's default (待处理) goes into the link, so the title names it
            query = request.GET.copy()
            query["status"] = status
            return redirect(f"{request.path}?{query.urlencode()}")
        return xlsx_export.respond(
            request,
            "履职提示",
            qs.select_related("decided_by"),
            export_columns.TRIGGERS,
            action="duties.export",
        )
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "duties/triggers.html",
        {
            "page": page,
            "kinds": TriggerKind.choices,
            "statuses": TriggerStatus.choices,
            "kind": kind,
            "status": status,
            "form": TriggerForm(),
            "query": f"kind={kind}&status={status}",
            "bodies": list(deputy_bodies(request.user)),
            "year": year_param(request),
        },
    )


@require_POST
def trigger_action(request, pk: int, action: str):
    if action not in ("confirm", "act", "dismiss"):
        raise Http404
    trig = get_object_or_404(selectors.triggers_in_scope(request.user), pk=pk)
    form = TriggerForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    try:
        if action == "confirm":
            if not d.get("on"):
                raise Refused("end_date_required", "请填写代表资格终止日期")
            services.confirm_art62(trig, on=d["on"], document=d.get("document", ""), by=request.user)
        else:
            services.decide_trigger(trig, action=action, note=d.get("note", ""), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:triggers", action=f"duty.trigger_{action}")
    messages.success(request, "已处理。")
    return redirect("duties:triggers")


@require_POST
def evaluate(request):
    """Run the trigger check now for one body and year (the nightly task does the same)."""
    body = deputy_bodies(request.user).filter(pk=id_param(request.POST.get("body"))).first()
    try:
        if body is None:
            raise Refused("choose_body", "请选择人大")
        permissions.require_manage(request.user, body, action="检查履职提示")
        made = services.evaluate_year(
            body,
            year_param(request) if not request.POST.get("year") else int(request.POST["year"]),
            by=request.user,
        )
    except (Refused, ValueError) as exc:
        if isinstance(exc, ValueError):
            exc = Refused("bad_year", "年度不正确")
        return refusal_response(request, exc, redirect_to="duties:triggers", action="duty.evaluate")
    messages.success(
        request,
        "检查完成：新增约谈 {poor_band} 件、劝辞建议 {poor_two_years} 件、最低要求提示 {minimum_missing} 件。".format(
            **made
        ),
    )
    return redirect("duties:triggers")


def talks(request):
    permissions.require_read(request.user)
    qs = selectors.talks_in_scope(request.user).order_by("status", "-created_at", "-id")
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "约谈记录", qs, export_columns.TALKS, action="duties.export")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "duties/talks.html", {"page": page})


def talk_edit(request, pk: int):
    permissions.require_read(request.user)
    talk = get_object_or_404(selectors.talks_in_scope(request.user), pk=pk)
    form = TalkForm(request.POST or None, instance=talk)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.save_talk(talk, by=request.user, **d)
        except Refused as exc:
            audit.record_refusal(exc, by=request.user, action="duty.save_talk")
            form.add_error(None, exc.message)
        else:
            messages.success(request, "约谈记录已保存。")
            return redirect("duties:talks")
    talk.refresh_from_db()
    return render(request, "duties/talk.html", {"form": form, "t": talk}, status=422 if form.errors else 200)


def rules(request):
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    body = bodies.filter(pk=id_param(request.GET.get("body"))).first() or bodies.first()
    year = year_param(request)
    if body is None:
        return render(request, "duties/rules.html", {"bodies": [], "year": year})
    rs = services.ruleset_for(body, year)
    initial = {
        "base_score": rs.base_score,
        "leave_points": rs.leave_points,
        "absence_points": rs.absence_points,
        "cycle": rs.cycle,
        "publish_to_portal": rs.publish_to_portal,
        "bands": "\n".join(
            f"{b.label},{b.min_score},{b.max_score if b.max_score is not None else ''},"
            f"{'是' if b.poor else '否'}"
            for b in rs.bands.all()
        ),
        "requirements": "\n".join(
            f"{r.label},{'|'.join(r.type_codes)},{r.min_count}" for r in rs.requirements.all()
        ),
    }
    form = RulesForm(request.POST or None, ruleset=rs, initial=initial)
    run = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            run = services.update_rules(
                rs,
                base_score=d["base_score"],
                leave_points=d["leave_points"],
                absence_points=d["absence_points"],
                cycle=d["cycle"],
                publish_to_portal=d["publish_to_portal"],
                type_points=form.type_points(),
                bands=d["bands"],
                reason=d["reason"],
                by=request.user,
                requirements=d["requirements"],
            )
        except Refused as exc:
            audit.record_refusal(exc, by=request.user, action="duty.update_rules")
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, f"规则已保存，重算 {run.records_updated} 条记录，{len(run.changes)} 位代表积分变化。"
            )
            return redirect(f"{request.path}?body={body.pk}&year={year}&run={run.pk}")
    runs = list(RecomputeRun.objects.filter(ruleset=rs).select_related("by")[:5])
    shown = next((r for r in runs if str(r.pk) == request.GET.get("run")), None)
    return render(
        request,
        "duties/rules.html",
        {
            "form": form,
            "rs": rs,
            "body": body,
            "bodies": list(bodies),
            "year": year,
            "runs": runs,
            "shown": shown,
            "can_manage": permissions.can_manage(request.user, body),
            "requirements": list(rs.requirements.all()),
        },
        status=422 if form.errors else 200,
    )


def duty_types(request):
    """Each body edits its own list of duty types (domain.md §3: the examples differ from place to place)."""
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    body = (
        bodies.filter(pk=id_param(request.GET.get("body"), request.POST.get("body"))).first()
        or bodies.first()
    )
    if body is None:
        raise Http404
    services.ensure_types(body)
    form = DutyTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.save_duty_type(
                body,
                code=d["code"],
                name=d["name"],
                category=d["category"],
                is_session=d["is_session"],
                declarable=d["declarable"],
                active=d["active"],
                default_points=d["default_points"],
                by=request.user,
            )
        except Refused as exc:
            audit.record_refusal(exc, by=request.user, action="duty.save_type")
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已保存履职类型“{d['name']}”。")
            return redirect(f"{request.path}?body={body.pk}")
    types = list(DutyType.objects.filter(body=body).order_by("order", "id"))
    return render(
        request,
        "duties/types.html",
        {
            "form": form,
            "types": types,
            "body": body,
            "bodies": list(bodies),
            "can_manage": permissions.can_manage(request.user, body),
        },
        status=422 if form.errors else 200,
    )
