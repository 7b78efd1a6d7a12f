"""The public-answer load test (benchmarks/modules/surveys.py) at a tiny scale: what it checks, not how fast
(design.md house rule 10: speed is measured by `make bench`, never asserted in tests)."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from benchmarks.modules import surveys as bench
from benchmarks.registry import SCALES
from benchmarks.run import Context
from renda.surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(standing_committee, staff):
    """The benchmark needs a standing committee and a staff member of it (make_survey), nothing else."""
    cache.clear()


def test_every_accepted_answer_is_counted_and_the_survey_removed(data):
    # issue 18: 10,000 public answers, none lost — counted afterwards
    with override_settings(SURVEYS_LIMIT_ANSWER_IP=(1000, 3600)):
        run = bench.in_process(Client(), bench.API, count=12)
    assert (run.accepted, run.lost, run.extra, run.failed) == (12, 0, 0, {})
    assert not Survey.objects.exists()


def test_the_generated_answers_pass_the_real_checks(data):
    # The load's answers are valid answers: the limit and the device token are the only things raised/minted.
    s = bench.make_survey("t")
    from renda.surveys.definition import clean_answers, compile_

    for i in range(20):
        clean_answers(compile_(s), bench.answer(i, bench.shape(s)))


def test_the_default_limit_refuses_a_flood(data):
    run = bench.in_process(Client(), bench.API, count=65)
    assert run.accepted == 60 and sum(run.failed.values()) == 5 and run.lost == 0


def test_a_lost_answer_stops_the_benchmark(data, monkeypatch):
    monkeypatch.setattr(bench, "stored", lambda survey: 0)
    with pytest.raises(AssertionError, match="not in the database"):
        bench.public_answers(Context(SCALES["tiny"], repeat=1, in_process=True))
