"""No duplicate and nothing lost when the worker is killed mid-send (issue 18; wave2-references.md (d)
"Provably no duplicate SMS"): a real dispatcher process is SIGKILLed while the gateway holds a request it
has already recorded; the next dispatcher reconciles from receipts and sends the rest, each SMS once."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from renda.notify.services import Address, notify
from renda.notify.standins import GatewayStandIn

ROOT = Path(__file__).resolve().parents[2]
N = 20


def _env(tmp_path, gateway, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTIFY_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RENDA_VAR_DIR=str(tmp_path),
        RENDA_TESTING="1",
        NOTIFY_SMS_BACKEND="http",
        NOTIFY_SMS_URL=gateway.url,
        NOTIFY_SMS_TIMEOUT="30",
        DJANGO_SETTINGS_MODULE="renda.settings",
        **extra,
    )
    return env


def _worker(script: str, env: dict) -> subprocess.Popen:
    code = f"import django; django.setup(); from renda.notify import services as s; {script}"
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_between_the_gateway_and_the_commit_causes_no_duplicate_and_no_loss(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the worker shares the test database through a SQLite file")
    for i in range(N):
        notify(
            [Address(phone=f"1380000{i:04d}")],
            "message",
            {"title": f"第{i}条"},
            channels=("sms",),
            event=f"k{i}",
            urgent=True,  # past the quiet hours whatever time of day the suite runs (22:00–08:00 holds SMS)
        )
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "db.sqlite3")
    connection.connection.backup(target)
    target.close()

    with GatewayStandIn() as gateway:
        gateway.hang_after = 5  # five answered; the sixth is recorded, then the gateway stalls
        first = _worker("s.dispatch(limit=2)", _env(tmp_path, gateway))
        try:
            assert gateway.wait_for(6, timeout=30), "the worker never reached the gateway"
        finally:
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
        assert first.returncode == -signal.SIGKILL

        db = sqlite3.connect(tmp_path / "db.sqlite3")
        states = dict(db.execute("SELECT status, COUNT(*) FROM notify_outbox GROUP BY status").fetchall())
        assert states == {"sent": 4, "sending": 2, "queued": N - 6}  # two claimed rows died with the worker

        gateway.hang_after = None
        second = _worker(
            "print(s.recover(), s.check(), s.dispatch())", _env(tmp_path, gateway, NOTIFY_LEASE_SECONDS="0")
        )
        assert second.wait(60) == 0
        states = dict(db.execute("SELECT status, COUNT(*) FROM notify_outbox GROUP BY status").fetchall())
        checked = db.execute(
            "SELECT COUNT(*) FROM notify_attempt WHERE kind = 'check' AND result = 'sent'"
        ).fetchone()
        db.close()

    assert states == {"sent": N}  # none lost
    assert len(gateway.received) == N and set(gateway.received.values()) == {1}  # none sent twice
    assert checked == (2,)  # the two in doubt were confirmed from receipts, not resent
