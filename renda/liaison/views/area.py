"""人大街道工委: the district deputies elected in the sub-district (地方组织法 Art. 59, domain.md §1.2) — who
they are, what they did this year, and what the 工委 organised for them."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from renda.core import xlsx_export

from .. import export_columns, permissions
from ..models import ActivityPlan, Course, LiaisonOfficer


def area(request):
    body = request.user.body
    year = timezone.localdate().year
    deputies = permissions.area_mandates(body).annotate(
        records=Count("duty_records", filter=Q(duty_records__on__year=year), distinct=True),
        sittings_n=Count("sittings", filter=Q(sittings__sitting__on__year=year), distinct=True),
        planned=Count(
            "planned_activities",
            filter=Q(planned_activities__plan__body=body, planned_activities__plan__year=year),
            distinct=True,
        ),
    )
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request,
            f"{body.short_name or body.name}代表{year}年履职",
            deputies.select_related("person", "constituency"),
            export_columns.AREA,
            action="liaison.export",
        )
    ctx = {
        "year": year,
        "body": body,
        "congress": permissions.area_congress(body),
        "deputies": deputies,
        "plan": ActivityPlan.objects.filter(body=body, year=year).first(),
        "courses": Course.objects.filter(body=body, starts_at__year=year).count(),
        "officer": LiaisonOfficer.objects.filter(user=request.user).exists(),
    }
    return render(request, "liaison/area.html", ctx)
