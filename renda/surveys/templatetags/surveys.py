from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """`values|get:"q12"` — a typed value on a refused form."""
    if not mapping:
        return ""
    return mapping.get(str(key), "")


@register.simple_tag
def cell_key(qid, rid) -> str:
    return f"q{qid}_r{rid}"


@register.filter
def has(values, option_id) -> bool:
    """Was this option chosen (a single value or a list of values, as strings)?"""
    if isinstance(values, list):
        return str(option_id) in values
    return str(values) == str(option_id)


@register.simple_tag
def qkey(qid) -> str:
    return f"q{qid}"
