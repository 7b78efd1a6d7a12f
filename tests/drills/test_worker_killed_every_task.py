"""Drill: the task worker is killed in the middle of every kind of task (issue 21 "Faults: the task worker
killed mid-task — the task runs again and no notification is duplicated"; house-style.md "Tasks … safe to run
twice").

renda's tasks are Huey periodic tasks (renda/core/tasks.py). Huey has no "acks late": a message a killed
consumer had taken is gone, and what brings the work back is the schedule itself — the next tick (at most the
task's period later, or the next consumer's start) runs the same task again. So "redelivered and done once"
means here: whatever a kill half-way through left behind, the next run completes it, and the end state is the
state of one clean run — no row twice (no second notification, no second audit entry, no second reminder),
none missing, no stray file.

The list of kinds is read from Huey's registry, so a new task is drilled without being named here; a task that
does nothing at all on the demo data fails, since a kill in it would prove nothing (seed its data in the demo).
For each kind, in separate processes on copies of one demo database (SQLite files; the drill is skipped on
PostgreSQL, like tests/notify/test_worker_killed.py, whose gateway-level drill it complements):
1. a clean run, twice: the statements it issues, and the row count of every table and the files it wrote after
   the first run and after the second (running twice must change nothing);
2. a run SIGKILLed by itself right after half of those statements (a kill at a database round trip: inside the
   task's transaction or between two of them), then the next run, with a lease of 0 (the next tick after any
   lease has run out, as tests/notify/test_worker_killed.py does);
3. the killed-then-rerun state must equal the clean run's.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from huey.contrib.djhuey import HUEY

from tests.demo_install import demo_installation

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60

# The child: run one task (by its registry name) through Huey's own wrapper, counting the database statements;
# with RENDA_DRILL_KILL_AFTER=k it SIGKILLs itself right after the k-th. It prints the statements and the state.
CHILD = r"""
import json, os, signal, sys
import django
django.setup()
from django.db import connection
from huey.contrib.djhuey import HUEY

from tests.demo_install import demo_installation
import renda.core.tasks  # noqa: F401 — registers every task

name, runs = sys.argv[1], int(sys.argv[2])
kill_after = int(os.environ.get("RENDA_DRILL_KILL_AFTER", "0"))
seen = [0]
writes = [0]

def counting(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    seen[0] += 1
    if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
        writes[0] += 1
    if kill_after and seen[0] >= kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
    return result

def state():
    with connection.cursor() as c:
        c.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = sorted(r[0] for r in c.fetchall())
        counts = {}
        for t in tables:
            c.execute(f'SELECT COUNT(*) FROM "{t}"')
            counts[t] = c.fetchone()[0]
    var = os.environ["RENDA_VAR_DIR"]
    files = sorted(
        os.path.relpath(os.path.join(d, f), var)
        for d, _, fs in os.walk(var) for f in fs if not f.startswith("db.sqlite3")
    )
    return {"counts": counts, "files": files}

task_class = HUEY._registry.string_to_task(name)
out = []
for _ in range(runs):
    seen[0] = writes[0] = 0
    connection.ensure_connection()
    with connection.execute_wrapper(counting):
        task_class().execute()  # what the consumer runs (db_periodic_task closes the connection around it)
    out.append({"statements": seen[0], "writes": writes[0], **state()})
if not runs:
    out.append({"statements": 0, "writes": 0, **state()})
print("DRILL " + json.dumps(out))
"""


def task_names() -> list[str]:
    import renda.core.tasks  # noqa: F401 — registers every task

    return sorted(HUEY._registry._registry)


def test_the_registry_lists_the_known_tasks():
    # The walk itself can fail: it must see the periodic tasks of renda/core/tasks.py, and only renda's.
    names = task_names()
    assert len(names) >= 14 and all(".tasks." in n for n in names), names
    assert any(n.endswith("notify_run") for n in names) and any(
        n.endswith("meetings_remind_due") for n in names
    )


_SEED: dict[str, Path] = {}


@pytest.fixture
def demo_db(tmp_path_factory):
    """A SQLite file with the demo county (tests/demo_install.py), copied once per test process and again
    for each run."""
    if connection.vendor != "sqlite":
        pytest.skip("the workers share the database through a SQLite file")
    if "db" not in _SEED:
        # The browser tests' demo installation (built once per code version; CI's SQLite run has built it
        # before `make drills`), so the drill does not load the demo county a second time.
        base = tmp_path_factory.mktemp("demo")
        shutil.copy(demo_installation() / "renda.sqlite3", base / "db.sqlite3")
        _SEED["db"] = base / "db.sqlite3"
        child, seed = _run(base, next(iter(task_names())), runs=0)  # the seed's own state, nothing run
        assert child.returncode == 0 and seed, child.stderr[-3000:]
        _SEED["state"] = seed[0]
    return _SEED["db"]


def _env(var: Path, **extra) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("NOTIFY_", "DATABASE_URL", "RENDA_DRILL"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        RENDA_VAR_DIR=str(var),
        RENDA_TESTING="1",
        DJANGO_SETTINGS_MODULE="renda.settings",
        **extra,
    )
    return env


def _copy(demo_db: Path, where: Path) -> Path:
    where.mkdir()
    shutil.copy(demo_db, where / "db.sqlite3")
    return where


def _run(var: Path, name: str, *, runs: int = 1, **extra):
    child = subprocess.run(
        [sys.executable, "-c", CHILD, name, str(runs)],
        cwd=ROOT,
        env=_env(var, **extra),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    line = next((x for x in child.stdout.splitlines() if x.startswith("DRILL ")), None)
    return child, json.loads(line[6:]) if line else None


@pytest.mark.drill
@pytest.mark.parametrize("name", task_names())
def test_a_task_killed_half_way_is_done_once_by_the_next_run(name, demo_db, tmp_path):
    clean_var = _copy(demo_db, tmp_path / "clean")
    child, clean = _run(clean_var, name, runs=2)
    assert child.returncode == 0 and clean, child.stderr[-3000:]
    once, twice = clean
    assert once["statements"] > 0, (
        f"{name} does nothing on the demo data: seed its data so the drill means something"
    )
    assert twice["counts"] == once["counts"] and twice["files"] == once["files"], (
        "running twice changed something"
    )

    killed_var = _copy(demo_db, tmp_path / "killed")
    kill_at = max(1, once["statements"] // 2)
    child, _ = _run(killed_var, name, RENDA_DRILL_KILL_AFTER=str(kill_at))
    assert child.returncode == -signal.SIGKILL, (child.returncode, child.stderr[-3000:])

    seed = _SEED["state"]
    if once["writes"] == 0 and (once["counts"], once["files"]) == (seed["counts"], seed["files"]):
        # A task that only reads (dashboards_refresh fills the cache): the kill must have changed nothing.
        child, after = _run(killed_var, name, runs=0)
        assert child.returncode == 0 and after, child.stderr[-3000:]
        assert after[0]["counts"] == once["counts"] and after[0]["files"] == once["files"]
        return
    child, after = _run(killed_var, name, NOTIFY_LEASE_SECONDS="0")  # the next tick
    assert child.returncode == 0 and after, child.stderr[-3000:]
    (rerun,) = after
    diff = {t: (once["counts"].get(t), n) for t, n in rerun["counts"].items() if once["counts"].get(t) != n}
    assert diff == {}, f"killed after {kill_at} of {once['statements']} statements, then rerun: {diff}"
    assert rerun["files"] == once["files"]
