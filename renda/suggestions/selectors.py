"""Reads shared by pages, the API and exports. Each starts from the viewer's data scope."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, When
from django.http import Http404
from django.utils import timezone

from renda.core.models import Unit
from renda.core.permissions import is_business_user, scope
from renda.core.roles import UNIT_ROLES, Role

from . import permissions, workflow
from .models import (
    OPEN_STATES,
    Assignment,
    AssignmentStatus,
    CoSigner,
    DueState,
    Reconsideration,
    ReconsiderationStatus,
    Reply,
    ReplyStatus,
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


@dataclass(frozen=True)
class Waiting:
    """Who the item waits for, shown to the people who can chase them (§1.3 steps 1 and 4)."""

    unconfirmed: list  # co-signers still to confirm, for staff and the lead deputy
    can_remind_cosigners: bool
    cohandlers_owing: list  # co-handling units whose opinion the lead unit's reply still lacks
    can_remind_cohandler: bool


@dataclass(frozen=True)
class ReconsiderationPanel:
    """The §1.4 panel of a motion: the request (if any), its support count, and who may do what next."""

    request: Reconsideration | None
    tally: object  # services.reconsideration.Tally
    late: bool
    supporters: list
    open: bool
    can_request: bool
    can_support: bool
    can_decide: bool


@dataclass(frozen=True)
class ItemPage:
    """Everything one item's page shows to `user`; each list is already filtered to what the user may see."""

    item: Suggestion
    assignments: list[Assignment]
    replies: list[Reply]  # those permissions.can_read_reply lets the user read
    cosigners: list[CoSigner]
    contacts: list
    extensions: list
    promises: list
    timeline: list
    supervisions: list
    escalations: list
    steps: frozenset[str]  # workflow.allowed(item, user)
    mine: Assignment | None  # the user's unit's live part
    cosigner: CoSigner | None  # the user's own co-signature
    is_lead: bool
    is_head: bool
    staff_here: bool
    to_rate: list[Reply]  # the lead deputy's sent replies of this round still to evaluate
    drafts: list[Reply]  # the user's unit's unsent replies
    owes_reply: bool
    units: QuerySet[Unit] | list  # the body's units, for staff re-assigning or adding one
    open: bool
    today: date
    waiting: Waiting
    reconsideration: ReconsiderationPanel | None


def item_page(user, pk: int) -> ItemPage:
    """One item's page as `user` sees it (Http404 if not in the user's scope)."""
    from .services import replying

    item = get_item(user, pk)
    assignments = list(item.assignments.select_related("unit").order_by("status", "role", "id"))
    replies = list(item.replies.select_related("unit", "approved_by", "drafted_by", "evaluation"))
    steps = frozenset(s.action for s in workflow.allowed(item, user))
    mine = permissions.assignment_for(user, item)
    is_lead = permissions.is_lead(user, item)
    cosigner = permissions.cosigner_row(user, item)
    staff_here = permissions.in_body_scope(user, item)
    to_rate = (
        [
            r
            for r in replies
            if r.status == ReplyStatus.SENT and r.round == item.round and not hasattr(r, "evaluation")
        ]
        if is_lead and item.state == State.REPLIED
        else []
    )
    replying_now = mine and item.state in (State.HANDED_OVER, State.HANDLING, State.REHANDLING)
    return ItemPage(
        item=item,
        assignments=assignments,
        replies=[r for r in replies if permissions.can_read_reply(user, item, r)],
        cosigners=list(item.cosigners.select_related("mandate__person")),
        contacts=list(item.contacts.select_related("unit")),
        extensions=list(item.extensions.select_related("unit")),
        promises=list(item.promises.select_related("unit")),
        timeline=list(item.timeline.all()),
        supervisions=list(item.supervisions.all()),
        escalations=list(item.escalations.all()),
        steps=steps,
        mine=mine,
        cosigner=cosigner,
        is_lead=is_lead,
        is_head=user.role == Role.UNIT_HEAD,
        staff_here=staff_here,
        to_rate=to_rate,
        drafts=[r for r in replies if r.status == ReplyStatus.DRAFT and mine and r.unit_id == mine.unit_id],
        owes_reply=bool(replying_now and mine.pk in {a.pk for a in replying(item)}),
        units=Unit.objects.filter(body=item.body, active=True).order_by("name") if staff_here else [],
        open=item.state in OPEN_STATES,
        today=timezone.localdate(),
        waiting=_waiting(item, user, assignments=assignments, steps=steps, mine=mine, staff_here=staff_here),
        reconsideration=_reconsideration(
            item, steps=steps, cosigner=cosigner, is_lead=is_lead, staff_here=staff_here, now=timezone.now()
        ),
    )


def _waiting(item, user, *, assignments, steps, mine, staff_here: bool) -> Waiting:
    from .services import cohandlers_owing, cosigners_unconfirmed

    unconfirmed: list = []
    if item.state == State.COSIGNING and (staff_here or permissions.is_lead(user, item)):
        unconfirmed = cosigners_unconfirmed(item)
    live_co = [a for a in assignments if a.role == "co" and a.status != "returned"]
    chases = bool(live_co) and (staff_here or bool(mine and mine.role == "lead"))
    return Waiting(
        unconfirmed=unconfirmed,
        can_remind_cosigners="remind_cosigners" in steps and bool(unconfirmed),
        cohandlers_owing=cohandlers_owing(item) if chases else [],
        can_remind_cohandler=chases and "remind_cohandler" in steps and any(not a.opinion for a in live_co),
    )


def _reconsideration(
    item, *, steps, cosigner, is_lead: bool, staff_here: bool, now: datetime
) -> ReconsiderationPanel | None:
    """None when the page has no panel: no decision, or one that cannot be reconsidered and was not."""
    from .services import reconsideration

    if not item.motion_decision:
        return None
    rec = Reconsideration.objects.filter(suggestion=item).select_related("requested_by", "decided_by").first()
    if rec is None and item.motion_decision not in reconsideration.RECONSIDERABLE:
        return None
    t = reconsideration.tally(item, rec)
    late = t.late(now)
    if rec is None and late:
        return None
    supporters = list(rec.supports.select_related("mandate__person")) if rec else []
    is_open = bool(rec and rec.status == ReconsiderationStatus.OPEN)
    sponsor = bool(cosigner and cosigner.confirmed_at and not cosigner.declined_at)
    return ReconsiderationPanel(
        request=rec,
        tally=t,
        late=late,
        supporters=supporters,
        open=is_open,
        can_request=is_lead and rec is None and "request_reconsideration" in steps and not late,
        can_support=is_open
        and sponsor
        and "support_reconsideration" in steps
        and not late
        and cosigner.mandate_id not in {x.mandate_id for x in supporters},
        can_decide=is_open and staff_here and "decide_reconsideration" in steps,
    )
