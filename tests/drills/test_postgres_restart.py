"""PostgreSQL restarted during a write load (issue 21 "Faults"): requests fail cleanly (503 with
Retry-After, never a hang or a half-written message), the site recovers by itself, and no accepted write
is lost — every tracking code the server answered with is found afterwards.

A private PostgreSQL cluster (initdb in a temp directory, its own port) is restarted, never the machine's
shared server. The server is gunicorn with two workers running renda (benchmarks.modules.contact_load's
entry, which raises the per-address submission limit: every request comes from 127.0.0.1).
"""

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.core.ops.conftest import ROOT, Site

pytestmark = pytest.mark.drill
PG = Path("/usr/lib/postgresql/15/bin")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], capture_output=True, text=True, check=True
    )


@pytest.fixture
def cluster():
    # Not under pytest's tmp_path: it is private to root (0700) and the server runs as postgres.
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="renda-pg-"))
    top.chmod(0o755)
    data = top / "pg"
    data.mkdir()
    shutil.chown(data, "postgres", "postgres")
    port = _port()
    _as_postgres(str(PG / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
    ctl = [str(PG / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-o", f"-p {port} -k {data} -F"]
    _as_postgres(*ctl, "-w", "start")
    _as_postgres(str(PG / "createdb"), "-h", "127.0.0.1", "-p", str(port), "renda")
    yield port, ctl
    subprocess.run(["runuser", "-u", "postgres", "--", *ctl, "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(top, ignore_errors=True)


def _post(port: int, path: str, body: dict | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (loopback)
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"{}")
        except ValueError:
            return exc.code, {}
    except OSError:
        return 0, {}


def test_a_postgres_restart_under_write_load_loses_no_accepted_message(cluster, tmp_path):
    port, ctl = cluster
    site = Site(tmp_path / "var", f"postgres://postgres@127.0.0.1:{port}/renda")
    site.var.mkdir()
    site.run("migrate", "-v0", timeout=600)
    station = (
        site.py(
            "from tests.factories.core import BodyFactory\nfrom tests.factories.deputies import StationFactory\n"
            "print('ID', StationFactory(body=BodyFactory()).pk)"
        )
        .split("ID")[-1]
        .strip()
    )
    web = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "benchmarks.modules.contact_load:server()", "-w", "2",
         "-b", f"127.0.0.1:{web}", "--timeout", "30"],
        cwd=ROOT, env=site.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    accepted: list[str] = []
    statuses: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()
    secret = site.env["SECRET_KEY"]

    def solve(token: str) -> str:
        from renda.contact import captcha

        return str(json.loads(captcha._fernet(secret).decrypt(token.encode()))["a"])

    def voter(n: int):
        from benchmarks.modules.contact_load import submission

        i = 0
        while not stop.is_set():
            status, challenge = _post(web, "/api/v1/contact/captcha")
            if status != 200:
                with lock:
                    statuses.append(status)
                time.sleep(0.2)
                continue
            body = submission(
                n * 10_000 + i, f"{n:04d}", int(station), challenge["token"], solve(challenge["token"])
            )
            status, answer = _post(web, "/api/v1/contact/messages", body)
            with lock:
                statuses.append(status)
                if status in (200, 201):
                    accepted.append(answer["code"])
            i += 1

    try:
        for _ in range(200):
            if _post(web, "/healthz")[0] == 200:
                break
            time.sleep(0.1)
        threads = [threading.Thread(target=voter, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        time.sleep(3)
        before = len(accepted)
        _as_postgres(*ctl, "-m", "fast", "-w", "restart")
        time.sleep(4)
        stop.set()
        for t in threads:
            t.join(timeout=30)
        after_restart = len(accepted) - before
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"accepted {len(accepted)} ({before} before the restart), statuses {sorted(set(statuses))}, failed {sum(s == 503 for s in statuses)}"
    )
    assert before > 0 and after_restart > 0  # load before the restart, and the site recovered by itself
    assert set(statuses) <= {200, 201, 503}, sorted(set(statuses))  # failures are clean 503s, not 500s
    codes = json.dumps(accepted)
    lost = site.py(f"from benchmarks.modules.contact_load import missing\nprint('LOST', missing({codes}))")
    assert lost.split("LOST")[-1].strip() == "0"
