"""Public reads for the portal and the public API: only published fields, never ID, phone or address.

Each function answers in a constant number of queries whatever the roster size (tested)."""

from django.db.models import Prefetch, Q, QuerySet

from renda.core.models import Body

from .choices import MandateStatus
from .models import Constituency, Mandate, Person, Station

# The person fields a public page may load; the encrypted ones are never read.
PUBLIC_PERSON_FIELDS = (
    "person__id",
    "person__name",
    "person__gender",
    "person__ethnicity",
    "person__birth_date",
    "person__birth_precision",
    "person__party",
    "person__education",
    "person__occupation",
    "person__work_unit",
    "person__photo",
    "person__bio",
    "person__name_pinyin",
)


def public_mandates() -> QuerySet[Mandate]:
    """Active mandates (a suspended deputy does not act, so is not listed) with what a public row shows."""
    stations = Prefetch("stations", queryset=Station.objects.filter(active=True).only("id", "name", "kind"))
    return (
        Mandate.objects.filter(status=MandateStatus.ACTIVE)
        .select_related("person", "body", "term", "constituency", "group", "delegation")
        .only(
            "id",
            "status",
            "level",
            "card_number",
            "start_date",
            "person_id",
            "body_id",
            "term_id",
            "constituency_id",
            "group_id",
            "delegation_id",
            *PUBLIC_PERSON_FIELDS,
            "body__name",
            "body__short_name",
            "body__level",
            "body__kind",
            "term__number",
            "constituency__name",
            "constituency__places",
            "group__name",
            "delegation__name",
        )
        .prefetch_related(stations)
    )


def search(*, q: str = "", body: int | None = None, level: str = "") -> QuerySet[Mandate]:
    from .filters import name_query

    qs = public_mandates()
    if q:
        qs = qs.filter(name_query(q))
    if body:
        qs = qs.filter(body_id=body)
    if level:
        qs = qs.filter(level=level)
    return qs.order_by("body__path", "person__name_pinyin", "id")


def public_person(pk: int) -> tuple[Person, list[Mandate]]:
    """A person with at least one active mandate, and those mandates; 404 otherwise."""
    from django.http import Http404

    mandates = list(public_mandates().filter(person_id=pk).order_by("body__path"))
    if not mandates:
        raise Http404("没有找到该代表")
    return mandates[0].person, mandates


def townships() -> list[Body]:
    """Townships and sub-districts that have constituencies, for the find-my-deputy chooser."""
    ids = Constituency.objects.filter(township__isnull=False).values("township_id")
    return list(
        Body.objects.filter(pk__in=ids)
        .only("id", "name", "short_name", "path", "kind", "order")
        .order_by("parent_id", "order", "id")
    )


def places_of(township: Body) -> list[str]:
    names: list[str] = []
    for places in Constituency.objects.filter(township=township).values_list("places", flat=True):
        for p in places.splitlines():
            if p.strip() and p.strip() not in names:
                names.append(p.strip())
    return names


def deputies_for_place(*, township: Body | None = None, place: str = "") -> list[Mandate]:
    """Every active deputy elected where a voter lives: the constituencies covering `place` (or the whole
    township), at township and county level, plus deputies to higher congresses elected by a congress
    above that place (选举单位). Ordered from the highest level down."""
    place = place.strip()[:30]
    cons = Constituency.objects.all()
    if township is not None:
        cons = cons.filter(township=township)
    if place:
        cons = cons.filter(
            Q(places__contains=place) | Q(name__contains=place) | Q(township__name__contains=place)
        )
    if township is None and not place:
        return []
    cond = Q(constituency__in=cons.values("pk"))
    if township is not None:
        cond |= Q(constituency__isnull=True, electing_body__in=_ancestors(township))
    order = {"national": 0, "province": 1, "city": 2, "county": 3, "township": 4}
    rows = list(public_mandates().filter(cond).order_by("body__path", "person__name_pinyin"))
    return sorted(rows, key=lambda m: order.get(m.level, 9))


def portal_body() -> Body | None:
    """The top congress of this deployment, named in the portal's header."""
    return Body.objects.filter(parent__isnull=True).only("id", "name").order_by("path").first()


def _ancestors(body: Body) -> list[int]:
    return [int(x) for x in body.path.strip("/").split("/") if x.isdigit()]
