"""“六有”: every station against the standard, the gaps; a station's profile and manual checks."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from renda.core import xlsx_export
from renda.core.params import id_param
from renda.core.permissions import scope
from renda.deputies.models import Station

from .. import export_columns, selectors, services
from ..forms import CheckForm, ProfileForm
from ..models import ItemKind, StandardItem
from .common import congress, require_office, run_form


def standing(request):
    require_office(request)
    body = congress(request)
    stations = (
        scope(Station.objects.filter(active=True), request.user)
        .select_related("body", "keeper")
        .order_by("body__path", "name")
    )
    rows = selectors.station_standing(body, stations)
    items = services.ensure_standard(body)
    if xlsx_export.wanted(request):
        return xlsx_export.respond(
            request, "联络站六有达标情况", rows, export_columns.stations(items), action="liaison.export"
        )
    return render(
        request,
        "liaison/stations.html",
        {
            "rows": rows,
            "items": items,
            "complete": sum(1 for r in rows if not r["gaps"]),
        },
    )


def station_detail(request, pk: int):
    require_office(request)
    station = get_object_or_404(scope(Station.objects.select_related("body", "keeper"), request.user), pk=pk)
    body = congress(request)
    row = selectors.station_standing(body, [station])[0]
    p = row["profile"]
    initial = (
        {"area": p.area, "facilities": "\n".join(p.facilities), "rules": "\n".join(p.rules)}
        if p
        else {"area": 0}
    )
    ctx = {
        "r": row,
        "s": station,
        "manual": [f for f in row["findings"] if f.item.kind == ItemKind.MANUAL],
        "check_form": CheckForm(),
    }
    to = reverse("liaison:station", args=[pk])
    if request.method == "POST":
        if "item" in request.POST:
            item = StandardItem.objects.filter(pk=id_param(request.POST.get("item")) or 0, body=body).first()
            if item is None:
                raise Http404
            return run_form(
                request,
                CheckForm(request.POST),
                lambda d: services.check(station, item=item, by=request.user, **d),
                ok="检查结果已登记",
                to=to,
                template="liaison/station.html",
                ctx={**ctx, "form": ProfileForm(initial=initial)},
                action="liaison.station_check",
                name="check_form",
            )
        form = ProfileForm(request.POST)
        return run_form(
            request,
            form,
            lambda d: services.save_profile(
                station,
                area=d["area"],
                facilities=ProfileForm.split(d["facilities"]),
                rules=ProfileForm.split(d["rules"]),
                by=request.user,
            ),
            ok="站点建设情况已更新",
            to=to,
            template="liaison/station.html",
            ctx=ctx,
            action="liaison.station_profile",
        )
    return render(request, "liaison/station.html", {**ctx, "form": ProfileForm(initial=initial)})
