"""Staff screens: the registry list with filters and search, a person's page, statistics, roster on a date."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from renda.core import xlsx_export
from renda.core.models import Level

from .. import export_columns, permissions, selectors, stats, workflow
from ..choices import (
    ETHNICITIES,
    PARTY_UNKNOWN,
    PARTY_UNKNOWN_FILTER,
    Gender,
    MandateStatus,
    OccupationCategory,
    Party,
)
from ..filters import CURRENT, RegistryFilter
from ..forms import RosterForm
from ..models import Constituency, Delegation, DeputyGroup, ProfessionalGroup, Term
from .common import deputy_bodies

PAGE_SIZE = 30
CHART_TITLES = (
    ("gender", "性别"),
    ("age", "年龄"),
    ("party", "政治面貌"),
    ("category", "代表构成（职业）"),
    ("education", "学历"),
    ("ethnicity", "民族"),
)


def _filter_context(user, f: RegistryFilter) -> dict:
    """Choices for the filter bar. Constituencies and groups are listed once a congress is chosen, so the
    bar stays small at province scale."""
    bodies = list(deputy_bodies(user))
    ctx = {
        "f": f,
        "bodies": bodies,
        "levels": Level.choices,
        "parties": [*Party.choices, (PARTY_UNKNOWN_FILTER, PARTY_UNKNOWN)],
        "genders": Gender.choices,
        "ethnicities": ETHNICITIES,
        "categories": OccupationCategory.choices,
        "statuses": [(CURRENT, "在任（含暂停）"), *MandateStatus.choices, ("all", "全部")],
        "terms": [],
        "constituencies": [],
        "delegations": [],
        "groups": [],
        "professional_groups": [],
    }
    if f.body and any(b.pk == f.body for b in bodies):
        ctx["terms"] = list(Term.objects.filter(body_id=f.body))
        ctx["constituencies"] = list(Constituency.objects.filter(body_id=f.body).only("id", "name"))
        ctx["delegations"] = list(Delegation.objects.filter(body_id=f.body).only("id", "name", "closed"))
        ctx["groups"] = list(DeputyGroup.objects.filter(body_id=f.body).only("id", "name", "closed"))
        ctx["professional_groups"] = list(ProfessionalGroup.objects.filter(body_id=f.body).only("id", "name"))
    return ctx


def deputy_list(request):
    permissions.require_read(request.user)
    f = RegistryFilter.from_mapping(request.GET)
    qs = selectors.search_mandates(request.user, f)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    ctx = {
        "page": page,
        "query": f.as_query(),
        **_filter_context(request.user, f),
        "can_manage": permissions.can_read_registry(request.user) and request.user.role == "staff",
    }
    template = "deputies/_list_rows.html" if request.headers.get("HX-Request") else "deputies/list.html"
    return render(request, template, ctx)


def person_detail(request, pk: int):
    permissions.require_read(request.user)
    person = selectors.person_in_scope(request.user, pk)
    mandates = list(
        person.mandates.select_related(*selectors.LIST_RELATED, "electing_body")
        .prefetch_related("professional_groups", "stations", "changes__by")
        .order_by("-start_date")
    )
    rows = [
        {
            "m": m,
            "can_manage": permissions.can_manage(request.user, m.body),
            "actions": workflow.allowed(m, request.user),
        }
        for m in mandates
    ]
    return render(
        request,
        "deputies/person.html",
        {"person": person, "rows": rows, "can_edit": any(r["can_manage"] for r in rows)},
    )


def statistics(request):
    permissions.require_read(request.user)
    f = RegistryFilter.from_mapping(request.GET)
    on = f.on or timezone.localdate()
    figures = stats.composition(f.apply(selectors.mandates_in_scope(request.user)), on=on)
    charts = {
        key: [{"name": r["label"], "value": r["count"]} for r in figures[key]]
        for key in ("gender", "party", "category", "education", "age")
    }
    charts["ethnicity"] = [{"name": r["label"], "value": r["count"]} for r in figures["ethnicity"]]
    if request.GET.get("format") == "xlsx":
        return _stats_xlsx(request, figures, on)
    sections = [{"key": k, "title": t, "rows": figures[k]} for k, t in CHART_TITLES]
    return render(
        request,
        "deputies/stats.html",
        {
            "figures": figures,
            "charts": charts,
            "on": on,
            "query": f.as_query(),
            "sections": sections,
            **_filter_context(request.user, f),
        },
    )


def roster_on_date(request):
    """The roster of one congress on any date, derived from the change history."""
    permissions.require_read(request.user)
    bodies = deputy_bodies(request.user)
    form = RosterForm(
        request.GET or None, bodies=bodies, initial={"on": timezone.localdate(), "body": bodies.first()}
    )
    rows, on, body = [], None, None
    if form.is_valid():
        body, on = form.cleaned_data["body"], form.cleaned_data["on"]
        mandates = list(selectors.roster(body, on))
        names = selectors.constituencies_on(mandates)
        rows = [(m, selectors.status_on(m), names[m.pk]) for m in mandates]
    if (
        xlsx_export.wanted(request) and body is not None
    ):  # 人大机关 named from the form's own (scoped) choices
        return xlsx_export.respond(
            request, "某日代表名册", rows, export_columns.ROSTER_ON, action="deputies.export", form=form
        )
    return render(
        request,
        "deputies/roster.html",
        {
            "form": form,
            "rows": rows,
            "on": on,
            "body": body,
            "suspended_label": MandateStatus.SUSPENDED.label,
            "suspended": MandateStatus.SUSPENDED,
        },
    )


def _stats_xlsx(request, figures: dict, on):
    from renda.core import downloads

    from .. import exports

    data = exports.composition_xlsx(figures, list(CHART_TITLES), title=f"代表构成统计（{on:%Y-%m-%d}）")
    return downloads.attachment(data, f"deputies-composition-{on:%Y%m%d}.xlsx")
