"""The benchmark harness at a tiny scale: every generator fills, every benchmark runs, bad input is refused.

The measurements themselves belong to `make bench` (design.md house rule 10), never to the test suite.
"""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from benchmarks import generate, registry, setup
from benchmarks.generate import BenchError, ensure
from benchmarks.run import Context, run_benchmarks
from renda.core.models import Body, User

pytestmark = pytest.mark.django_db


def tiny():
    return ensure("tiny", allow_tiny=True, migrate=False, out=lambda *_: None)


def test_every_generator_writes_rows_at_tiny_scale():
    done = tiny()
    assert not done.reused
    for gen in registry.generators():
        for table in gen.tables:
            assert done.rows.get(table, 0) > 0, f"{gen.name} wrote nothing into {table}"
    assert User.objects.filter(username__in=["bench-staff", "bench-top"]).count() == 2


def test_generators_are_deterministic_for_a_seed():
    from renda.deputies.models import Mandate, Person

    tiny()
    first = (
        list(Body.objects.order_by("id").values_list("name", "path")),
        list(Person.objects.order_by("id").values_list("name", "birth_date", "party")),
        list(Mandate.objects.order_by("id").values_list("body_id", "card_number", "status")),
    )
    generate.wipe(connection)
    generate.write_meta(connection, None)
    tiny()
    again = (
        list(Body.objects.order_by("id").values_list("name", "path")),
        list(Person.objects.order_by("id").values_list("name", "birth_date", "party")),
        list(Mandate.objects.order_by("id").values_list("body_id", "card_number", "status")),
    )
    assert first == again
    assert Person.objects.first().id_number  # the encrypted field reads back


def test_data_generated_by_us_is_reused_not_rewritten():
    tiny()
    ids = list(Body.objects.values_list("id", flat=True))
    assert tiny().reused
    assert list(Body.objects.values_list("id", flat=True)) == ids


def test_our_data_is_regenerated_when_a_generator_changes(monkeypatch):
    tiny()
    monkeypatch.setattr(generate, "generators_signature", lambda: "a-new-app-arrived")
    again = tiny()
    assert not again.reused and again.total > 0
    assert generate.read_meta(connection)["signature"] == "a-new-app-arrived"


def test_a_database_with_foreign_data_is_refused_and_left_alone(county):
    with pytest.raises(BenchError, match="数据库不是空的") as refused:
        tiny()
    assert "--force" in str(refused.value)
    assert list(Body.objects.all()) == [county]


def test_force_wipes_foreign_data_and_generates(county):
    done = ensure("tiny", allow_tiny=True, migrate=False, force=True, out=lambda *_: None)
    assert done.total > 0
    assert not Body.objects.filter(region_code=county.region_code).exists()


def test_an_unknown_scale_is_refused_with_the_choices():
    with pytest.raises(BenchError, match=r"未知的规模“galaxy”.*county、city、province"):
        generate.check_scale("galaxy")
    with pytest.raises(BenchError):
        generate.check_scale("tiny")  # only the tests use it


def test_bench_data_command_refuses_an_unknown_scale():
    with pytest.raises(CommandError, match="未知的规模"):
        call_command("bench_data", "--scale", "galaxy")


def test_an_unreachable_database_gets_a_clear_message():
    with pytest.raises(BenchError, match=r"无法连接数据库 127\.0\.0\.1:1/"):
        setup.check_database("postgres://postgres@127.0.0.1:1/renda_nowhere")


def test_every_benchmark_runs_at_tiny_scale_and_prints_the_fixed_line():
    tiny()
    lines = []
    results = run_benchmarks(Context(registry.SCALES["tiny"], repeat=1, in_process=True, out=lines.append))
    assert {r.name for r in results} == {b.name for b in registry.benchmarks()}
    for r in results:
        assert r.ours > 0 and r.baseline > 0, r
    pattern = re.compile(r"^[a-z_]+: ours=\S+ baseline=\S+ ratio=[\d.]+ \(goal [≤≥] [\d.]+\)( {2}MISSED)?$")
    assert all(pattern.match(line) for line in lines if not line.startswith("    ")), lines


def test_a_missed_goal_is_marked():
    slow = registry.Result("x", ours=3.0, baseline=1.0, goal=2.0, unit="ms", better="lower")
    fast = registry.Result("y", ours=50.0, baseline=100.0, goal=0.7, unit="req/s", better="higher")
    assert not slow.ok and slow.line() == "x: ours=3 baseline=1 ratio=3.00 (goal ≤ 2)  MISSED"
    assert not fast.ok and fast.line().startswith("y: ours=50 baseline=100 ratio=0.50 (goal ≥ 0.7)")
