"""Public portal pages: the deputy list, a deputy's profile and "find my deputy" (我的代表). Phone first."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.safestring import mark_safe

from renda.core.models import DEPUTY_BODY_KINDS, Body, Level

from .. import hooks, public

PAGE_SIZE = 24


@login_not_required
def deputy_list(request):
    q = (request.GET.get("q") or "").strip()[:20]
    level = request.GET.get("level", "") if request.GET.get("level") in Level.values else ""
    raw_body = request.GET.get("body") or ""
    body = int(raw_body) if raw_body.isdigit() and len(raw_body) < 12 else None
    page = Paginator(public.search(q=q, body=body, level=level), PAGE_SIZE).get_page(request.GET.get("page"))
    bodies = Body.objects.filter(kind__in=DEPUTY_BODY_KINDS).only("id", "name", "short_name").order_by("path")
    from urllib.parse import urlencode

    query = urlencode({k: v for k, v in {"q": q, "level": level, "body": body or ""}.items() if v})
    return render(
        request,
        "deputies/public/list.html",
        {
            "page": page,
            "q": q,
            "level": level,
            "body": body,
            "bodies": bodies,
            "levels": Level.choices,
            "query": query,
            "county": public.portal_body(),
        },
    )


@login_not_required
def profile(request, pk: int):
    person, mandates = public.public_person(pk)
    stations = {s.pk: s for m in mandates for s in m.stations.all()}
    panels = [
        p.render(request, person, mandates) for p in sorted(hooks.PROFILE_PANELS, key=lambda p: p.order)
    ]
    actions = [
        (a.label, a.url(person, mandates)) for a in sorted(hooks.PROFILE_ACTIONS, key=lambda a: a.order)
    ]
    return render(
        request,
        "deputies/public/profile.html",
        {
            "person": person,
            "mandates": mandates,
            "stations": list(stations.values()),
            "panels": mark_safe("".join(p for p in panels if p)),  # noqa: S308  (panels render their own templates)
            "actions": [(label, url) for label, url in actions if url],
            "county": public.portal_body(),
        },
    )


@login_not_required
def find(request):
    """Choose a township (then a community or village), or type a place name."""
    towns = public.townships()
    raw = request.GET.get("township") or ""
    township = next((t for t in towns if str(t.pk) == raw), None)
    place = (request.GET.get("place") or "").strip()[:30]
    q = (request.GET.get("q") or "").strip()[:30]
    places = public.places_of(township) if township else []
    results = []
    if township or q:
        results = public.deputies_for_place(township=township, place=place or q)
    groups: dict[str, list] = {}
    for m in results:
        groups.setdefault(f"{m.body.congress_name}代表", []).append(m)  # 城关镇人民代表大会代表, not 主席团
    return render(
        request,
        "deputies/public/find.html",
        {
            "towns": towns,
            "township": township,
            "places": places,
            "place": place,
            "q": q,
            "groups": list(groups.items()),
            "searched": bool(township or q),
            "count": len(results),
            "county": public.portal_body(),
        },
    )
