"""Helpers the contact screens share."""

from django.core.paginator import Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, qs, per_page: int = 30):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()
