from django import template

from renda.core import deadlines

register = template.Library()


@register.inclusion_tag("_due.html")
def due(obj, field: str, explain: bool = True):
    """A due date with its "estimated" mark and, on request, how it was counted (start, days skipped, article)."""
    counted = deadlines.explain(obj, field) if explain else None
    return {
        "value": getattr(obj, field, None),
        "counted": counted,
        "estimated": bool(counted and counted.estimated),
    }


@register.filter
def mask_phone(value: str) -> str:
    value = str(value or "")
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else ("*" * len(value))


@register.filter
def mask_id(value: str) -> str:
    value = str(value or "")
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else ("*" * len(value))
