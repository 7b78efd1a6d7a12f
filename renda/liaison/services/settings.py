"""The body's liaison numbers (LiaisonPolicy): saved by its staff, audited; reads go through core.policy."""

from django.db import transaction

from renda.core import audit
from renda.core import policy as resolver
from renda.core.errors import Refused

from .. import permissions
from ..models import LiaisonPolicy

FIELDS = ("notice_days", "signin_open_minutes", "sitting_seats", "min_station_area")
RANGES = {
    "notice_days": (0, 60),
    "signin_open_minutes": (0, 240),
    "sitting_seats": (1, 50),
    "min_station_area": (0, 5000),
}


@transaction.atomic
def save_policy(body, *, by, **values) -> LiaisonPolicy:
    """Refuses an unknown field and a value out of range; the rest of the row keeps what it inherited."""
    permissions.require_manage(by, body, action="修改联系代表参数")
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise Refused("liaison_policy_field", f"未知的参数：{'、'.join(sorted(unknown))}")
    row = resolver.own_row(LiaisonPolicy, body)
    before = {f: getattr(row, f) for f in FIELDS}
    for f, v in values.items():
        low, high = RANGES[f]
        if not low <= v <= high:
            raise Refused(
                "liaison_policy_range",
                f"{LiaisonPolicy._meta.get_field(f).verbose_name}须在 {low}–{high} 之间",
            )
        setattr(row, f, v)
    row.save()
    audit.record("liaison.policy_save", row, by=by, before=before, after={f: getattr(row, f) for f in FIELDS})
    return row
