"""The routing suggestion for one item: category and handling unit with a calibrated confidence, or none."""

from __future__ import annotations

from dataclasses import dataclass, field

from renda.core import policy

from .. import items, store
from .. import text as T
from ..models import InsightPolicy

MIN_SIGNAL = 4  # fewer letters or characters than this: nothing to read, no suggestion


@dataclass
class Suggestion:
    ok: bool
    reason: str = ""
    category: list = field(default_factory=list)  # [(value, label, p)]
    unit: list = field(default_factory=list)  # [(Unit, p)]
    confidence: float = 0.0
    threshold: float = 0.0
    version: int | None = None

    def as_feedback(self) -> dict:
        return {
            "category": [(c[0], c[2]) for c in self.category[:1]],
            "unit_obj": self.unit[0][0] if self.unit else None,
            "confidence": self.confidence,
            "version": self.version,
        }


def suggest_route(text: str | None, *, body, k: int = 3) -> Suggestion:
    """Never raises on odd input; below the body's threshold (InsightPolicy.route_threshold) the answer is
    "no suggestion" with the reason, never a silent guess (issue 22)."""
    pol = policy.resolve(InsightPolicy, body)
    threshold = pol.route_threshold / 100
    if T.signal(text) < MIN_SIGNAL:
        return Suggestion(False, "内容太短，无法给出分办建议", threshold=threshold)
    row, model = store.active()
    if model is None:
        return Suggestion(False, "分办模型尚未训练", threshold=threshold)
    ranked = model.rank(text or "", k=max(k, 8))
    cats = [(v, items.category_label(v), p) for v, p in ranked["category"][:k]]
    units = _units(ranked["unit"], body)[:k]
    confidence = cats[0][2] if cats else 0.0
    if not T.tokens(text):
        return Suggestion(
            False, "没有可识别的词语，无法给出分办建议", threshold=threshold, version=row.version
        )
    if confidence < threshold:
        return Suggestion(
            False,
            f"置信度 {confidence:.0%} 低于 {threshold:.0%}，不给建议，请人工判断",
            category=cats,
            unit=units,
            confidence=confidence,
            threshold=threshold,
            version=row.version,
        )
    shown_units = [(u, p) for u, p in units if p >= threshold] or []
    return Suggestion(True, "", cats, shown_units, confidence, threshold, row.version)


def _units(ranked: list, body) -> list:
    """The unit head's answer restricted to the active units of the body and the bodies above it (as contact's forward form) (probabilities as the model gave them)."""
    from renda.core.models import Unit

    if not ranked:
        return []
    ids = [int(u) for u, _ in ranked if str(u).isdigit()]
    ids_ = [p for p in body.path.strip("/").split("/") if p]
    paths = ["/" + "/".join(ids_[: i + 1]) + "/" for i in range(len(ids_))]  # the body and those above it
    by_id = {u.pk: u for u in Unit.objects.filter(pk__in=ids, body__path__in=paths, active=True)}
    return [(by_id[int(u)], p) for u, p in ranked if str(u).isdigit() and int(u) in by_id]
