"""Pieces the duty screens share."""

from django.db.models import QuerySet
from django.utils import timezone

from renda.core.models import Body, BodyKind
from renda.core.permissions import bodies_in_scope

CONGRESS_KINDS = (BodyKind.CONGRESS, BodyKind.PRESIDIUM, BodyKind.SUBDISTRICT_COMMITTEE)


def deputy_bodies(user) -> QuerySet[Body]:
    """Bodies whose deputies the user may see: congresses and township presidiums in scope."""
    return bodies_in_scope(user).filter(kind__in=CONGRESS_KINDS).order_by("path")


def year_param(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
