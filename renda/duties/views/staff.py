"""Staff screens: the dashboard, the review queue, records, organised activities with attendance, leave."""

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import audit, params, xlsx_export
from renda.core.errors import Refused
from renda.core.views.refusals import refusal_response
from renda.deputies.choices import CURRENT_STATUSES
from renda.deputies.models import Mandate

from .. import export_columns, permissions, selectors, services
from ..choices import LeaveStatus, Outcome, Review, TriggerStatus
from ..forms import ActivityForm, ReasonForm, ReviewFilter
from .common import deputy_bodies

PAGE = 30


def dashboard(request):
    permissions.require_read(request.user)
    u = request.user
    year = timezone.localdate().year
    figures = {
        "pending": selectors.review_queue(u).count(),
        "leaves": selectors.leaves_in_scope(u).filter(status=LeaveStatus.PENDING).count(),
        "triggers": selectors.triggers_in_scope(u).filter(status=TriggerStatus.OPEN).count(),
        "talks": selectors.talks_in_scope(u).exclude(status="closed").count(),
        "records": selectors.records_in_scope(u).filter(year=year, status=Review.APPROVED).count(),
    }
    recent = list(selectors.activities_in_scope(u).order_by("-start")[:8])
    return render(
        request,
        "duties/dashboard.html",
        {"f": figures, "recent": recent, "year": year, "bodies": list(deputy_bodies(u))},
    )


def review_queue(request):
    permissions.require_read(request.user)
    filt = ReviewFilter(request.GET, bodies=deputy_bodies(request.user))
    qs = selectors.review_queue(request.user, **filt.filters())
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "履职申报待审核", qs, export_columns.RECORDS, action="duties.export", form=filt
        )
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and len(v) <= 50])
    return render(
        request,
        "duties/review_queue.html",
        {"page": page, "form": ReasonForm(), "filter": filt, "query": query},
    )


@require_POST
def review_bulk(request):
    """Approve the ticked rows (the button asks first); ids outside the queue are ignored, not an error."""
    ids = params.id_list(request.POST.getlist("ids"), most=PAGE * 4)
    back = redirect(f"{reverse('duties:review_queue')}?{request.POST.get('query', '')[:500]}")
    records = list(selectors.review_queue(request.user).filter(pk__in=ids)) if ids else []
    if not records:
        messages.error(request, "请先勾选要确认的申报")
        return back
    try:
        n = services.approve_many(records, by=request.user)
    except Refused as exc:
        refusal_response(request, exc, redirect_to="duties:review_queue", action="duty.approve")
        return back
    messages.success(request, f"已确认 {n} 条申报。")
    return back


@require_POST
def review_action(request, pk: int, action: str):
    rec = get_object_or_404(selectors.review_queue(request.user), pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.review(rec, action=action, reason=form.cleaned_data.get("reason", ""), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:review_queue", action=f"duty.{action}")
    messages.success(
        request, f"已{'确认' if action == 'approve' else '退回'}：{rec.mandate.person.name} {rec.title}"
    )
    return redirect("duties:review_queue")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def records(request):
    """The ledger, filtered; a score opens here with ?mandate=&start=&end= (the records behind it)."""
    permissions.require_read(request.user)
    qs = selectors.records_in_scope(request.user)
    mandate = None
    if mid := params.id_param(request.GET.get("mandate")):
        mandate = (
            selectors.mandates_visible(request.user).select_related("person", "body").filter(pk=mid).first()
        )
        qs = qs.filter(mandate_id=mid)
    start, end = _date(request.GET.get("start")), _date(request.GET.get("end"))
    if start:
        qs = qs.filter(on__gte=start)
    if end:
        qs = qs.filter(on__lte=end)
    if request.GET.get("status") in Review.values:
        qs = qs.filter(status=request.GET["status"])
    if xlsx_export.wanted(request):
        qs = qs.select_related("mandate__person", "body", "duty_type").order_by("-on", "-id")
        return xlsx_export.respond(request, "履职记录", qs, export_columns.RECORDS, action="duties.export")
    query = "&".join(f"{k}={v}" for k, v in request.GET.items() if k != "page")
    page = Paginator(qs.order_by("-on", "-id"), PAGE).get_page(request.GET.get("page"))
    total = sum((r.points for r in page if r.status == Review.APPROVED), 0)
    return render(
        request,
        "duties/records.html",
        {"page": page, "mandate": mandate, "start": start, "end": end, "query": query, "page_points": total},
    )


def activities(request):
    permissions.require_read(request.user)
    qs = selectors.activities_in_scope(request.user).order_by("-start", "-id")
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "组织活动", qs, export_columns.ACTIVITIES, action="duties.export")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "duties/activities.html", {"page": page})


def activity_new(request):
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    form = ActivityForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        people = Mandate.objects.filter(body=d["body"], status__in=CURRENT_STATUSES)
        if d["group"]:
            people = people.filter(group=d["group"])
        try:
            act = services.create_activity(
                body=d["body"],
                duty_type=d["duty_type"],
                title=d["title"],
                start=d["start"],
                end=d["end"],
                location=d["location"],
                convener=d["convener"],
                participants=people,
                by=request.user,
            )
        except Refused as exc:
            audit.record_refusal(exc, by=request.user, action="duty.create_activity")
            form.add_error(None, exc.message)
        else:
            messages.success(request, "活动已登记。")
            return redirect("duties:activity", pk=act.pk)
    return render(request, "duties/activity_new.html", {"form": form}, status=422 if form.errors else 200)


def activity_detail(request, pk: int):
    """Attendance for a whole activity at once: tick who came; approved leave and absences follow."""
    permissions.require_read(request.user)
    act = get_object_or_404(selectors.activities_in_scope(request.user), pk=pk)
    participants = list(
        act.participants.select_related("person", "group").order_by("person__name_pinyin", "id")
    )
    leaves = {lr.mandate_id: lr for lr in act.leave_requests.exclude(status=LeaveStatus.WITHDRAWN)}
    outcomes = dict(act.records.values_list("mandate_id", "outcome"))
    rows = [{"m": m, "leave": leaves.get(m.pk), "outcome": outcomes.get(m.pk)} for m in participants]
    if request.method == "POST":
        ids = params.id_list(request.POST.getlist("present"))
        try:
            counts = services.record_attendance(act, present=ids, by=request.user)
        except Refused as exc:
            return refusal_response(request, exc, redirect_to=request.path, action="duty.record_attendance")
        messages.success(
            request,
            f"考勤已登记：出席 {counts['attended']} 人，请假 {counts['leave']} 人，"
            f"缺席 {counts['absent']} 人。",
        )
        return redirect("duties:activity", pk=act.pk)
    return render(
        request,
        "duties/activity.html",
        {
            "a": act,
            "rows": rows,
            "can_manage": permissions.can_manage(request.user, act.body),
            "Outcome": Outcome,
            "counts": {o: sum(1 for r in rows if r["outcome"] == o) for o in Outcome.values},
        },
    )


def leaves(request):
    permissions.require_read(request.user)
    qs = (
        selectors.leaves_in_scope(request.user)
        .select_related("activity__body")
        .order_by("status", "-created_at")
    )
    if request.GET.get("status") in LeaveStatus.values:
        qs = qs.filter(status=request.GET["status"])
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "请假审批", qs, export_columns.LEAVES, action="duties.export")
    page = Paginator(qs, PAGE).get_page(request.GET.get("page"))
    return render(request, "duties/leaves.html", {"page": page, "form": ReasonForm()})


@require_POST
def leave_decide(request, pk: int, action: str):
    leave = get_object_or_404(selectors.leaves_in_scope(request.user), pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.decide_leave(leave, action=action, note=form.cleaned_data.get("reason", ""), by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:leaves", action=f"duty.leave_{action}")
    messages.success(request, "已登记审批结果。")
    return redirect("duties:leaves")
