"""Liaison stations in the viewer's scope, with the deputies who sit at each."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from renda.core import xlsx_export
from renda.core.permissions import get_in_scope, scope

from .. import export_columns, permissions
from ..models import Station


def station_list(request):
    permissions.require_read(request.user)
    qs = (
        scope(Station.objects.all(), request.user, body_field="body")
        .select_related("body", "keeper")
        .annotate(n=Count("members"))
        .order_by("body__path", "name")
    )
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "联络站", qs, export_columns.STATIONS, action="deputies.export")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "deputies/stations.html", {"page": page})


def station_detail(request, pk: int):
    permissions.require_read(request.user)
    station = get_in_scope(
        Station.objects.select_related("body", "keeper"), request.user, pk, body_field="body"
    )
    members = station.members.select_related("person", "body", "constituency").order_by(
        "body__path", "person__name_pinyin"
    )
    return render(request, "deputies/station.html", {"station": station, "members": members})


def station_form(request, pk: int | None = None):
    """Create or edit a station: where it is, when it opens, who keeps it."""
    from django.shortcuts import redirect

    from renda.core import audit
    from renda.core.errors import Refused
    from renda.core.models import User
    from renda.core.permissions import bodies_in_scope
    from renda.core.roles import Role

    from .. import services
    from ..forms import StationForm

    permissions.require_read(request.user)
    station = (
        get_in_scope(Station.objects.select_related("body"), request.user, pk, body_field="body")
        if pk
        else Station()
    )
    bodies = bodies_in_scope(request.user).order_by("path")
    keepers = User.objects.filter(role=Role.STATION_KEEPER, body__in=bodies).order_by("full_name")
    form = StationForm(request.POST or None, instance=station if pk else None, bodies=bodies, keepers=keepers)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_station(station, by=request.user, **form.values())
        except Refused as exc:
            audit.record_refusal(exc, by=request.user)
            form.add_error(None, exc.message)
            return render(
                request, "deputies/station_form.html", {"form": form, "station": station}, status=422
            )
        return redirect("deputies:station", pk=saved.pk)
    return render(
        request,
        "deputies/station_form.html",
        {"form": form, "station": station},
        status=422 if request.method == "POST" else 200,
    )
