"""Reads shared by pages, the API, exports and other apps. Each starts from the viewer's data scope."""

from datetime import date

from django.db.models import JSONField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from renda.core.permissions import scope

from .choices import CURRENT_STATUSES, ChangeKind, MandateStatus
from .models import Mandate, MandateChange, Station

LIST_RELATED = ("person", "body", "term", "constituency", "delegation", "group")


def mandates_for_user(user) -> QuerySet[Mandate]:
    """The signed-in deputy's own current mandates (a person may sit at several levels)."""
    if not getattr(user, "is_authenticated", False):
        return Mandate.objects.none()
    return (
        Mandate.objects.filter(person__user=user, status__in=CURRENT_STATUSES)
        .select_related(*LIST_RELATED)
        .order_by("body__path")
    )


def mandates_in_scope(user) -> QuerySet[Mandate]:
    return scope(Mandate.objects.all(), user, body_field="body")


def held_on(qs: QuerySet[Mandate], on: date) -> QuerySet[Mandate]:
    """Mandates held on `on`: started on or before it and not ended by it (the end date is the first day
    without the seat). Suspension is a state of a held mandate, see `roster`."""
    return qs.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gt=on))


def roster(body, on: date | None = None) -> QuerySet[Mandate]:
    """The deputies of `body` on date `on` (today by default), derived from mandate dates and the change
    history: `status_on` is "suspended" when the last suspension/restoration up to `on` was a suspension."""
    on = on or timezone.localdate()
    last_pause = (
        MandateChange.objects.filter(
            mandate=OuterRef("pk"), date__lte=on, kind__in=[ChangeKind.SUSPENDED, ChangeKind.RESTORED]
        )
        .order_by("-date", "-id")
        .values("kind")[:1]
    )
    # A move after `on` keeps, in its `before`, the constituency the seat had on that date.
    next_move = (
        MandateChange.objects.filter(mandate=OuterRef("pk"), date__gt=on, kind=ChangeKind.MOVED)
        .order_by("date", "id")
        .values("before")[:1]
    )
    return (
        held_on(Mandate.objects.filter(body=body), on)
        .annotate(last_pause=Subquery(last_pause), next_move=Subquery(next_move, output_field=JSONField()))
        .select_related(*LIST_RELATED)
        .order_by("person__name_pinyin", "id")
    )


def constituencies_on(rows: list[Mandate]) -> dict[int, str]:
    """For rows from `roster`: mandate id → the constituency name on the roster's date (one query)."""
    from .models import Constituency

    old = {m.pk: (m.next_move or {}).get("constituency_id") for m in rows if getattr(m, "next_move", None)}
    names = dict(Constituency.objects.filter(pk__in=[v for v in old.values() if v]).values_list("pk", "name"))
    return {
        m.pk: names.get(old[m.pk], "") if m.pk in old else (m.constituency.name if m.constituency_id else "")
        for m in rows
    }


def status_on(mandate: Mandate) -> str:
    """For rows from `roster`: the status on the roster's date."""
    return (
        MandateStatus.SUSPENDED
        if getattr(mandate, "last_pause", None) == ChangeKind.SUSPENDED
        else MandateStatus.ACTIVE
    )


def stations_prefetch() -> Prefetch:
    return Prefetch("stations", queryset=Station.objects.filter(active=True).order_by("name"))


def search_mandates(user, f) -> QuerySet[Mandate]:
    """The staff list: mandates in the viewer's scope matching a RegistryFilter, with what a row shows."""
    return (
        f.apply(mandates_in_scope(user))
        .select_related(*LIST_RELATED)
        .order_by("body__path", "person__name_pinyin", "id")
    )


def person_in_scope(user, pk: int):
    """A person with at least one mandate in the viewer's scope (404 otherwise)."""
    from django.http import Http404

    from .models import Person

    person = Person.objects.filter(pk=pk, mandates__in=mandates_in_scope(user)).distinct().first()
    if person is None:
        raise Http404("记录不存在或无权查看")
    return person


def mandate_in_scope(user, pk: int) -> Mandate:
    from renda.core.permissions import get_in_scope

    return get_in_scope(Mandate.objects.select_related(*LIST_RELATED), user, pk, body_field="body")
