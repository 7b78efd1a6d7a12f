"""专业组调研: topics by professional group, their activities, reports and the suggestions they led to."""

from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renda.core import xlsx_export
from renda.core.permissions import scope
from renda.suggestions.models import Suggestion
from renda.suggestions.models.choices import State

from .. import export_columns, services
from ..forms import ResearchActivityForm, ResearchReportForm, TopicForm
from ..models import ResearchTopic
from ..services import research
from .common import congress, require_office, run_button, run_form


def topics(request):
    require_office(request)
    body = congress(request)
    form = TopicForm(request.POST or None, body=body)
    rows = (
        scope(ResearchTopic.objects.all(), request.user)
        .select_related("group", "lead__person")
        .annotate(n_activities=Count("activities", distinct=True), n_reports=Count("reports", distinct=True))
    )
    if xlsx_export.wanted(request):  # every topic, not only the 200 the page shows
        return xlsx_export.respond(request, "调研课题", rows, export_columns.TOPICS, action="liaison.export")
    ctx = {"rows": rows[:200]}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.create_topic(by=request.user, **d),
            ok="调研课题已确定",
            to="liaison:topics",
            template="liaison/topics.html",
            ctx=ctx,
            action="liaison.research_topic",
        )
    return render(request, "liaison/topics.html", {**ctx, "form": form})


def _suggestions(topic):
    ids = list(topic.members.values_list("pk", flat=True))
    return (
        Suggestion.objects.filter(body=topic.body, lead_id__in=ids)
        .exclude(state__in=[State.DRAFT, State.WITHDRAWN])
        .order_by("-id")
    )


def _ctx(request, topic):
    members = topic.members.select_related("person")
    return {
        "t": topic,
        "members": members,
        "activities": topic.activities.prefetch_related("participants__person"),
        "reports": topic.reports.prefetch_related("suggestions"),
        "activity_form": ResearchActivityForm(members=members),
        "report_form": ResearchReportForm(suggestions=_suggestions(topic)),
    }


def topic_detail(request, pk: int):
    require_office(request)
    topic = get_object_or_404(
        scope(ResearchTopic.objects.select_related("group", "lead__person"), request.user), pk=pk
    )
    return render(request, "liaison/topic.html", _ctx(request, topic))


@require_POST
def topic_action(request, pk: int, action: str):
    require_office(request)
    topic = get_object_or_404(
        scope(ResearchTopic.objects.select_related("group", "lead__person"), request.user), pk=pk
    )
    to = reverse("liaison:topic", args=[pk])
    ctx = _ctx(request, topic)
    if action == "activity":
        form = ResearchActivityForm(request.POST, members=topic.members.all())
        return run_form(
            request,
            form,
            lambda d: research.add_activity(topic, by=request.user, **d),
            ok="调研活动已登记，已记入参加代表的履职档案",
            to=to,
            template="liaison/topic.html",
            ctx=ctx,
            action="liaison.research_activity",
            name="activity_form",
        )
    if action == "report":
        form = ResearchReportForm(request.POST, suggestions=_suggestions(topic))
        return run_form(
            request,
            form,
            lambda d: research.add_report(topic, by=request.user, **d),
            ok="调研报告已登记",
            to=to,
            template="liaison/topic.html",
            ctx=ctx,
            action="liaison.research_report",
            name="report_form",
        )
    return run_button(request, lambda: None, ok="", to=to, action="")
