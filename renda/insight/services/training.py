"""Train the router from the deployment's own history, version it, keep the previous one for rollback.

What it learns from (issue 22: each congress has its own handling units):
- voters' messages: their category, and the unit they were forwarded to;
- suggestions: the lead unit they were handed over to (主办; 分办 units too);
- staff verdicts on earlier suggestions (RoutingFeedback): the last verdict of an item overrides the above;
- the shared board data (RENDA_SHARED_DATA) when present, for the category head only, labels mapped to
  the deployment's categories (items.TEDDY_TO_CATEGORY). Nothing of it is stored: only the model.

`retrain` is safe to run twice: it fingerprints what it would train on and does nothing when the active
model was trained on the same data.
"""

from __future__ import annotations

import hashlib
import os

from django.db import IntegrityError, transaction
from django.db.models import Max

from renda.core import audit

from .. import items, store
from ..ml import data, router
from ..models import ModelVersion, RoutingFeedback

MIN_SAMPLES = 20


def _use_shared() -> bool:
    return os.environ.get("RENDA_INSIGHT_SHARED", "1") != "0"


def training_set(*, shared: bool | None = None, shared_limit: int | None = None) -> dict:
    """texts, categories, units (unit pk as text or None) and where they came from."""
    from renda.contact.models import Message
    from renda.suggestions.models import Assignment

    texts: list[str] = []
    cats: list[str] = []
    units: list[str | None] = []
    where: dict[str, int] = {}
    index: dict[tuple[str, str], int] = {}

    def add(key, text, cat, unit, source):
        if key in index:
            i = index[key]
            cats[i] = cat or cats[i]
            units[i] = unit or units[i]
        else:
            index[key] = len(texts)
            texts.append(text)
            cats.append(cat)
            units.append(unit)
        where[source] = where.get(source, 0) + 1

    for m in Message.objects.only("pk", "title", "content", "category", "unit_id").iterator(chunk_size=2000):
        add(
            ("message", str(m.pk)),
            items.text_of(m),
            m.category or "",
            str(m.unit_id) if m.unit_id else None,
            "message",
        )
    lead = (
        Assignment.objects.filter(role__in=("lead", "separate")).select_related("suggestion").order_by("pk")
    )
    for a in lead.iterator(chunk_size=2000):
        add(
            ("suggestion", str(a.suggestion_id)),
            items.text_of(a.suggestion),
            "",
            str(a.unit_id),
            "suggestion",
        )
    corrections = 0
    seen = set()
    for fb in RoutingFeedback.objects.select_related("target_type").order_by("-at", "-id"):
        key = (fb.target_type.model, fb.target_id)
        if key in seen:
            continue
        seen.add(key)
        kind = "message" if fb.target_type.model == "message" else "suggestion"
        obj = items.model_of(kind).objects.filter(pk=fb.target_id).first()
        if obj is None:
            continue
        add(
            (kind, fb.target_id),
            items.text_of(obj),
            fb.category,
            str(fb.unit_id) if fb.unit_id else None,
            "feedback",
        )
        corrections += fb.verdict == "corrected"
    if shared if shared is not None else _use_shared():
        t, labels = data.labelled()
        if shared_limit:
            t, labels = t[:shared_limit], labels[:shared_limit]
        for i, (text, lab) in enumerate(zip(t, labels, strict=True)):
            add(("shared", str(i)), text, items.TEDDY_TO_CATEGORY.get(lab, lab), None, "shared")
    return {"texts": texts, "categories": cats, "units": units, "sources": where, "corrections": corrections}


def _fingerprint(ts: dict) -> str:
    h = hashlib.sha256()
    h.update(str(RoutingFeedback.objects.aggregate(m=Max("id"))["m"]).encode())
    for t, c, u in zip(ts["texts"], ts["categories"], ts["units"], strict=True):
        h.update(f"{len(t)}|{t[:64]}|{c}|{u}\n".encode())
    return h.hexdigest()


def retrain(
    *, force: bool = False, shared: bool | None = None, shared_limit: int | None = None, note: str = ""
) -> dict:
    """Train a new version when the training data changed (or `force`); activate it; keep the previous file."""
    ts = training_set(shared=shared, shared_limit=shared_limit)
    fp = _fingerprint(ts)
    current = ModelVersion.objects.filter(active=True).first()
    if current and current.fingerprint == fp and not force:
        return {"trained": False, "version": current.version, "reason": "训练数据未变化"}
    labelled = [i for i, c in enumerate(ts["categories"]) if c]
    if len(labelled) < MIN_SAMPLES and sum(1 for u in ts["units"] if u) < MIN_SAMPLES:
        return {"trained": False, "version": current.version if current else None, "reason": "样本太少"}
    # The category head reads only rows with a category; the unit head only rows with a unit.
    texts = ts["texts"]
    cats = ts["categories"]
    model = router.train(texts, cats, ts["units"]) if len(set(c for c in cats if c)) >= 2 else None
    if model is None:
        return {"trained": False, "version": current.version if current else None, "reason": "类别太少"}
    version = (ModelVersion.objects.aggregate(m=Max("version"))["m"] or 0) + 1
    name = store.write(model, version)
    try:
        with transaction.atomic():
            ModelVersion.objects.filter(active=True).update(active=False)
            row = ModelVersion.objects.create(
                version=version,
                file=name,
                active=True,
                fingerprint=fp,
                samples=len(texts),
                corrections=ts["corrections"],
                sources=ts["sources"] | {"unit_head": model.unit is not None},
                seconds=model.meta["seconds"],
                note=note[:200],
            )
            audit.record("insight.model_trained", row, after={"version": version, "samples": len(texts)})
    except IntegrityError:  # a concurrent run won the version number: its model stands, ours goes
        store.remove(name)
        return {"trained": False, "version": None, "reason": "另一训练任务已完成"}
    _prune()
    return {
        "trained": True,
        "version": version,
        "samples": len(texts),
        "seconds": model.meta["seconds"],
        "sources": ts["sources"],
    }


def _prune() -> None:
    """Keep the active file and the one before it (rollback); older rows stay as history without a file."""
    keep = list(ModelVersion.objects.order_by("-version").values_list("file", flat=True)[:2])
    active = ModelVersion.objects.filter(active=True).values_list("file", flat=True).first()
    store.prune(set(keep) | {active})


@transaction.atomic
def rollback(*, by=None) -> ModelVersion:
    """Return to the version before the active one (its file is kept). Refused when there is none."""
    from renda.core.errors import Refused

    current = ModelVersion.objects.select_for_update().filter(active=True).first()
    if current is None:
        raise Refused("no_model", "还没有训练过分办模型")
    previous = ModelVersion.objects.filter(version__lt=current.version).order_by("-version").first()
    if previous is None or not (store.model_dir() / previous.file).is_file():
        raise Refused("no_previous_model", "没有可回退的上一版本模型")
    current.active = False
    current.save(update_fields=["active"])
    previous.active = True
    previous.save(update_fields=["active"])
    audit.record(
        "insight.model_rollback",
        previous,
        by=by,
        before={"version": current.version},
        after={"version": previous.version},
    )
    store.forget()
    return previous
