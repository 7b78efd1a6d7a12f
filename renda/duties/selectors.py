"""Reads for pages, the API, the duty file and other apps. Each starts from the viewer's data scope: staff and
leaders see their body's subtree, a deputy sees only their own mandates, admins and units see nothing."""

from collections import Counter
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from renda.core.nav import Waiting
from renda.core.permissions import has_role, scope
from renda.core.roles import Role
from renda.deputies.models import Mandate

from .choices import LeaveStatus, Outcome, Review, Source, TriggerStatus
from .models import (
    Activity,
    DutyRecord,
    LeaveRequest,
    Publication,
    PublishedScore,
    ReportMeeting,
    TalkCase,
    Trigger,
)

RECORD_RELATED = ("mandate__person", "duty_type", "body")


def _own_mandate_ids(user) -> QuerySet:
    return Mandate.objects.filter(person__user=user).values("pk")


def mandates_visible(user) -> QuerySet[Mandate]:
    if has_role(user, Role.DEPUTY):
        return Mandate.objects.filter(person__user=user)
    if has_role(user, Role.STAFF, Role.LEADER):
        return scope(Mandate.objects.all(), user, body_field="body")
    return Mandate.objects.none()


def records_in_scope(user) -> QuerySet[DutyRecord]:
    if has_role(user, Role.DEPUTY):
        qs = DutyRecord.objects.filter(mandate__in=_own_mandate_ids(user))
    elif has_role(user, Role.STAFF, Role.LEADER):
        qs = scope(DutyRecord.objects.all(), user, body_field="body")
    else:
        qs = DutyRecord.objects.none()
    return qs.select_related(*RECORD_RELATED)


def review_queue(
    user,
    *,
    deputy: str = "",
    duty_type=None,
    start: date | None = None,
    end: date | None = None,
    newest: bool = False,
) -> QuerySet[DutyRecord]:
    """Declarations waiting for review, oldest first unless `newest`; narrowed by the deputy's name or pinyin,
    the duty type and the date of the act."""
    if not has_role(user, Role.STAFF):
        return DutyRecord.objects.none()
    qs = records_in_scope(user).filter(source=Source.DECLARED, status=Review.PENDING)
    if deputy := deputy.strip():
        key = deputy.lower().replace(" ", "")
        qs = qs.filter(
            Q(mandate__person__name__icontains=deputy)
            | Q(mandate__person__name_pinyin__icontains=key)
            | Q(mandate__person__name_initials__icontains=key)
        )
    if duty_type is not None:
        qs = qs.filter(duty_type=duty_type)
    if start:
        qs = qs.filter(on__gte=start)
    if end:
        qs = qs.filter(on__lte=end)
    return qs.order_by("-created_at", "-id") if newest else qs.order_by("created_at", "id")


def pending_declarations(user) -> QuerySet[DutyRecord]:
    """Declarations not yet reviewed, for staff and leaders alike (the review queue itself is staff's)."""
    if not has_role(user, Role.STAFF, Role.LEADER):
        return DutyRecord.objects.none()
    return records_in_scope(user).filter(source=Source.DECLARED, status=Review.PENDING)


def activities_in_scope(user) -> QuerySet[Activity]:
    if has_role(user, Role.DEPUTY):
        return (
            Activity.objects.filter(participants__in=_own_mandate_ids(user))
            .distinct()
            .select_related("duty_type")
        )
    if not has_role(user, Role.STAFF, Role.LEADER):
        return Activity.objects.none()
    return scope(Activity.objects.all(), user, body_field="body").select_related("duty_type", "body")


def leaves_in_scope(user) -> QuerySet[LeaveRequest]:
    qs = LeaveRequest.objects.select_related("mandate__person", "activity__duty_type")
    if has_role(user, Role.DEPUTY):
        return qs.filter(mandate__in=_own_mandate_ids(user))
    if has_role(user, Role.STAFF, Role.LEADER):
        return scope(qs, user, body_field="activity__body")
    return qs.none()


def triggers_in_scope(user) -> QuerySet[Trigger]:
    if not has_role(user, Role.STAFF, Role.LEADER):
        return Trigger.objects.none()
    return scope(Trigger.objects.all(), user, body_field="body").select_related("mandate__person", "body")


def talks_in_scope(user) -> QuerySet[TalkCase]:
    if not has_role(user, Role.STAFF, Role.LEADER):
        return TalkCase.objects.none()
    return scope(TalkCase.objects.all(), user, body_field="body").select_related("mandate__person", "trigger")


def meetings_in_scope(user) -> QuerySet[ReportMeeting]:
    if has_role(user, Role.DEPUTY):
        return ReportMeeting.objects.filter(mandates__in=_own_mandate_ids(user)).distinct()
    if not has_role(user, Role.STAFF, Role.LEADER):
        return ReportMeeting.objects.none()
    return scope(ReportMeeting.objects.all(), user, body_field="body")


def waiting(user) -> list[Waiting]:
    """Home-page lines: staff see declarations to review, leave to decide and open triggers; deputies their
    rejected declarations and missing minimums."""
    items: list[Waiting] = []
    if has_role(user, Role.STAFF):
        n = review_queue(user).count()
        if n:
            items.append(Waiting("待审核的履职申报", n, reverse("duties:review_queue")))
        n = leaves_in_scope(user).filter(status=LeaveStatus.PENDING).count()
        if n:
            items.append(Waiting("待审批的请假", n, reverse("duties:leaves"), tone="warning"))
        n = triggers_in_scope(user).filter(status=TriggerStatus.OPEN).count()
        if n:
            items.append(Waiting("待处理的履职提示", n, reverse("duties:triggers"), tone="danger"))
    elif has_role(user, Role.DEPUTY):
        n = records_in_scope(user).filter(status=Review.REJECTED).count()
        if n:
            items.append(Waiting("被退回的履职申报", n, reverse("duties:mine"), tone="warning"))
    return items


def requirement_status(mandate: Mandate, year: int) -> list[dict]:
    """What the deputy has done against each annual minimum ("五个一"), and what is still lacking."""
    from .services.setup import ruleset_for

    rs = ruleset_for(mandate.body, year)
    counts = Counter(
        dict(
            DutyRecord.objects.filter(
                mandate=mandate, year=year, status=Review.APPROVED, outcome=Outcome.ATTENDED
            )
            .values_list("duty_type__code")
            .annotate(n=Count("id"))
        )
    )
    return [
        {
            "label": r.label,
            "need": r.min_count,
            "done": sum(counts.get(c, 0) for c in r.type_codes),
            "lacking": max(0, r.min_count - sum(counts.get(c, 0) for c in r.type_codes)),
        }
        for r in rs.requirements.all()
    ]


def public_summary(mandate: Mandate) -> dict | None:
    """For the public deputy page: the latest score published to the portal and this term's duty counts
    by file section. None when the body publishes nothing. Three queries."""
    latest = (
        PublishedScore.objects.filter(mandate=mandate, publication__to_portal=True)
        .select_related("publication")
        .order_by("-publication__end")
        .first()
    )
    by_category = list(
        DutyRecord.objects.filter(mandate=mandate, status=Review.APPROVED, outcome=Outcome.ATTENDED)
        .values("duty_type__category")
        .annotate(n=Count("id"))
        .order_by("duty_type__category")
    )
    if latest is None and not by_category:
        return None
    from .choices import Category

    labels = dict(Category.choices)
    return {
        "score": latest.total if latest else None,
        "band": latest.band if latest else "",
        "rank": latest.rank if latest else None,
        "period": latest.publication.label if latest else "",
        "counts": [{"label": labels.get(r["duty_type__category"], ""), "n": r["n"]} for r in by_category],
        "total": sum(r["n"] for r in by_category),
    }


def published_for_portal(body=None, year: int | None = None) -> QuerySet[Publication]:
    """Publications shown to the public, newest first; filtered by body and year when given."""
    qs = (
        Publication.objects.filter(to_portal=True)
        .select_related("body")
        .order_by("body__path", "-year", "-end")
    )
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(year=year)
    return qs


def current_year() -> int:
    return timezone.localdate().year


def held_in(qs: QuerySet[Mandate], start: date, end: date) -> QuerySet[Mandate]:
    return qs.filter(start_date__lte=end).filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
