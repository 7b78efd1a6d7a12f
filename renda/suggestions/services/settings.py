"""Saving a body's suggestion-handling rules (its Policy row; reading goes through renda/core/policy.py)."""

from django.db import transaction

from renda.core import audit
from renda.core import policy as resolver
from renda.core.errors import NotPermitted
from renda.core.permissions import has_role
from renda.core.roles import Role
from renda.core.selectors import deputy_bodies

from ..models import Policy


@transaction.atomic
def save_policy(body, *, by, values: dict) -> Policy:
    """Store `values` (already validated by PolicyForm) as `body`'s own rules, starting from what it inherits."""
    if not has_role(by, Role.STAFF) or not deputy_bodies(by).filter(pk=body.pk).exists():
        raise NotPermitted("out_of_scope", "无权修改该人大机关的建议办理规则")
    row = resolver.own_row(Policy, body)
    before = {f: str(getattr(row, f)) for f in values}
    for name, value in values.items():
        setattr(row, name, value)
    row.save()
    audit.record(
        "suggestion.policy", row, by=by, before=before, after={f: str(getattr(row, f)) for f in values}
    )
    return row
