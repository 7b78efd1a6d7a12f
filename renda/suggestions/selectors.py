"""Reads shared by pages, the API and exports. Each starts from the viewer's data scope."""

from datetime import date

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, When
from django.http import Http404

from renda.core.permissions import is_business_user, scope
from renda.core.roles import UNIT_ROLES, Role

from .models import (
    OPEN_STATES,
    Assignment,
    AssignmentStatus,
    CoSigner,
    DueState,
    State,
    Suggestion,
    Supervision,
)

LIST_RELATED = ("body", "lead__person")


def items_for(user) -> QuerySet[Suggestion]:
    """What `user` may see: body users their subtree; deputies the items they lead or co-sign; units the
    items assigned to them (live parts only); admins nothing."""
    qs = Suggestion.objects.all()
    if not is_business_user(user):
        return qs.none()
    if user.role in UNIT_ROLES:
        live = Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=user.unit_id).exclude(
            status=AssignmentStatus.RETURNED
        )
        return qs.filter(Exists(live))
    if user.role == Role.DEPUTY:
        cosigned = CoSigner.objects.filter(suggestion=OuterRef("pk"), mandate__person__user=user)
        return qs.filter(Q(lead__person__user=user) | Exists(cosigned))
    if user.role == Role.STATION_KEEPER:
        return qs.none()
    # A deputy's draft is the deputy's own until submitted; staff see only the drafts they entered themselves.
    # A joint item waiting for its co-signers is submitted (§1.3 step 1): staff see it, and who has not confirmed.
    unsent = Q(state=State.DRAFT) & ~Q(created_by=user)
    return scope(qs, user, body_field="body").exclude(unsent)


def get_item(user, pk: int) -> Suggestion:
    item = items_for(user).select_related(*LIST_RELATED, "lead__term").filter(pk=pk).first()
    if item is None:
        raise Http404("记录不存在或无权查看")
    return item


def search(
    user,
    *,
    q: str = "",
    state: str = "",
    year: int | None = None,
    kind: str = "",
    unit: int | None = None,
    priority: bool = False,
    due: str = "",
) -> QuerySet[Suggestion]:
    qs = items_for(user).select_related(*LIST_RELATED)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(number__icontains=q) | Q(lead__person__name__icontains=q))
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    if unit:
        qs = qs.filter(
            Exists(
                Assignment.objects.filter(suggestion=OuterRef("pk"), unit_id=unit).exclude(
                    status=AssignmentStatus.RETURNED
                )
            )
        )
    if priority:
        qs = qs.filter(is_priority=True)
    if due in (DueState.SOON, DueState.OVERDUE):
        qs = qs.filter(due_state=due)
    return qs.order_by("-year", "-id")


def screening_queue(user) -> QuerySet[Suggestion]:
    return (
        items_for(user)
        .filter(state=State.SUBMITTED)
        .select_related(*LIST_RELATED)
        .order_by("submitted_at", "id")
    )


def handover_board(user) -> QuerySet[Suggestion]:
    return (
        items_for(user)
        .filter(state=State.ACCEPTED)
        .select_related(*LIST_RELATED)
        .order_by("handover_due", "id")
    )


def unit_todo(user) -> QuerySet[Assignment]:
    """A unit's live parts in open items, soonest deadline first."""
    if user.role not in UNIT_ROLES:
        return Assignment.objects.none()
    # Parts that still need the unit's work come first (to sign, to reply, to re-handle), each by deadline.
    acting = Case(
        When(suggestion__state__in=[State.HANDED_OVER, State.HANDLING, State.REHANDLING], then=0),
        default=1,
        output_field=IntegerField(),
    )
    return (
        Assignment.objects.filter(unit_id=user.unit_id, suggestion__state__in=OPEN_STATES)
        .exclude(status=AssignmentStatus.RETURNED)
        .select_related("suggestion", "suggestion__lead__person", "unit")
        .annotate(acting=acting)
        .order_by("acting", "suggestion__reply_due", "suggestion_id")
    )


STAGE_OF = {
    State.ACCEPTED: "交办",
    State.HANDED_OVER: "签收",
    State.HANDLING: "答复",
    State.REHANDLING: "重新答复",
    State.REPLIED: "代表评价",
    State.EVALUATED: "跟踪落实",
    State.ESCALATED: "评估会商",
}


def overdue_board(user) -> list[dict]:
    """Overdue and due-soon items per unit and stage, in one grouped query (the deadline scan keeps
    `due_state` current)."""
    rows = (
        Assignment.objects.filter(
            suggestion__in=items_for(user).filter(due_state__in=[DueState.SOON, DueState.OVERDUE])
        )
        .exclude(status=AssignmentStatus.RETURNED)
        .values("unit_id", "unit__name", "suggestion__state")
        .annotate(
            overdue=Count("id", filter=Q(suggestion__due_state=DueState.OVERDUE)),
            soon=Count("id", filter=Q(suggestion__due_state=DueState.SOON)),
        )
        .order_by("unit__name")
    )
    board: dict[int, dict] = {}
    for r in rows:
        b = board.setdefault(
            r["unit_id"],
            {"unit_id": r["unit_id"], "unit": r["unit__name"], "stages": {}, "overdue": 0, "soon": 0},
        )
        stage = STAGE_OF.get(r["suggestion__state"], State(r["suggestion__state"]).label)
        s = b["stages"].setdefault(stage, {"overdue": 0, "soon": 0})
        s["overdue"] += r["overdue"]
        s["soon"] += r["soon"]
        b["overdue"] += r["overdue"]
        b["soon"] += r["soon"]
    return sorted(board.values(), key=lambda b: (-b["overdue"], -b["soon"], b["unit"]))


def supervisions(user, *, year: int | None = None) -> QuerySet[Supervision]:
    if user.role not in (Role.STAFF, Role.LEADER):
        return Supervision.objects.none()
    qs = scope(Supervision.objects.all(), user, body_field="body").prefetch_related("items__lead__person")
    return qs.filter(year=year) if year else qs


def counts_by_state(user, *, year: int | None = None) -> dict[str, int]:
    qs = items_for(user)
    if year:
        qs = qs.filter(year=year)
    return dict(qs.values_list("state").annotate(n=Count("id")).order_by())


def promises_open(user, *, before: date | None = None):
    from .models import Promise

    qs = Promise.objects.filter(suggestion__in=items_for(user), done_on__isnull=True).select_related(
        "suggestion", "unit"
    )
    return qs.filter(due__lt=before) if before else qs
