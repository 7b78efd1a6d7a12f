"""Staff screens for the body tree and handling units, bounded by the viewer's data scope."""

from django.core.paginator import Paginator
from django.shortcuts import render

from .. import export_columns, selectors, xlsx_export
from ..permissions import bodies_in_scope, require_business


def body_list(request):
    require_business(request.user)
    bodies = bodies_in_scope(request.user).select_related("parent")
    return render(request, "core/body_list.html", {"bodies": bodies})


def body_detail(request, pk: int):
    require_business(request.user)
    body = selectors.body_for(request.user, pk)
    return render(
        request,
        "core/body_detail.html",
        {
            "body": body,
            "children": body.children.all(),
            "units": body.units.order_by("kind", "name"),
            "staff": body.users.order_by("role", "full_name"),
        },
    )


def unit_list(request):
    require_business(request.user)
    units = selectors.units_for(request.user, q=request.GET.get("q", "")[:50])
    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "承办单位", units, export_columns.UNITS, action="core.export")
    page = Paginator(units, 30).get_page(request.GET.get("page"))
    return render(request, "core/unit_list.html", {"page": page, "q": request.GET.get("q", "")[:50]})
