"""Scores and rankings per deputy, group, township and level for any period, with charts (ECharts)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from renda.core import params, xlsx_export
from renda.core.errors import Refused
from renda.core.models import Body, Level
from renda.core.views.refusals import refusal_response
from renda.deputies.models import DeputyGroup, Mandate

from .. import export_columns, permissions, scoring, selectors, services
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
    if xlsx_export.wanted(request):  # every row of the ranking, not only the page's 50
        if by == "deputy":
            _attach_mandates(items)
            rows, columns = items, export_columns.RANKING_DEPUTIES
        else:
            rows, columns = _groups(by, items), export_columns.ranking_groups(scoring.DIMENSIONS[by])
        return xlsx_export.respond(
            request,
            f"履职积分排名（{start:%Y-%m-%d}至{end:%Y-%m-%d}）",
            rows,
            columns,
            action="duties.export",
            form=form,
        )
    if by == "deputy":
        page = Paginator(items, PAGE).get_page(request.GET.get("page"))
        _attach_mandates(page)
        names = dict(
            Mandate.objects.filter(pk__in=[s.mandate_id for s in items[:20]]).values_list(
                "pk", "person__name"
            )
        )
        top = [{"name": names.get(s.mandate_id, ""), "value": float(s.total)} for s in items[:20]]
        ctx.update(page=page, query="&".join(f"{k}={v}" for k, v in request.GET.items() if k != "page"))
    else:
        groups = _groups(by, items)
        ctx["groups"] = groups
        top = [{"name": g.label, "value": float(g.average)} for g in groups[:20]]
    ctx["chart"] = {
        "top": top,
        "bands": [{"name": k, "value": v} for k, v in bands.items()],
        "title": f"{scoring.DIMENSIONS[by]}积分排名（前 20）",
    }
    ctx["publications"] = list(Publication.objects.filter(body__in=bodies).select_related("body")[:8])
    # Whether a publication reaches the portal: said on the page, not left to a setting staff never see.
    pub_body = body or bodies.first()
    ctx["portal_on"] = services.ruleset_for(pub_body, year).publish_to_portal if pub_body else False
    return render(request, "duties/rankings.html", ctx)


def _attach_mandates(scores) -> None:
    people = {
        m.pk: m
        for m in Mandate.objects.filter(pk__in=[s.mandate_id for s in scores]).select_related(
            "person", "body", "group"
        )
    }
    for s in scores:
        s.mandate = people.get(s.mandate_id)


def _groups(by: str, items: list) -> list:
    groups = scoring.grouped(items)
    labels = _labels(by, [g.key for g in groups])
    for g in groups:
        g.label = labels.get(g.key, "未分组")
    return groups


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
        year = params.year_param(request.POST.get("year"), default=0)
        if not year:
            raise ValueError(request.POST.get("year"))
        pub = services.publish(
            body,
            year=year,
            period=request.POST.get("period", "Y"),
            by=request.user,
            # The form always carries the choice; a post without it follows the rule set.
            to_portal=request.POST.get("to_portal") == "1" if "portal_choice" in request.POST else None,
        )
    except (Refused, ValueError) as exc:
        if isinstance(exc, ValueError):
            exc = Refused("bad_year", "年度不正确")
        return refusal_response(request, exc, redirect_to="duties:rankings", action="duty.publish")
    messages.success(
        request, f"已公布 {body} {pub.label} 履职积分" + ("，并在门户网站公示。" if pub.to_portal else "。")
    )
    return redirect("duties:rankings")


@require_POST
def set_portal(request, pk: int):
    """Put a publication on the public portal or take it down (one made while portal publication was off)."""
    pub = (
        Publication.objects.filter(body__in=deputy_bodies(request.user), pk=pk).select_related("body").first()
    )
    try:
        if pub is None:
            raise Refused("not_found", "公布记录不存在或无权操作")
        pub = services.set_portal(pub, to_portal=request.POST.get("to_portal") == "1", by=request.user)
    except Refused as exc:
        return refusal_response(request, exc, redirect_to="duties:rankings", action="duty.set_portal")
    messages.success(
        request,
        f"{pub.body} {pub.label}履职积分" + ("已在门户网站公示。" if pub.to_portal else "已从门户网站撤下。"),
    )
    return redirect("duties:rankings")
