"""人大联络员: appointments per township or unit with a term, and their reports and activities."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from renda.core.permissions import scope

from .. import services
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
        .prefetch_related("reports")
    )
    ctx = {"rows": rows, "today": today}
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
