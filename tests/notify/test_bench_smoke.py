"""The benchmark module runs end to end in-process (a few hundred messages): stand-ins in their own process,
every message counted once there (benchmarks/modules/notify.py; the figures belong to `make bench`)."""

import pytest

from benchmarks.modules import notify as bench
from benchmarks.run import Context

pytestmark = pytest.mark.django_db


def test_the_benchmark_delivers_every_message_once(monkeypatch):
    monkeypatch.setattr(bench, "SMOKE", 200)
    ours, base, _goal, unit, extra = bench.notify_delivery_rate(Context(scale=None, in_process=True))
    assert ours > 0 and base > 0 and unit == "messages/s"
    assert extra["messages"] == 200 and extra["lost"] == extra["duplicated"] == 0
