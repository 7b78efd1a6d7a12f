"""The suggestions generator and benchmark at the tiny scale (issue 5: each module's generator and benchmarks
run in the test suite at a tiny scale; the measurements themselves belong to `make bench`)."""

import pytest
from django.db import connection

from benchmarks import generate, registry
from benchmarks.generate import ensure
from benchmarks.modules import home
from benchmarks.modules import suggestions as bench
from benchmarks.run import Context, run_benchmarks
from renda.core.models import User
from renda.suggestions import rates
from renda.suggestions.models import Assignment, Evaluation, Reply, Suggestion
from renda.suggestions.waiting import for_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def tiny():
    return ensure("tiny", allow_tiny=True, migrate=False, out=lambda *_: None)


def _snapshot():
    return (
        list(Suggestion.objects.order_by("id").values_list("lead_id", "state", "number", "reply_due")),
        list(
            Assignment.objects.order_by("id").values_list(
                "unit_id", "role", "status", "reply_class", "result"
            )
        ),
    )


def test_items_are_written_at_the_scale_and_deterministic_for_the_seed(tiny):
    scale = registry.SCALES["tiny"]
    assert Suggestion.objects.count() == scale.suggestions
    first = _snapshot()
    generate.wipe(connection)
    generate.write_meta(connection, None)
    ensure("tiny", allow_tiny=True, migrate=False, out=lambda *_: None)
    assert _snapshot() == first


def test_every_reply_is_approved_and_every_evaluation_rates_a_sent_reply(tiny):
    # issue 7 invariants: every reply has an approver; an evaluation is bound to the exact reply it rates
    assert Reply.objects.exists()
    assert not Reply.objects.filter(status="sent", approved_by__isnull=True).exists()
    for ev in Evaluation.objects.select_related("reply"):
        assert (
            ev.reply.status == "sent"
            and ev.reply.round == ev.round
            and ev.reply.suggestion_id == ev.suggestion_id
        )


def test_the_larger_plan_reaches_every_state_and_non_trivial_rates(tiny):
    """The planner at county volume (in memory, no database): every workflow state occurs, and the unit
    figures are neither all zero nor all perfect."""
    import random
    from datetime import date, timedelta

    from renda.suggestions.models import State

    units = {
        1: [(u, f"青山县{name}") for u, name in enumerate(("教育局", "交通运输局", "财政局", "公安局"), 10)]
    }
    planner = bench._Planner(random.Random(7), units)
    peers = [(m, "1-18-0001", None) for m in range(100, 140)]
    seen, parts = set(), []
    for i in range(3000):
        it = bench._Item()
        it.id, it.body, it.lead, it.user, it.card = i, 1, 100, None, ""
        it.kind, it.session = "motion" if i % 60 == 0 else "suggestion", i % 5 < 3
        recent = bench.TODAY - timedelta(days=i % 4 if i % 7 == 0 else i % 400)
        it.sub = date(bench.YEARS[i % 3], 1, 10) if it.session else recent
        it.year = it.sub.year
        it.topic, it.place, it.private = i % len(bench.TOPICS), "东升", False
        planner.item(it, peers)
        seen.add(it.state)
        parts += [p for p in it.parts if p.role in ("lead", "separate") and p.status != "returned"]
    assert seen >= set(State.values)
    classes = {r[2] for p in parts for r in p.replies}
    ratings = {r[4][2] for p in parts for r in p.replies if r[4]}
    assert classes == set("ABCD") and ratings == {"satisfied", "basically", "unsatisfied"}


def test_ranking_benchmark_runs_and_its_baseline_counts_the_same(tiny):
    lines = []
    results = run_benchmarks(
        Context(registry.SCALES["tiny"], repeat=1, in_process=True, out=lines.append),
        only=["suggestion_ranking_ms"],
    )
    (result,) = results
    assert result.ours > 0 and result.baseline > 0 and result.goal == 1.5
    assert result.extra["ours_queries"] == 1  # issue 7: one aggregate query per year
    assert result.extra["parts"] > 0


def test_ranking_benchmark_stops_the_run_when_the_figures_differ(tiny, monkeypatch):
    monkeypatch.setattr(
        rates, "BASELINE_SQL", rates.BASELINE_SQL.replace("COUNT(*) AS items", "COUNT(*) + 1 AS items")
    )
    with pytest.raises(AssertionError, match=r"differs from rates\.BASELINE_SQL"):
        run_benchmarks(
            Context(registry.SCALES["tiny"], repeat=1, in_process=True, out=lambda *_: None),
            only=["suggestion_ranking_ms"],
        )


def test_raw_sql_mirrors_every_staff_figure_of_the_home_page(tiny):
    """home_page_ms stops the run when the raw SQL and the page differ; here with an item whose lead and
    co-handling units both ask to return it, overdue, so a per-assignment count would show."""
    from renda.core.models import Unit

    staff = User.objects.get(username="bench-staff")
    part = (
        Assignment.objects.filter(role="lead").exclude(status="returned").select_related("suggestion").first()
    )
    taken = part.suggestion.assignments.values("unit_id")
    other = Unit.objects.filter(body_id=part.suggestion.body_id).exclude(pk__in=taken).first()
    Assignment.objects.create(
        suggestion=part.suggestion,
        unit=other,
        role="co",
        status="return_requested",
        year=part.year,
        assigned_on=part.assigned_on,
        return_due=part.return_due,
        assigned_by=staff,
    )
    Assignment.objects.filter(pk=part.pk).update(status="return_requested")
    Suggestion.objects.filter(pk=part.suggestion_id).update(state="handed_over", due_state="overdue")
    figures = home.raw_counts(staff)
    shown = {w.label: w.count for w in for_staff(staff)}
    assert shown["退回申请待处理"] >= 1 and shown["超期未办建议"] >= 1
    assert {label: shown.get(label, 0) for label in bench.STAFF_FIGURES} == {
        k: figures[k] for k in bench.STAFF_FIGURES
    }
    mirrored = {r.mirrors for r in registry.RAW_COUNTS}
    assert "renda.suggestions.waiting.for_staff" in set(home.providers(staff)) & mirrored
