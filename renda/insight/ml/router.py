"""The routing classifier: word + character n-gram TF-IDF, a class-balanced linear SVM, calibrated.

Why this shape (measured on the shared training file, docs/insight.md): words alone reach about the
TF-IDF + LinearSVC baseline; character 1–3-grams add the sub-word evidence jieba splits badly (place
names, new compounds) and the two together gain ~0.02 macro-F1. Class weights "balanced" keep the
small classes (交通运输) from being swallowed, which is what macro-F1 — and a small unit — measures.
Wider n-grams, logistic regression, SGD and probability-averaged ensembles were tried and did not beat
it. The SVM's margins become probabilities by temperature scaling fitted on cross-validated margins:
one number, so the ranking (and the F1) is the SVM's own and the confidence is honest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from renda.insight import text as T


def _split(s: str) -> list[str]:
    return s.split()


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class Features:
    """Word unigrams + character 1–3-grams of the prepared text, each TF-IDF (sublinear), stacked."""

    def __init__(self, max_char_features: int = 300_000):
        self.words = TfidfVectorizer(analyzer=_split, sublinear_tf=True, min_df=2)
        self.chars = TfidfVectorizer(
            analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2, max_features=max_char_features
        )

    def fit_transform(self, prepared: list[str]):
        w = self.words.fit_transform(prepared)
        c = self.chars.fit_transform([T.chars(s) for s in prepared])
        return hstack([w, c]).tocsr()

    def transform(self, prepared: list[str]):
        return hstack(
            [self.words.transform(prepared), self.chars.transform([T.chars(s) for s in prepared])]
        ).tocsr()


@dataclass
class Head:
    """One label set (category, or handling unit) on the shared features."""

    svm: LinearSVC
    temperature: float
    classes: list[str]

    def proba(self, X) -> np.ndarray:
        m = self.svm.decision_function(X).reshape(X.shape[0], -1)
        if m.shape[1] == 1:  # two classes: one margin, positive for classes[1]
            m = np.column_stack([-m[:, 0], m[:, 0]]) / 2
        return _softmax(m * self.temperature)


def _margins(X, y: np.ndarray, C: float) -> np.ndarray:
    """Cross-validated SVM margins (3 folds), for fitting the temperature on data the SVM did not see."""
    classes = np.unique(y)
    counts = np.array([(y == c).sum() for c in classes])
    folds = int(min(3, counts.min()))
    out = np.zeros((X.shape[0], len(classes)))
    if folds < 2:
        return out
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(X, y):
        svm = LinearSVC(C=C, class_weight="balanced").fit(X[tr], y[tr])
        cols = [list(classes).index(c) for c in svm.classes_]
        m = svm.decision_function(X[te]).reshape(len(te), -1)
        if len(svm.classes_) == 2:
            m = np.column_stack([-m[:, 0], m[:, 0]])
        full = np.full((len(te), len(classes)), -5.0)
        full[:, cols] = m
        out[te] = full
    return out


def _temperature(margins: np.ndarray, y: np.ndarray, classes: np.ndarray) -> float:
    idx = np.searchsorted(classes, y)

    def nll(t: float) -> float:
        p = _softmax(margins * t)
        return -float(np.log(p[np.arange(len(y)), idx] + 1e-12).mean())

    if not margins.any():
        return 3.0
    return float(minimize_scalar(nll, bounds=(0.1, 50.0), method="bounded").x)


def fit_head(X, labels: list[str], C: float = 1.0, calibrate: bool = True) -> Head | None:
    y = np.asarray(labels)
    classes = np.unique(y)
    if len(classes) < 2:
        return None
    svm = LinearSVC(C=C, class_weight="balanced").fit(X, y)
    t = _temperature(_margins(X, y, C), y, classes) if calibrate else 3.0
    return Head(svm, t, [str(c) for c in svm.classes_])


@dataclass
class Router:
    """Features + a category head + (when the deployment has a history) a handling-unit head."""

    features: Features
    category: Head | None
    unit: Head | None = None
    meta: dict = field(default_factory=dict)

    def _x(self, texts: list[str]):
        return self.features.transform([T.prepare(t) for t in texts])

    def predict(self, texts: list[str]) -> list[str]:
        return [str(c) for c in self.category.svm.predict(self._x(texts))]

    def rank(self, text: str, k: int = 3) -> dict:
        """Top-k categories (and units) with probabilities for one text."""
        X = self._x([text])
        out = {}
        for name in ("category", "unit"):
            head = getattr(self, name)
            if head is None:
                out[name] = []
                continue
            p = head.proba(X)[0]
            order = np.argsort(-p)[:k]
            out[name] = [(head.classes[i], float(p[i])) for i in order]
        return out


def train(
    texts: list[str],
    categories: list[str],
    units: list[str | None] | None = None,
    *,
    C: float = 1.0,
    calibrate: bool = True,
) -> Router:
    """Fit the router. `units[i]` is the handling unit of text i, or None when it has none (shared data)."""
    t0 = time.perf_counter()
    prepared = [T.prepare(t) for t in texts]
    features = Features()
    X = features.fit_transform(prepared)
    rows = [i for i, c in enumerate(categories) if c]  # rows without a category train the unit head only
    category = fit_head(X[rows], [categories[i] for i in rows], C, calibrate) if rows else None
    unit = None
    if units:
        rows = [i for i, u in enumerate(units) if u]
        if rows:
            unit = fit_head(X[rows], [units[i] for i in rows], C, calibrate)
    meta = {
        "trained_on": len(texts),
        "with_unit": sum(1 for u in units or () if u),
        "seconds": round(time.perf_counter() - t0, 2),
        "classes": category.classes if category else [],
    }
    return Router(features, category, unit, meta)


def baseline(train_texts: list[str], train_labels: list[str]):
    """The bar: TF-IDF of jieba words + LinearSVC, default settings."""
    v = TfidfVectorizer(analyzer=_split)
    svm = LinearSVC().fit(v.fit_transform([T.prepare(t) for t in train_texts]), train_labels)
    return lambda texts: list(svm.predict(v.transform([T.prepare(t) for t in texts])))
