from django import template

from .. import votes

register = template.Library()


@register.filter
def voting_url(poll, name: str) -> str:
    """{{ poll|voting_url:"control" }}: the voting app's screen for the poll, or "" if it has none yet."""
    return votes.url(poll, name)
