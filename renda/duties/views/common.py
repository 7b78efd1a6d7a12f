"""Pieces the duty screens share."""

from renda.core import params
from renda.core.selectors import deputy_bodies

__all__ = ["deputy_bodies", "id_param", "is_htmx", "year_param"]


def year_param(request) -> int:
    return params.year_param(request.GET.get("year"))


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def id_param(*values) -> int:
    """The first value that is a positive database id, else 0: a raw `?body=x` must never reach a query."""
    return next((n for v in values if (n := params.id_param(v))), 0)
