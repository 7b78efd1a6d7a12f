"""Rates and rankings per unit and year, with the method explained; xlsx and the year-end docx report."""

from django.shortcuts import render
from django.utils import timezone

from renda.core import downloads
from renda.core import policy as resolver
from renda.core.errors import NotPermitted
from renda.core.permissions import require_role
from renda.core.roles import Role
from renda.core.selectors import deputy_bodies

from .. import rates, reports, selectors
from ..models import Policy, ReplyClass

LEADERS = {Role.STAFF, Role.LEADER}


def _params(request):
    require_role(request.user, LEADERS, action="办理排名")
    bodies = list(deputy_bodies(request.user))
    if not bodies:
        raise NotPermitted("out_of_scope", "没有可统计的人大机关")
    body = next((b for b in bodies if str(b.pk) == (request.GET.get("body") or "")), bodies[0])
    y = request.GET.get("year") or ""
    year = int(y) if y.isdigit() and 2000 <= int(y) <= 2100 else timezone.localdate().year
    return bodies, body, year


def rankings(request):
    bodies, body, year = _params(request)
    policy = resolver.resolve(Policy, body)
    rows = rates.unit_rates(body=body, year=year, policy=policy)
    ranked = [r for r in rows if r["rank"] is not None]
    small = [r for r in rows if r["rank"] is None]
    classes = rates.class_shares(body=body, year=year)
    chart = {
        "units": [
            {
                "unit": r["unit"].replace("青山县", ""),
                "total": round(r["total"] * 100, 1),
                "satisfied": round((r["satisfied"].value or 0) * 100, 1),
            }
            for r in ranked[:15]
        ],
        "classes": [{"name": f"{k} 类", "value": classes.get(k, 0)} for k in ReplyClass.values],
    }
    return render(
        request,
        "suggestions/rankings.html",
        {
            "bodies": bodies,
            "body": body,
            "year": year,
            "ranked": ranked,
            "small": small,
            "policy": policy,
            "summary": rates.totals(rows),
            "classes": classes,
            "chart": chart,
            "years": range(timezone.localdate().year, timezone.localdate().year - 4, -1),
        },
    )


def export_xlsx(request):
    _bodies, body, year = _params(request)
    rows = rates.unit_rates(body=body, year=year)
    data = reports.ranking_xlsx(body=body, year=year, rows=rows)
    return downloads.attachment(data, f"ranking-{year}.xlsx")


def report_docx(request):
    _bodies, body, year = _params(request)
    rows = rates.unit_rates(body=body, year=year)
    counts = selectors.counts_by_state(request.user, year=year)
    data = reports.annual_docx(
        body=body,
        year=year,
        rows=rows,
        summary=rates.totals(rows),
        classes=rates.class_shares(body=body, year=year),
        counts=counts,
    )
    return downloads.attachment(data, f"report-{year}.docx")
