"""年度代表活动计划: the plan, its activities, advance notices, outcomes and the year-end execution."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.permissions import scope

from .. import export_columns, permissions, services
from ..forms import OutcomeForm, PlanForm, PlannedActivityForm, TextForm
from ..models import ActivityPlan, PlannedActivity
from ..selectors.plans import execution
from .common import require_office, run_button, run_form


def plans(request):
    require_office(request)
    form = PlanForm(request.POST or None)
    plans = scope(ActivityPlan.objects.all(), request.user).select_related("body")
    if xlsx_export.wanted(request):  # every plan, not only the 50 the page shows
        rows = [(p, execution(p)) for p in plans]
        return xlsx_export.respond(
            request, "年度活动计划", rows, export_columns.PLANS, action="liaison.export"
        )
    ctx = {"rows": [(p, execution(p)) for p in plans[:50]]}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.create_plan(body=request.user.body, by=request.user, **d),
            ok="年度计划已创建",
            to="liaison:plans",
            template="liaison/plans.html",
            ctx=ctx,
            action="liaison.plan_create",
        )
    return render(request, "liaison/plans.html", {**ctx, "form": form})


def _ctx(request, plan):
    acts = plan.activities.prefetch_related("mandates")
    return {
        "p": plan,
        "activities": [(a, services.plans.notice_date(a)) for a in acts],
        "ex": execution(plan),
        "activity_form": PlannedActivityForm(mandates=permissions.deputies_of(request.user.body)),
        "outcome_form": OutcomeForm(),
        "close_form": TextForm(),
        "notice_days": services.policy_for(plan.body).notice_days,
    }


def plan_detail(request, pk: int):
    require_office(request)
    plan = get_object_or_404(scope(ActivityPlan.objects.all(), request.user), pk=pk)
    return render(request, "liaison/plan.html", _ctx(request, plan))


@require_POST
def plan_action(request, pk: int, action: str):
    require_office(request)
    plan = get_object_or_404(scope(ActivityPlan.objects.all(), request.user), pk=pk)
    to = reverse("liaison:plan", args=[pk])
    ctx = _ctx(request, plan)
    if action == "activity":
        form = PlannedActivityForm(request.POST, mandates=permissions.deputies_of(request.user.body))
        return run_form(
            request,
            form,
            lambda d: services.add_activity(plan, by=request.user, **d),
            ok="活动已加入计划",
            to=to,
            template="liaison/plan.html",
            ctx=ctx,
            action="liaison.plan_activity",
            name="activity_form",
        )
    if action == "close":
        return run_form(
            request,
            TextForm(request.POST),
            lambda d: services.close_plan(plan, summary=d["text"], by=request.user),
            ok="年度计划已总结",
            to=to,
            template="liaison/plan.html",
            ctx=ctx,
            action="liaison.plan_close",
            name="close_form",
        )
    return run_button(request, lambda: None, ok="", to=to, action="")


@require_POST
def activity_action(request, pk: int, action: str):
    require_office(request)
    activity = get_object_or_404(
        PlannedActivity.objects.filter(plan__in=scope(ActivityPlan.objects.all(), request.user)), pk=pk
    )
    to = reverse("liaison:plan", args=[activity.plan_id])
    if action == "notify":
        return run_button(
            request,
            lambda: services.notify(activity, by=request.user),
            ok="已通知参加代表",
            to=to,
            action="liaison.plan_notify",
        )
    ctx = _ctx(request, activity.plan)
    return run_form(
        request,
        OutcomeForm(request.POST),
        lambda d: services.record_outcome(activity, by=request.user, **d),
        ok="开展情况已登记",
        to=to,
        template="liaison/plan.html",
        ctx=ctx,
        action="liaison.plan_outcome",
        name="outcome_form",
    )
