"""The router on the shared board data (one subsample, trained once, so the test stays short)."""

import numpy as np
import pytest

from renda.insight.ml import data, metrics, router

from .conftest import requires_shared


@pytest.fixture(scope="module")
def sample():
    texts, labels = data.labelled()
    idx = np.random.default_rng(0).permutation(len(texts))
    train, test = idx[:1500], idx[1500:1900]
    xtr, ytr = [texts[i] for i in train], [labels[i] for i in train]
    return {
        "model": router.train(xtr, ytr),
        "baseline": router.baseline(xtr, ytr),
        "x": [texts[i] for i in test],
        "y": [labels[i] for i in test],
    }


@requires_shared
def test_router_is_near_or_above_the_baseline_on_a_subsample_and_answers_fast(sample):
    s = metrics.scores(sample["y"], sample["model"].predict(sample["x"]))
    b = metrics.scores(sample["y"], sample["baseline"](sample["x"]))
    assert s["macro_f1"] > 0.82
    # On the full file ours is ~0.016 above the baseline (docs/insight.md); on a small sample they are close.
    assert s["macro_f1"] >= b["macro_f1"] - 0.03
    lat = metrics.latency(lambda t: sample["model"].rank(t), sample["x"], n=60)
    assert lat["p95_ms"] < 50  # issue 22: one message answered in < 50 ms p95 on a CPU


@requires_shared
def test_confidence_is_calibrated_enough_to_gate_on(sample):
    """Above 60 % confidence the answers are right more often than overall (the policy threshold's use)."""
    model = sample["model"]
    p = model.category.proba(model._x(sample["x"]))
    right = np.array(model.category.classes)[p.argmax(1)] == np.array(sample["y"])
    sure = p.max(1) >= 0.6
    assert right[sure].mean() > right.mean()
    assert sure.mean() > 0.5


def test_router_handles_odd_input_without_error():
    model = router.train(
        ["道路 破损 严重"] * 5 + ["学校 食堂 卫生"] * 5, ["roads"] * 5 + ["education"] * 5, calibrate=False
    )
    for odd in ["", "😀", "hello", "道路" * 10000, "學校食堂"]:
        ranked = model.rank(odd)
        assert len(ranked["category"]) == 2
    assert model.rank("學校食堂衛生")["category"][0][0] == "education"
