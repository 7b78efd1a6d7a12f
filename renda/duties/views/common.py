"""Pieces the duty screens share."""

from django.utils import timezone

from renda.core.selectors import deputy_bodies

__all__ = ["deputy_bodies", "id_param", "is_htmx", "year_param"]


def year_param(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def id_param(*values) -> int:
    """The first value that is a positive database id, else 0: a raw `?body=x` must never reach a query."""
    for v in values:
        if v and str(v).isdigit() and 0 < int(v) < 2**31:
            return int(v)
    return 0
