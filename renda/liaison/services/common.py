"""Pieces every liaison service uses: the body's policy and the duty records fed into the one ledger."""

from collections.abc import Iterable
from datetime import date

from renda.core import policy as resolver
from renda.core.errors import Refused
from renda.duties import services as duties

from ..models import LiaisonPolicy


def policy_for(body) -> LiaisonPolicy:
    """The body's own numbers, else its nearest ancestor's, else the defaults (a read never saves)."""
    return resolver.resolve(LiaisonPolicy, body)


def record_duties(mandates: Iterable, *, code: str, on: date, source, title: str) -> int:
    """One duty record per deputy for `source` (duties.services.record_automatic: idempotent per source and
    mandate). Inside the caller's transaction: a date outside a mandate refuses the whole action."""
    n = 0
    for mandate in mandates:
        duties.record_automatic(mandate, duty_type_code=code, on=on, source=source, title=title)
        n += 1
    return n


def require_text(value: str, code: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise Refused(code, message)
    return value


def require_deputies_of(mandates: Iterable, body) -> list:
    """The deputies a body may plan for: a 工委 only the district deputies of its area (domain.md §1.2,
    地方组织法 Art. 59), any other body its congress's."""
    from .. import permissions

    if not permissions.is_subdistrict(body):
        return require_same_body(mandates, permissions.congress_of(body))
    people = list(mandates)
    allowed = set(permissions.area_mandates(body).values_list("pk", flat=True))
    if any(m.pk not in allowed for m in people):
        raise Refused("deputy_outside_area", f"所选代表须为{body.short_name or body}选出的区（县）人大代表")
    return people


def require_same_body(mandates: Iterable, body, *, code: str = "deputy_other_body") -> list:
    people = list(mandates)
    if any(m.body_id != body.pk for m in people):
        raise Refused(code, f"所选代表须为{body}的代表")
    return people
