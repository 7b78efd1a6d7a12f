"""Printable posters with a QR code that opens the message form already addressed (domain.md §4 码上见代表)."""

import segno
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from renda.core.permissions import require_business
from renda.deputies.models import Mandate, Station

from .. import selectors


def _qr(request, query: str) -> str:
    url = request.build_absolute_uri(reverse("contact_public:new")) + query
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2), url


def station_poster(request, pk: int):
    require_business(request.user)
    station = get_object_or_404(Station.objects.select_related("body"), pk=pk, active=True)
    qr, url = _qr(request, f"?station={station.pk}&via=qr")
    days = selectors.public_receptions(station=station)[:3]
    return render(
        request,
        "contact/poster.html",
        {
            "station": station,
            "qr": qr,
            "url": url,
            "days": days,
            "members": station.members.select_related("person")[:12],
        },
    )


def deputy_poster(request, pk: int):
    require_business(request.user)
    mandate = get_object_or_404(Mandate.objects.select_related("person", "body"), pk=pk)
    qr, url = _qr(request, f"?deputy={mandate.pk}&via=qr")
    return render(
        request,
        "contact/poster.html",
        {"mandate": mandate, "qr": qr, "url": url, "stations": mandate.stations.filter(active=True)},
    )
