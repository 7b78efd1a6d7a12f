"""Editing a body's ContactPolicy (staff of that body or above)."""

from django.db import transaction

from renda.core import audit
from renda.core.errors import NotPermitted, Refused

from .. import policy as policies
from ..models import ContactPolicy
from ..permissions import can_edit_policy

FIELDS = (
    "accept_hours",
    "forward_days",
    "reply_emergency_hours",
    "reply_utilities_hours",
    "reply_ordinary_days",
    "reply_complex_days",
    "reopen_max",
    "rate_days",
    "publish_lead_days",
    "due_soon_days",
    "weight_response",
    "weight_resolution",
    "weight_satisfaction",
)


@transaction.atomic
def save_policy(body, *, by, **values) -> ContactPolicy:
    if not can_edit_policy(by, body):
        raise NotPermitted("contact_policy_not_permitted", "无权修改本机关的社情民意办理规则")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise Refused("contact_policy_field", f"未知的规则项：{'、'.join(sorted(unknown))}")
    current = policies.for_body(body)
    row = ContactPolicy.objects.filter(body=body).first() or ContactPolicy(body=body)
    before = {f: getattr(current, f) for f in FIELDS}
    for f in FIELDS:
        setattr(row, f, values.get(f, getattr(current, f)))
    if sum(row.weights) != 100:
        raise Refused("contact_weights_sum", "三率权重之和须为 100")
    for f in FIELDS:
        if f.startswith("weight"):
            continue
        field = ContactPolicy._meta.get_field(f)
        low, high = (v.limit_value for v in field.validators[:2])
        if not low <= getattr(row, f) <= high:
            raise Refused("contact_policy_range", f"{field.verbose_name}须在 {low}–{high} 之间")
    row.save()
    audit.record("contact.policy.save", row, by=by, before=before, after={f: getattr(row, f) for f in FIELDS})
    return row
