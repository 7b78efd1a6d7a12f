"""`{% training_history mandate %}`: the deputy's courses, for the duty file's section 4 (学习培训,
domain.md §3.2) — the one line the duties app includes."""

from django import template

from ..selectors.handbook import training_history as history

register = template.Library()


@register.inclusion_tag("liaison/_training_history.html")
def training_history(mandate) -> dict:
    rows = history(mandate)
    return {"rows": rows, "hours": sum((i.course.hours for i in rows if i.signed_in_at), 0)}
