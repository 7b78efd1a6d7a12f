"""Staff verdicts on a routing suggestion: accept it as shown, or correct the category/unit."""

from __future__ import annotations

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import require_role
from renda.core.roles import Role

from .. import items
from ..models import RoutingFeedback, Verdict


@transaction.atomic
def record_verdict(
    obj, *, by, verdict: str, suggestion: dict, category: str = "", unit=None
) -> RoutingFeedback:
    """Store one verdict (every one is kept; the next training reads the last per item).

    Refuses a correction that names neither a category nor a unit, and a unit that is neither the item's body's nor one above it (as
    contact's forward form offers).
    """
    require_role(by, {Role.STAFF}, action="分办建议反馈")
    if verdict not in Verdict.values:
        raise Refused("verdict_unknown", "未知的反馈结论")
    top_cat = (suggestion.get("category") or [("", 0)])[0][0] if suggestion else ""
    top_unit = suggestion.get("unit_obj") if suggestion else None
    if verdict == Verdict.ACCEPTED:
        category = category or top_cat
        unit = unit or top_unit
    if not category and unit is None:
        raise Refused("verdict_empty", "请选择正确的类别或承办单位")
    if unit is not None and not obj.body.path.startswith(unit.body.path):  # the body's or one above it
        raise Refused("unit_other_body", "所选承办单位不属于本机关")
    fb = RoutingFeedback.objects.create(
        body=obj.body,
        target_type=items.content_type(items.kind_of(obj)),
        target_id=str(obj.pk),
        verdict=verdict,
        suggested_category=top_cat,
        suggested_unit=top_unit,
        confidence=suggestion.get("confidence") if suggestion else None,
        model_version=suggestion.get("version") if suggestion else None,
        category=category,
        unit=unit,
        by=by,
    )
    audit.record(
        "insight.routing_verdict", fb, by=by, after={"verdict": verdict, "category": category, "unit": unit}
    )
    return fb
