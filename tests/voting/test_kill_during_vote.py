"""The server killed during a vote loses no accepted vote (issue 17 "Bad input and faults").

A real gunicorn on loopback serves a copy of this test's database (an SQLite file, WAL); members vote through
the API; the server is killed with SIGKILL in the middle; it is started again; every key that had been
answered 2xx is in the database, and every member resending with the same key afterwards is counted once."""

import contextlib
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from benchmarks.modules import voting as bench

ROOT = Path(__file__).resolve().parents[2]
CSRF = bench.CSRF


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(db: Path, port: int, var: Path) -> subprocess.Popen:
    env = {
        **{k: v for k, v in os.environ.items() if k != "RENDA_TESTING"},
        "DATABASE_URL": f"sqlite:///{db}",
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "0",
        "RENDA_HTTPS": "0",
        "RENDA_DEMO": "0",
        "RENDA_VAR_DIR": str(var),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": "",
        "DJANGO_SETTINGS_MODULE": "renda.settings",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "renda.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/healthz")
            c.getresponse().read()
            return proc
        except OSError:
            time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("gunicorn did not start")


def _post(port: int, poll_id: int, session: str, choice: int, key: str) -> int:
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        c.request(
            "POST",
            f"/api/v1/voting/polls/{poll_id}/ballots",
            body=json.dumps({"choices": [choice], "key": key}),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"sessionid={session}; csrftoken={CSRF}",
                "X-CSRFToken": CSRF,
            },
        )
        r = c.getresponse()
        r.read()
        return r.status
    except (OSError, http.client.HTTPException):  # killed mid-answer: IncompleteRead is not an OSError
        return -1


@pytest.mark.django_db(transaction=True)
def test_no_accepted_vote_is_lost_when_the_server_is_killed(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the copy of the test database is an SQLite file")
    body, staff, users, keys = bench._members(80)
    poll = bench._poll(body, staff, users, public=False, title="断电测试")
    plan = bench._plan(poll, users, keys, public=0, seed=5)
    db = tmp_path / "copy.sqlite3"
    with connection.cursor() as cur:
        cur.execute("VACUUM INTO %s", [str(db)])
    port = _port()
    proc = _start(db, port, tmp_path)
    accepted: list[str] = []
    try:

        def one(m):
            status = _post(port, poll.pk, m["session"], m["choice"], m["key"])
            if status in (200, 201):
                accepted.append(m["key"])
            return status

        with ThreadPoolExecutor(8) as pool:
            futures = [pool.submit(one, m) for m in plan["members"]]
            while len(accepted) < 25:
                time.sleep(0.01)
            os.killpg(proc.pid, signal.SIGKILL)  # mid-vote: requests in flight, others not yet sent
            statuses = [f.result() for f in futures]
        proc.wait(10)
        assert -1 in statuses or len(accepted) < len(plan["members"]), (
            "the kill came too late to test anything"
        )
        with sqlite3.connect(db) as raw:
            stored = {
                row[0] for row in raw.execute("SELECT key FROM voting_ballot WHERE poll_id = ?", [poll.pk])
            }
        assert {uuid.UUID(k).hex for k in accepted} <= {str(s).replace("-", "") for s in stored}
        proc = _start(db, port, tmp_path)  # restarted: every phone resends with its key
        again = [_post(port, poll.pk, m["session"], m["choice"], m["key"]) for m in plan["members"]]
        assert set(again) <= {200, 201}
        with sqlite3.connect(db) as raw:
            n = raw.execute("SELECT COUNT(*) FROM voting_ballot WHERE poll_id = ?", [poll.pk]).fetchone()[0]
        assert n == len(plan["members"])
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
