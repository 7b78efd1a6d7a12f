"""Liaison stations in the viewer's scope, with the deputies who sit at each."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import render

from renda.core.permissions import get_in_scope, scope

from .. import permissions
from ..models import Station


def station_list(request):
    permissions.require_read(request.user)
    qs = (scope(Station.objects.all(), request.user, body_field="body").select_related("body", "keeper")
          .annotate(n=Count("members")).order_by("body__path", "name"))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "deputies/stations.html", {"page": page})


def station_detail(request, pk: int):
    permissions.require_read(request.user)
    station = get_in_scope(Station.objects.select_related("body", "keeper"), request.user, pk, body_field="body")
    members = station.members.select_related("person", "body", "constituency").order_by("body__path", "person__name_pinyin")
    return render(request, "deputies/station.html", {"station": station, "members": members})
