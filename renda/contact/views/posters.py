"""Printable posters with a QR code that opens the message form already addressed (domain.md §4 码上见代表)."""

import segno
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from renda.core.permissions import require_business, require_role
from renda.core.queries import one_or_none
from renda.deputies.choices import MandateStatus
from renda.deputies.models import Mandate, Station

from .. import selectors
from ..permissions import POSTER_ROLES, can_print_deputy_poster, can_print_station_poster

NOT_FOUND = "记录不存在或无权查看"


def _qr(request, query: str) -> str:
    url = request.build_absolute_uri(reverse("contact_public:new")) + query
    return segno.make(url, error="m").svg_data_uri(scale=8, border=2), url


def station_poster(request, pk: int):
    """Same scope as the station's pages: a role that has no station pages gets 403, a station outside the
    user's scope (or no longer in use) 404, as "not found" and "not yours" look the same."""
    require_business(request.user)
    require_role(request.user, POSTER_ROLES, action="打印联络站海报")
    station = one_or_none(Station.objects.select_related("body").filter(pk=pk, active=True))
    if station is None or not can_print_station_poster(request.user, station):
        raise Http404(NOT_FOUND)
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
            "members": station.members.filter(status=MandateStatus.ACTIVE).select_related("person")[:12],
        },
    )


def deputy_poster(request, pk: int):
    """Same scope as the deputy's pages; a mandate that has ended (or is suspended) has no public page and no
    poster: a QR code on a wall would send voters to someone who no longer acts for them."""
    require_business(request.user)
    require_role(request.user, POSTER_ROLES, action="打印代表海报")
    mandate = one_or_none(
        Mandate.objects.select_related("person", "body").filter(pk=pk, status=MandateStatus.ACTIVE)
    )
    if mandate is None or not can_print_deputy_poster(request.user, mandate):
        raise Http404(NOT_FOUND)
    qr, url = _qr(request, f"?deputy={mandate.pk}&via=qr")
    return render(
        request,
        "contact/poster.html",
        {"mandate": mandate, "qr": qr, "url": url, "stations": mandate.stations.filter(active=True)},
    )
