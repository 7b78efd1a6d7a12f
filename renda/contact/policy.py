"""The ContactPolicy that applies to a body, through the one resolver in renda/core/policy.py.

Public intake asks this for every message, which is why the resolver caches its answers.
"""

from renda.core import policy as resolver
from renda.core.models import Body

from .models import ContactPolicy

GENERATION = resolver.GENERATION


def for_body(body: Body) -> ContactPolicy:
    return resolver.resolve(ContactPolicy, body)


def key_for(body: Body) -> str:
    return resolver.key_for(ContactPolicy, body)


def connect() -> None:
    """Called from AppConfig.ready (hooks.register)."""
    resolver.register(ContactPolicy)
