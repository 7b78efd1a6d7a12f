"""Pieces every suggestion service uses: lock the row, write the timeline and the audit log, today's date."""

from datetime import date

from django.utils import timezone

from renda.core import audit
from renda.core import policy as resolver
from renda.core.errors import Refused

from ..models import Policy, Suggestion, TimelineEntry


def today() -> date:
    return timezone.localdate()


def lock(item: Suggestion) -> Suggestion:
    """Re-read the row under a lock so two clerks cannot move it at once; refresh the caller's copy."""
    fresh = Suggestion.objects.select_for_update().get(pk=item.pk)
    for f in Suggestion._meta.concrete_fields:
        setattr(item, f.attname, getattr(fresh, f.attname))
    return item


def policy(item: Suggestion) -> Policy:
    return resolver.resolve(Policy, item.body)


def log(
    item: Suggestion,
    action: str,
    label: str,
    *,
    by,
    before: str = "",
    note: str = "",
    audit_after: dict | None = None,
) -> TimelineEntry:
    """One timeline entry and one audit entry for one thing that happened to `item`."""
    entry = TimelineEntry.objects.create(
        suggestion=item,
        actor=by if getattr(by, "pk", None) else None,
        actor_name=str(by) if by else "系统",
        action=action,
        label=label,
        state_from=before if before and before != item.state else "",
        state_to=item.state if before and before != item.state else "",
        note=note[:2000],
    )
    after = {"state": item.state, **(audit_after or {})}
    audit.record(
        f"suggestion.{action}",
        item,
        by=by,
        before={"state": before} if before else None,
        after=after,
        note=note[:300],
    )
    return entry


def move(item: Suggestion, dst: str, *, fields: tuple[str, ...] = ()) -> str:
    """Set the new state and save the named fields; returns the state it left."""
    before = item.state
    item.state = dst
    item.save(update_fields=["state", "updated_at", *fields])
    return before


def require_text(value: str, code: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Refused(code, message)
    return value
