"""Store a due date on a record together with how it was counted, and recount when a year is entered."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import calendar
from .models import Deadline


def set_due(
    obj: models.Model,
    field: str,
    *,
    start: date,
    amount: int,
    unit: str,
    cite: str = "",
    cal: calendar.Calendar | None = None,
    new: bool = False,
) -> calendar.Counted:
    """Count the deadline, write it to `obj.<field>` (caller saves obj) and keep the recipe.

    `new`: `obj` was inserted in this transaction, so it has no recipe yet — one INSERT instead of a lookup,
    two savepoints and an INSERT (the public message form is the busiest caller).
    """
    counted = calendar.count(start, amount, unit, cite=cite, cal=cal)
    setattr(obj, field, counted.due)
    key = {"content_type": ContentType.objects.get_for_model(obj), "object_id": str(obj.pk), "field": field}
    recipe = {
        "start": start,
        "amount": amount,
        "unit": unit,
        "cite": cite,
        "due": counted.due,
        "estimated": counted.estimated,
    }
    if new:
        Deadline.objects.create(**key, **recipe)
    else:
        Deadline.objects.update_or_create(**key, defaults=recipe)
    return counted


def recipe(obj: models.Model, field: str) -> Deadline | None:
    return Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), field=field
    ).first()


def explain(obj: models.Model, field: str) -> calendar.Counted | None:
    row = recipe(obj, field)
    if row is None:
        return None
    return calendar.count(row.start, row.amount, row.unit, cite=row.cite)


def recount_year(year: int) -> int:
    """Recount every deadline whose counting crossed `year`; returns how many changed."""
    cal = calendar.Calendar()
    changed = 0
    rows = Deadline.objects.filter(start__lte=date(year, 12, 31), due__gte=date(year, 1, 1)).select_related(
        "content_type"
    )
    for row in rows.iterator():
        counted = calendar.count(row.start, row.amount, row.unit, cite=row.cite, cal=cal)
        if counted.due != row.due or counted.estimated != row.estimated:
            Deadline.objects.filter(pk=row.pk).update(due=counted.due, estimated=counted.estimated)
            model = row.content_type.model_class()
            if model is not None:
                model._default_manager.filter(pk=row.object_id).update(**{row.field: counted.due})
            changed += 1
    return changed


OK, SOON, OVERDUE = "", "soon", "overdue"  # "" is no mark (suggestions stores these in due_state)


def due_state(
    due: date | None,
    *,
    on: date,
    soon_days: int,
    working_days: bool = True,
    cal: calendar.Calendar | None = None,
) -> str:
    """Where a deadline stands on `on`: past it (overdue), within the policy's warning period (soon), or ok.

    Every deadline scan classifies through here; `working_days` says how the body's `due_soon_days` counts
    (suggestions: working days; contact: calendar days)."""
    if due is None:
        return OK
    if due < on:
        return OVERDUE
    if working_days:
        horizon = calendar.add_working_days(on, soon_days, cal=cal).due
    else:
        horizon = date.fromordinal(on.toordinal() + soon_days)
    return SOON if due <= horizon else OK
