"""Helpers the contact screens share."""

from django.core.paginator import Paginator
from django.http import HttpRequest

from renda.core.views.refusals import refused_form  # noqa: F401  (contact views import it here)

# Beyond it an id reaches the database as an overflow (SQLite) or out-of-range (PostgreSQL) error.
MAX_ID = 2**62


def id_param(raw) -> int | None:
    """A query parameter naming a row: a positive integer in range, else None (the filter is ignored)."""
    raw = str(raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) < MAX_ID else None


def text_param(raw, limit: int) -> str:
    """Free text from the query string, cut to `limit`, without NUL (PostgreSQL refuses it in text)."""
    return str(raw or "")[:limit].replace("\x00", "").strip()


def page_of(request: HttpRequest, qs, per_page: int = 30):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()
