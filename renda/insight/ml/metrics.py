"""Macro-F1, accuracy, per-class precision/recall and latency: what `renda insight evaluate` prints."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold


def scores(truth: list[str], pred: list[str]) -> dict:
    labels = sorted(set(truth) | set(pred))
    p, r, f, n = precision_recall_fscore_support(truth, pred, labels=labels, zero_division=0)
    present = sorted(set(truth))
    return {
        "macro_f1": float(f1_score(truth, pred, labels=present, average="macro", zero_division=0)),
        "accuracy": float(accuracy_score(truth, pred)),
        "n": len(truth),
        "per_class": [
            {
                "label": lab,
                "precision": float(p[i]),
                "recall": float(r[i]),
                "f1": float(f[i]),
                "support": int(n[i]),
            }
            for i, lab in enumerate(labels)
        ],
    }


def latency(one: Callable[[str], object], texts: list[str], n: int = 200) -> dict:
    """p50/p95 in milliseconds of answering one message at a time (the screen's case)."""
    sample = texts[:n] or [""]
    one(sample[0])  # warm-up: jieba's dictionary loads on first use
    times = []
    for t in sample:
        t0 = time.perf_counter()
        one(t)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": float(np.percentile(times, 50)),
        "p95_ms": float(np.percentile(times, 95)),
        "n": len(sample),
    }


def cross_validate(texts, labels, fit: Callable, folds: int = 5, seed: int = 0) -> dict:
    """k-fold CV of `fit(train_texts, train_labels) -> predict(texts)`; per-fold and mean macro-F1."""
    y = np.asarray(labels)
    f1s, accs = [], []
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(texts, y):
        predict = fit([texts[i] for i in tr], list(y[tr]))
        pred = predict([texts[i] for i in te])
        f1s.append(float(f1_score(y[te], pred, average="macro")))
        accs.append(float(accuracy_score(y[te], pred)))
    return {"macro_f1": float(np.mean(f1s)), "folds": f1s, "accuracy": float(np.mean(accs))}


def report(title: str, s: dict, lat: dict | None = None) -> str:
    lines = [f"{title}: macro-F1 {s['macro_f1']:.4f} · accuracy {s['accuracy']:.4f} · n={s['n']}"]
    lines.append(f"  {'类别':<10} {'precision':>9} {'recall':>7} {'F1':>7} {'n':>5}")
    for c in s["per_class"]:
        lines.append(
            f"  {c['label']:<10} {c['precision']:>9.3f} {c['recall']:>7.3f} {c['f1']:>7.3f} {c['support']:>5}"
        )
    if lat:
        lines.append(
            f"  latency one message: p50 {lat['p50_ms']:.1f} ms · p95 {lat['p95_ms']:.1f} ms (n={lat['n']})"
        )
    return "\n".join(lines)
