"""The benchmark module runs end to end in-process (a few hundred messages): stand-ins in their own process,
every message counted once there (benchmarks/modules/notify.py; the figures belong to `make bench`)."""

import pytest

from benchmarks.modules import notify as bench
from benchmarks.run import Context

pytestmark = pytest.mark.django_db


def test_the_benchmark_delivers_every_message_once(monkeypatch, settings):
    monkeypatch.setattr(bench, "SMOKE", 200)
    # The benchmark points Django's settings at its stand-ins; through the fixture they are put back after.
    for name in (
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
        "EMAIL_TIMEOUT",
    ):
        setattr(settings, name, getattr(settings, name))
    for name in ("NOTIFY_SMS_BACKEND", "NOTIFY_SMS_URL", "NOTIFY_SMS_SHAPE", "NOTIFY_SMS_TIMEOUT"):
        setattr(settings, name, None)
    ours, base, _goal, unit, extra = bench.notify_delivery_rate(Context(scale=None, in_process=True))
    assert ours > 0 and base > 0 and unit == "messages/s"
    assert extra["messages"] == 200 and extra["lost"] == extra["duplicated"] == 0
