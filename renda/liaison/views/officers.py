"""人大联络员: appointments per township or unit with a term, and their reports and activities."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from renda.core import xlsx_export
from renda.core.permissions import scope

from .. import export_columns, services
from ..choices import ReportKind
from ..forms import OfficerForm, OfficerReportForm
from ..models import LiaisonOfficer
from .common import require_office, run_form


def officers(request):
    require_office(request)
    form = OfficerForm(request.POST or None, body=request.user.body)
    today = timezone.localdate()
    rows = (
        scope(LiaisonOfficer.objects.all(), request.user)
        .select_related("township", "unit")
        .annotate(
            n_reports=Count("reports", filter=~Q(reports__kind=ReportKind.ACTIVITY)),
            n_activities=Count("reports", filter=Q(reports__kind=ReportKind.ACTIVITY)),
        )
    )
    ctx = {"rows": rows, "today": today}
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "联络员", rows, export_columns.OFFICERS, action="liaison.export")
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.appoint(body=request.user.body, by=request.user, **d),
            ok="联络员已聘任",
            to="liaison:officers",
            template="liaison/officers.html",
            ctx=ctx,
            action="liaison.officer_appoint",
        )
    return render(request, "liaison/officers.html", {**ctx, "form": form})


def officer_detail(request, pk: int):
    require_office(request)
    officer = get_object_or_404(
        scope(LiaisonOfficer.objects.select_related("township", "unit"), request.user), pk=pk
    )
    form = OfficerReportForm(request.POST or None)
    ctx = {"o": officer, "reports": officer.reports.all()}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.add_report(officer, by=request.user, **d),
            ok="已登记",
            to=reverse("liaison:officer", args=[pk]),
            template="liaison/officer.html",
            ctx=ctx,
            action="liaison.officer_report",
        )
    return render(request, "liaison/officer.html", {**ctx, "form": form})


def mine(request):
    """The officer's own phone screen: their appointment(s), what they reported, and a form to add one
    (`services.add_report` lets the officer's own account or the office write)."""
    rows = (
        list(
            LiaisonOfficer.objects.filter(user=request.user)
            .select_related("township", "unit")
            .prefetch_related("reports")
            .order_by("-start_date")
        )
        if request.user.is_authenticated
        else []
    )
    if not rows:
        raise Http404("您不是人大联络员")
    today = timezone.localdate()
    officer = next((o for o in rows if o.serving_on(today)), rows[0])
    form = OfficerReportForm(request.POST or None, initial={"on": today})
    ctx = {"rows": rows, "o": officer, "today": today}
    if request.method == "POST":
        return run_form(
            request,
            form,
            lambda d: services.add_report(officer, by=request.user, **d),
            ok="已登记",
            to="liaison:officer_mine",
            template="liaison/officer_mine.html",
            ctx=ctx,
            action="liaison.officer_report",
        )
    return render(request, "liaison/officer_mine.html", {**ctx, "form": form})
