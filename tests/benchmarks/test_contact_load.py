"""The load test of public submission (benchmarks/modules/contact_load.py) at a tiny scale: what it checks,
not how fast it goes (design.md house rule 10: speed is measured by `make bench`, never asserted in tests)."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from benchmarks.generate import ensure
from benchmarks.modules import contact_load
from benchmarks.registry import SCALES
from benchmarks.run import Context
from renda.contact import ratelimit
from renda.contact.models import Message
from renda.core.models.deadlines import Deadline
from renda.notify.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def stations():
    cache.clear()  # the per-IP counters of earlier tests
    ensure("tiny", allow_tiny=True, migrate=False, out=lambda *_: None)
    return contact_load.township_stations()


def _state():
    return Message.objects.count(), Deadline.objects.count(), Notification.objects.count()


def test_every_accepted_submission_is_found_and_then_removed(stations):
    # issue 9: every accepted submission is in the database afterwards (none lost)
    before = _state()
    with override_settings(CONTACT_LIMIT_SUBMIT_IP=(1000, 3600)):
        run = contact_load.in_process(Client(), contact_load.API, count=12, stations=stations, captcha=True)
    assert (run.accepted, run.lost, run.failed) == (12, 0, {})
    assert _state() == before  # the load test leaves the generated data as it was


def test_a_lost_submission_stops_the_benchmark(stations, monkeypatch):
    # issue 9: "none lost" is a condition of the benchmark, not a figure
    monkeypatch.setattr(contact_load, "missing", lambda codes: 1 if codes else 0)
    with pytest.raises(AssertionError, match="not in the database"):
        contact_load.submit_rps(Context(SCALES["tiny"], repeat=1, in_process=True))


def test_the_captcha_is_answered_not_skipped(stations):
    # issue 9 "Bad input and abuse": the load test pays for the CAPTCHA like a voter
    with override_settings(CONTACT_LIMIT_SUBMIT_IP=(1000, 3600)):
        run = contact_load.in_process(Client(), contact_load.API, count=3, stations=stations, captcha=False)
    assert run.accepted == 0 and sum(run.failed.values()) == 3


def test_the_per_ip_limit_is_raised_only_through_its_setting(stations, settings):
    # issue 9: public submission is rate-limited per IP; the load test's server raises CONTACT_LIMIT_SUBMIT_IP
    default = ratelimit.DEFAULTS["SUBMIT_IP"]
    run = contact_load.in_process(
        Client(), contact_load.API, count=default[0] + 2, stations=stations, captcha=True
    )
    assert run.accepted == default[0] and sum(run.failed.values()) == 2
    settings.CONTACT_LIMIT_SUBMIT_IP = default  # so the fixture puts everything back afterwards
    app = contact_load.server(123_456)
    assert callable(app) and ratelimit.limit("SUBMIT_IP") == (123_456, 3600)
    assert ratelimit.DEFAULTS["SUBMIT_IP"] == default
