"""The deputies' year-end rating of livelihood projects, on the phone (one ballot per project)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import params
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.views.refusals import refusal_response

from .. import services
from ..models import Project
from .common import home_body, pid, year_of


def rate_page(request):
    require_role(request.user, {Role.DEPUTY, Role.STAFF}, action="民生实事年终测评")
    year = year_of(request)
    body = home_body(request.user)
    rows = services.livelihood.ballot_for(request.user, year, body)
    return render(
        request,
        "supervision/project_rate.html",
        {"rows": rows, "year": year, "left": sum(1 for r in rows if r["poll"].is_open and not r["receipt"])},
    )


@require_POST
def rate(request, pk: int):
    require_role(request.user, {Role.DEPUTY}, action="民生实事年终测评")
    p = Project.objects.filter(pk=pk, body=home_body(request.user)).first()
    back = f"/work/supervision/projects/rate/?year={p.year if p else ''}"
    try:
        if p is None:
            raise Refused("project_unknown", "项目不存在")
        key = params.text_param(request.POST.get("key"), 40) or None
        got = services.livelihood.rate(
            p, voter=request.user, option_id=pid(request.POST.get("option")), key=key
        )
    except Refused as exc:
        return refusal_response(request, exc, redirect_to=back)
    messages.success(request, f"已测评“{p.title}”，回执号 {got.code}")
    return redirect(back)
