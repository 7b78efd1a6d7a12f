"""Scores and rankings per deputy, group, township and level for any period, with charts (ECharts)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core.errors import Refused
from renda.core.models import Body, Level
from renda.core.views.refusals import refusal_response
from renda.deputies.models import DeputyGroup, Mandate

from .. import permissions, scoring, selectors, services
from ..forms import RankingFilter
from ..models import Publication
from .common import deputy_bodies, id_param, year_param

PAGE = 50


def rankings(request):
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    year = year_param(request)
    form = RankingFilter(
        request.GET or None, bodies=bodies, initial={"year": year, "period": "Y", "by": "deputy"}
    )
    body, period, by, custom = None, "Y", "deputy", None
    if form.is_valid():
        body, year = form.cleaned_data["body"], form.cleaned_data["year"]
        period, by = form.cleaned_data["period"] or "Y", form.cleaned_data["by"] or "deputy"
        if form.cleaned_data.get("start"):
            custom = (form.cleaned_data["start"], form.cleaned_data["end"])
    # Any period: a quarter or the year, or dates of one's own (bands and base follow the start year's rules).
    start, end = custom or scoring.period_bounds(year, period)
    year = start.year
    mandates = selectors.held_in(selectors.mandates_visible(request.user), start, end)
    if body is not None:
        mandates = mandates.filter(body=body)
    services.rulesets_for(list(bodies.filter(pk=body.pk) if body else bodies), year)
    items = scoring.scores(mandates, start=start, end=end, by=by)
    bands: dict[str, int] = {}
    for s in items:
        bands[s.band or "未定等次"] = bands.get(s.band or "未定等次", 0) + 1
    ctx = {
        "form": form,
        "year": year,
        "period": period,
        "by": by,
        "start": start,
        "end": end,
        "body": body,
        "dimension": scoring.DIMENSIONS[by],
    }
    if by == "deputy":
        page = Paginator(items, PAGE).get_page(request.GET.get("page"))
        people = {
            m.pk: m
            for m in Mandate.objects.filter(pk__in=[s.mandate_id for s in page]).select_related(
                "person", "body", "group"
            )
        }
        for s in page:
            s.mandate = people.get(s.mandate_id)
        names = dict(
            Mandate.objects.filter(pk__in=[s.mandate_id for s in items[:20]]).values_list(
                "pk", "person__name"
            )
        )
        top = [{"name": names.get(s.mandate_id, ""), "value": float(s.total)} for s in items[:20]]
        ctx.update(page=page, query="&".join(f"{k}={v}" for k, v in request.GET.items() if k != "page"))
    else:
        groups = scoring.grouped(items)
        labels = _labels(by, [g.key for g in groups])
        for g in groups:
            g.label = labels.get(g.key, "未分组")
        ctx["groups"] = groups
        top = [{"name": g.label, "value": float(g.average)} for g in groups[:20]]
    ctx["chart"] = {
        "top": top,
        "bands": [{"name": k, "value": v} for k, v in bands.items()],
        "title": f"{scoring.DIMENSIONS[by]}积分排名（前 20）",
    }
    ctx["publications"] = list(Publication.objects.filter(body__in=bodies).select_related("body")[:8])
    return render(request, "duties/rankings.html", ctx)


def _labels(by: str, keys: list) -> dict:
    if by == "group":
        return dict(DeputyGroup.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
    if by == "township":
        return {
            pk: short or name
            for pk, short, name in Body.objects.filter(pk__in=[k for k in keys if k]).values_list(
                "pk", "short_name", "name"
            )
        }
    if by == "level":
        return dict(Level.choices)
    return {}


@require_POST
def publish(request):
    body = deputy_bodies(request.user).filter(pk=id_param(request.POST.get("body"))).first()
    try:
        if body is None:
            raise Refused("choose_body", "请先选择要公布积分的人大")
        pub = services.publish(
            body,
            year=int(request.POST.get("year", "0") or 0),
            period=request.POST.get("period", "Y"),
            by=request.user,
        )
    except (Refused, ValueError) as exc:
        if isinstance(exc, ValueError):
            exc = Refused("bad_year", "年度不正确")
        return refusal_response(request, exc, redirect_to="duties:rankings", action="duty.publish")
    messages.success(
        request, f"已公布 {body} {pub.label} 履职积分" + ("，并在门户网站公示。" if pub.to_portal else "。")
    )
    return redirect("duties:rankings")
