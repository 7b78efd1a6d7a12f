"""Helpers the contact screens share."""

from django.core.paginator import Paginator
from django.http import HttpRequest

from renda.core import params
from renda.core.views.refusals import refused_form  # noqa: F401  (contact views import it here)

id_param, text_param = params.id_param, params.text_param  # contact views import them from here


def page_of(request: HttpRequest, qs, per_page: int = 30):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    q = request.GET.copy()
    q.pop("page", None)
    return q.urlencode()
