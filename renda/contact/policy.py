"""Which ContactPolicy applies to a body: its own, else the nearest above it, else the defaults.

Public intake asks this for every message, so answers are kept in Django's cache (Redis in production,
shared by all workers) under a generation number. Saving or deleting a policy or a body starts a new
generation at once (so the saving transaction sees its change) and again after commit (so an answer
another worker read before the commit is not kept).
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from renda.core.models import Body

from .models import ContactPolicy

GENERATION = "contact:policy:gen"
TTL = 3600


def for_body(body: Body) -> ContactPolicy:
    key = key_for(body)
    policy = cache.get(key)
    if policy is None:
        policy = _resolve(body)
        cache.set(key, policy, TTL)
    return policy


def key_for(body: Body) -> str:
    return f"contact:policy:{_generation()}:{body.pk}"


def _resolve(body: Body) -> ContactPolicy:
    ids = [int(p) for p in body.path.strip("/").split("/") if p] or [body.pk]
    rows = {p.body_id: p for p in ContactPolicy.objects.filter(body_id__in=ids)}
    for pk in reversed(ids):
        if pk in rows:
            return rows[pk]
    return ContactPolicy(body_id=body.pk)  # the defaults; body by id, so the cached copy stays small


def _generation() -> int:
    gen = cache.get(GENERATION)
    if gen is None:
        # A lost counter restarts from the clock, never from a number whose old answers may still be cached.
        cache.add(GENERATION, time.time_ns(), None)
        gen = cache.get(GENERATION)
    return gen


def _new_generation() -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:
        cache.add(GENERATION, time.time_ns(), None)


def changed(**kwargs) -> None:
    _new_generation()
    transaction.on_commit(_new_generation)


def connect() -> None:
    """Called from AppConfig.ready (hooks.register): a body's place in the tree decides what it inherits."""
    for model in (ContactPolicy, Body):
        post_save.connect(changed, sender=model, dispatch_uid=f"contact-policy-{model.__name__}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"contact-policy-{model.__name__}-delete")
