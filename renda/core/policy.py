"""Which per-body policy row applies: the body's own, else the nearest ancestor's, else the defaults.

Every app keeps its jurisdiction numbers in one model with a `body` one-to-one field (house-style:
per-body policy). A township congress inherits its county's rules until it saves its own; a body with no
row above it gets the model's defaults, unsaved: reading a policy never writes a row.

Answers are kept in Django's cache (Redis in production, shared by all workers) under one generation
number. Saving or deleting any policy row or any body starts a new generation at once (so the saving
transaction sees its change) and again after commit (so an answer another worker read before the
commit is not kept).

A model may define `defaults_for(body) -> dict` for defaults that depend on the body (motion thresholds
by level), and `LOCAL_FIELDS`: fields the law sets per body, which are never inherited from above.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from .models import Body

GENERATION = "core:policy:gen"
TTL = 3600
OWN, INHERITED, DEFAULT = "own", "inherited", "default"
ORIGIN_LABELS = {OWN: "本机关设定", INHERITED: "沿用上级", DEFAULT: "默认值"}


def resolve(model: type[models.Model], body: Body) -> models.Model:
    """The policy that governs `body`. Never save the answer: `own_row` gives the row to edit."""
    key = key_for(model, body)
    policy = cache.get(key)
    if policy is None:
        policy = _resolve(model, body)
        cache.set(key, policy, TTL)
    return policy


def key_for(model: type[models.Model], body: Body) -> str:
    return f"policy:{model._meta.label_lower}:{_generation()}:{body.pk}"


def own_row(model: type[models.Model], body: Body) -> models.Model:
    """The row `body` saves its rules in: its own, or a new one starting from what it inherits now."""
    row = model.objects.filter(body=body).first()
    if row is not None:
        return row
    current = resolve(model, body)
    row = model(body=body)
    for f in editable_fields(model):
        setattr(row, f.attname, getattr(current, f.attname))
    return row


def origin(policy: models.Model, body: Body) -> str:
    if policy.pk is None:
        return DEFAULT
    return OWN if policy.body_id == body.pk else INHERITED


@dataclass(frozen=True)
class FieldSource:
    name: str
    label: str
    value: object
    origin: str  # OWN / INHERITED / DEFAULT
    origin_label: str  # "本机关设定", "沿用××人大常委会", "默认值"
    default: object
    source: str  # the rule behind the default (the field's help text)


def sources(model: type[models.Model], body: Body) -> list[FieldSource]:
    """For the policy page: each number, where it comes from, and the rule behind its default."""
    policy = resolve(model, body)
    where = origin(policy, body)
    defaults = _defaults(model, body)
    above = policy.body.name if where == INHERITED else ""
    out = []
    for f in editable_fields(model):
        value = getattr(policy, f.attname)
        default = defaults[f.attname]
        kind = where
        if where == INHERITED and f.name in getattr(model, "LOCAL_FIELDS", ()):
            kind = DEFAULT
        label = f"沿用{above}" if kind == INHERITED else ORIGIN_LABELS[kind]
        out.append(FieldSource(f.name, str(f.verbose_name), value, kind, label, default, str(f.help_text)))
    return out


def editable_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name != "body" and not getattr(f, "auto_now", False)
    ]


def _defaults(model, body) -> dict:
    values = {f.attname: f.get_default() for f in editable_fields(model)}
    hook = getattr(model, "defaults_for", None)
    if hook is not None:
        values.update(hook(body))
    return values


def _resolve(model, body: Body) -> models.Model:
    ids = [int(p) for p in body.path.strip("/").split("/") if p] or [body.pk]
    rows = {p.body_id: p for p in model.objects.filter(body_id__in=ids).select_related("body")}
    for pk in reversed(ids):
        if pk in rows:
            row = rows[pk]
            local = getattr(model, "LOCAL_FIELDS", ())
            if pk != body.pk and local:
                defaults = _defaults(model, body)
                for name in local:
                    setattr(row, name, defaults[model._meta.get_field(name).attname])
            return row
    return model(body=body, **_defaults(model, body))


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


def register(*policy_models: type[models.Model]) -> None:
    """Called from each app's AppConfig.ready: a change to a policy or to the body tree starts a new answer."""
    for model in (*policy_models, Body):
        uid = model._meta.label_lower
        post_save.connect(changed, sender=model, dispatch_uid=f"policy-{uid}-save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"policy-{uid}-delete")
