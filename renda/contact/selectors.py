"""Reads shared by pages, the API and exports. Each starts from the viewer's data scope."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from renda.core.models import Body, Level
from renda.core.nav import Waiting
from renda.core.permissions import has_role, scope
from renda.core.queries import one_or_none
from renda.core.roles import UNIT_ROLES, Role
from renda.deputies.models import Mandate, Station

from . import codes
from .choices import UNIT_OPEN, ReceptionStatus, Status
from .models import DutyAssignment, Message, MessageEvent, ReceptionDay, Reply

LIST_RELATED = ("body", "station", "mandate__person", "unit", "township")


def _deputy_filter(user) -> Q:
    at_station = Station.members.through.objects.filter(
        station_id=OuterRef("station_id"), mandate__person__user=user
    )
    return Q(mandate__person__user=user) | Q(Exists(at_station))


def addressees(station_id: int | None, deputy_id: int | None = None, township_id: int | None = None):
    """Who a voter's message goes to: the station in use, the deputy's mandate (the service refuses one no longer
    current, with its reason) and the township; each one indexed lookup, as public intake is the busiest write."""
    station = (
        one_or_none(Station.objects.select_related("body").filter(pk=station_id, active=True))
        if station_id
        else None
    )
    mandate = (
        one_or_none(
            Mandate.objects.select_related("body", "person", "constituency__township").filter(pk=deputy_id)
        )
        if deputy_id
        else None
    )
    township = one_or_none(Body.objects.filter(pk=township_id, level=Level.TOWNSHIP)) if township_id else None
    return station, mandate, township


def messages_for(user) -> QuerySet[Message]:
    """Messages the user may see: their body's tree (staff, leaders, keepers), their unit's (units),
    those addressed to them or to a station they sit at (deputies)."""
    qs = Message.objects.select_related(*LIST_RELATED)
    if has_role(user, Role.DEPUTY):
        return qs.filter(_deputy_filter(user))
    if getattr(user, "role", None) in UNIT_ROLES:
        return scope(qs, user, body_field=None, unit_field="unit")
    if has_role(user, Role.STATION_KEEPER):
        # The keeper's own station's messages, wherever that station's body sits in the tree.
        return scope(qs, user, body_field="body") | qs.filter(station__keeper=user)
    return scope(qs, user, body_field="body")


def message_in_scope(user, pk: int) -> Message:
    m = one_or_none(messages_for(user).filter(pk=pk))
    if m is None:
        raise Http404("记录不存在或无权查看")
    return m


def by_code(code: str) -> Message | None:
    """The voter's status page: one indexed lookup plus the replies and the public timeline (3 queries)."""
    if not code:
        return None
    return one_or_none(
        Message.objects.select_related("station", "mandate__person", "unit")
        .prefetch_related(
            Prefetch("replies", queryset=Reply.objects.order_by("at", "id")),
            Prefetch("events", queryset=MessageEvent.objects.filter(public=True).order_by("at", "id")),
        )
        .filter(code_hash=codes.digest(code))
    )


def unit_todo(user) -> QuerySet[Message]:
    """A unit's to-do list by deadline: the (unit, status, reply_due) index answers it."""
    return (
        Message.objects.filter(unit_id=user.unit_id, status__in=UNIT_OPEN)
        .select_related("body", "station", "township")
        .order_by("reply_due_at", "reply_due", "id")
    )


def overdue(user, *, on: date | None = None) -> QuerySet[Message]:
    """Open messages whose current deadline has passed: to the minute for the clocks in hours (domain.md §2.3),
    by day for the forwarding clock (working days)."""
    on = on or timezone.localdate()
    now = timezone.now()
    return (
        messages_for(user)
        .filter(
            Q(status=Status.RECEIVED, accept_due_at__lt=now)
            | Q(status=Status.ACCEPTED, forward_due__lt=on)
            | Q(status__in=UNIT_OPEN, reply_due_at__lt=now)
        )
        .order_by("received_at")
    )


def due_soon(user, *, on: date, days: int) -> QuerySet[Message]:
    from datetime import timedelta

    end = on + timedelta(days=days)
    return messages_for(user).filter(
        Q(status=Status.RECEIVED, accept_due__range=(on, end))
        | Q(status=Status.ACCEPTED, forward_due__range=(on, end))
        | Q(status__in=UNIT_OPEN, reply_due__range=(on, end))
    )


def events_for(message: Message, *, public_only: bool = False) -> QuerySet[MessageEvent]:
    qs = message.events.select_related("actor").order_by("at", "id")
    return qs.filter(public=True) if public_only else qs


def stations_in_scope(user) -> QuerySet[Station]:
    if has_role(user, Role.STATION_KEEPER):
        return scope(Station.objects.filter(active=True), user, body_field="body") | Station.objects.filter(
            keeper=user
        )
    return scope(Station.objects.filter(active=True), user, body_field="body")


def receptions_for(user) -> QuerySet[ReceptionDay]:
    return (
        ReceptionDay.objects.filter(station__in=stations_in_scope(user))
        .select_related("station")
        .prefetch_related(
            Prefetch("duties", queryset=DutyAssignment.objects.select_related("mandate__person"))
        )
    )


def public_receptions(*, on: date | None = None, station: Station | None = None) -> QuerySet[ReceptionDay]:
    on = on or timezone.localdate()
    qs = ReceptionDay.objects.filter(status=ReceptionStatus.PUBLISHED, date__gte=on)
    if station is not None:
        qs = qs.filter(station=station)
    return (
        qs.select_related("station")
        .order_by("date", "starts")
        .prefetch_related(
            Prefetch(
                "duties",
                queryset=DutyAssignment.objects.select_related("mandate__person").exclude(
                    declined_reason__gt=""
                ),
            )
        )
    )


def my_duties(user) -> QuerySet[DutyAssignment]:
    return (
        DutyAssignment.objects.filter(mandate__person__user=user)
        .select_related("reception__station", "mandate__body")
        .order_by("-reception__date")
    )


def waiting(user) -> list[Waiting]:
    """Home-page lines: what waits for this user, a few aggregate queries."""
    today = timezone.localdate()
    items: list[Waiting] = []
    if user.role in UNIT_ROLES:
        qs = unit_todo(user)
        n, late = qs.count(), qs.filter(reply_due_at__lt=timezone.now()).count()
        if n:
            items.append(
                Waiting(
                    "待答复的选民留言",
                    n,
                    reverse("contact:unit_todo"),
                    "danger" if late else "primary",
                    f"其中 {late} 件已超期" if late else "",
                )
            )
        return items
    if has_role(user, Role.DEPUTY):
        n = messages_for(user).filter(status=Status.RECEIVED).count()
        if n:
            items.append(Waiting("待处理的选民留言", n, reverse("contact:mine")))
        pending = (
            my_duties(user)
            .filter(
                confirmed_at__isnull=True,
                declined_reason="",
                reception__date__gte=today,
                reception__status=ReceptionStatus.PUBLISHED,
            )
            .count()
        )
        if pending:
            items.append(Waiting("待确认的接待安排", pending, reverse("contact:my_schedule"), "warning"))
        return items
    n = messages_for(user).filter(status__in=(Status.RECEIVED, Status.ACCEPTED)).count()
    if n:
        items.append(Waiting("待受理或分办的选民留言", n, reverse("contact:list") + "?status=open"))
    late = overdue(user, on=today).count()
    if late:
        items.append(Waiting("超期的选民留言", late, reverse("contact:overdue"), "danger"))
    return items
