"""The duty handbook (履职手册, seeds 003: 由代表个人如实填写参会出勤、提议案建议、参加视察调研、联系选民等情况),
generated from the ledger instead of filled in by hand; and the deputy's training history (domain.md §3.2
section 4 学习培训), which the duty file can show."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from renda.deputies.models import Mandate
from renda.duties.choices import Category, Outcome, Review
from renda.duties.models import DutyRecord
from renda.suggestions.models import Suggestion
from renda.suggestions.models.choices import State

from ..models import CourseInvitation


@dataclass
class Handbook:
    mandate: Mandate
    year: int | None
    attendance: list = field(default_factory=list)
    attendance_counts: dict = field(default_factory=dict)
    suggestions: list = field(default_factory=list)
    inspections: list = field(default_factory=list)
    voters: list = field(default_factory=list)
    training: list = field(default_factory=list)
    training_hours: Decimal = Decimal(0)
    groups: list = field(default_factory=list)
    others: list = field(default_factory=list)
    points: Decimal = Decimal(0)


def training_history(mandate: Mandate, *, year: int | None = None) -> list[CourseInvitation]:
    """Every course the deputy was invited to, newest first, signed in or not (`signed_in_at`)."""
    qs = CourseInvitation.objects.filter(mandate=mandate).select_related("course", "course__body")
    if year:
        qs = qs.filter(course__starts_at__year=year)
    return list(qs.order_by("-course__starts_at"))


def handbook(mandate_id: int, *, year: int | None = None) -> Handbook:
    """One query for the mandate, one for the ledger, one for suggestions, one for courses."""
    mandate = Mandate.objects.select_related("person", "body", "term", "constituency", "group").get(
        pk=mandate_id
    )
    hb = Handbook(mandate=mandate, year=year)
    records = (
        DutyRecord.objects.filter(mandate=mandate)
        .exclude(status__in=[Review.PENDING, Review.REJECTED])
        .select_related("duty_type")
        .order_by("on", "id")
    )
    if year:
        records = records.filter(on__year=year)
    counts = {o: 0 for o in Outcome.values}
    for r in records:
        hb.points += r.points or 0
        cat = r.duty_type.category
        if cat == Category.MEETING:
            hb.attendance.append(r)
            counts[r.outcome or Outcome.ATTENDED] = counts.get(r.outcome or Outcome.ATTENDED, 0) + 1
        elif cat == Category.INSPECTION:
            hb.inspections.append(r)
        elif cat == Category.VOTERS:
            hb.voters.append(r)
        elif cat == Category.GROUP:
            hb.groups.append(r)
        elif cat in (Category.TRAINING, Category.SUGGESTION):
            continue  # shown from their own tables below, with more detail
        else:
            hb.others.append(r)
    hb.attendance_counts = {Outcome(k).label: v for k, v in counts.items()}
    sugg = (
        Suggestion.objects.filter(
            Q(lead=mandate) | Q(cosigners__mandate=mandate, cosigners__confirmed_at__isnull=False)
        )
        .exclude(state__in=[State.DRAFT, State.WITHDRAWN])
        .distinct()
        .order_by("submitted_at", "id")
    )
    if year:
        sugg = sugg.filter(year=year)
    hb.suggestions = [{"item": s, "led": s.lead_id == mandate.pk} for s in sugg]
    hb.training = training_history(mandate, year=year)
    hb.training_hours = sum((i.course.hours for i in hb.training if i.signed_in_at), Decimal(0))
    return hb


def handbook_years(mandate: Mandate) -> list[int]:
    start = mandate.start_date.year
    end = (mandate.end_date or date.today()).year
    return list(range(end, start - 1, -1))
