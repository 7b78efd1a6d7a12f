"""履职手册: the deputy's own printable A4 record from the ledger; staff in scope may open any deputy's."""

from django.http import Http404
from django.shortcuts import render

from renda.core.params import year_param
from renda.duties import selectors as duty_selectors

from ..selectors.handbook import handbook as build
from ..selectors.handbook import handbook_years


def _in_area(user, pk: int) -> bool:
    """A 工委's staff or leaders may open the handbook of a district deputy elected in their sub-district."""
    from renda.core.permissions import has_role
    from renda.core.roles import Role

    from ..permissions import area_mandates, is_subdistrict

    return (
        has_role(user, Role.STAFF, Role.LEADER)
        and is_subdistrict(user.body)
        and area_mandates(user.body).filter(pk=pk).exists()
    )


def handbook(request, pk: int):
    if not (
        duty_selectors.mandates_visible(request.user).filter(pk=pk).exists() or _in_area(request.user, pk)
    ):
        raise Http404("记录不存在或无权查看")
    raw = request.GET.get("year")
    year = year_param(raw) if raw and raw != "all" else None
    book = build(pk, year=year)
    return render(
        request,
        "liaison/handbook.html",
        {"h": book, "m": book.mandate, "years": handbook_years(book.mandate), "year": year},
    )
