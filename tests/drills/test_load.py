"""A bounded loopback load test of the production stack (issue 21 "Tests that prove it: Load"): gunicorn with
three workers on PostgreSQL, DEBUG off, static files by whitenoise, a county's data (the benchmarks'
`county` generator: 1,500 deputies, 50,000 duty records, 2,000 suggestions, 20,000 messages). The public
portal, the public API and the staff pages each take a fixed number of requests from six keep-alive clients.
It prints throughput and p95 per group and fails on any answer other than 200 — never on a time (design.md
house rule 10: speed is `make bench`'s business). Runs once per CI in `make drills`.
"""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid

import pytest

from tests.core.ops.conftest import ROOT, Site

pytestmark = pytest.mark.drill

CLIENTS = 6
PER_GROUP = 240  # the public API's per-address limit is 300 a minute: every client here is 127.0.0.1
GROUPS = {
    "门户（公开页面）": ["/", "/deputies/", "/suggestions/", "/supervision/", "/open/"],
    "公开接口（无令牌）": [
        "/api/v1/public/stations?limit=20",
        "/api/v1/public/deputies?limit=20",
        "/api/v1/public/suggestions?limit=20",
    ],
    "工作人员页面": [
        "/work/",
        "/work/suggestions/staff/",
        "/work/suggestions/list/",
        "/work/contact/",
        "/work/deputies/",
        "/work/dashboards/",
    ],
}


def _port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def county_site(tmp_path):
    db = f"renda_load_{uuid.uuid4().hex[:10]}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    subprocess.run([*psql, f"CREATE DATABASE {db}"], check=True)
    site = Site(tmp_path / "var", f"postgres://postgres@127.0.0.1:5432/{db}")
    site.var.mkdir()
    try:
        site.run("migrate", "-v0", timeout=600)
        site.run("collectstatic", "--no-input", "-v0", timeout=300)
        site.py(
            "from benchmarks.generate import ensure\nensure('county', migrate=False, out=lambda *a: None)",
            PGOPTIONS="-c synchronous_commit=off",
        )
        yield site
    finally:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {db} WITH (FORCE)"], check=False)


def _session(site: Site) -> str:
    out = site.py(
        "from benchmarks.http import signed_in_session\nfrom renda.core.models import User\n"
        "print('SESSION', signed_in_session(User.objects.get(username='bench-staff')))"
    )
    return out.split("SESSION")[-1].strip()


def _client(port: int, paths: list[str], n: int, cookie: str, results: list, lock: threading.Lock):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    mine = []
    for i in range(n):
        path = paths[i % len(paths)]
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            resp = conn.getresponse()
            resp.read()
            status = resp.status
        except OSError as exc:
            status = f"{type(exc).__name__}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine.append((path, status, time.perf_counter() - started))
    conn.close()
    with lock:
        results.extend(mine)


def test_portal_public_api_and_staff_pages_under_load_answer_every_request(county_site):
    site = county_site
    cookie = f"sessionid={_session(site)}"
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "renda.wsgi:application", "-w", "3", "-b", f"127.0.0.1:{port}",
         "--timeout", "60"],
        cwd=ROOT, env={**site.env, "PGOPTIONS": "-c synchronous_commit=off"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    report = []
    try:
        for _ in range(300):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        for group, paths in GROUPS.items():
            jar = cookie if group == "工作人员页面" else ""
            warm: list = []
            # every worker loads its URL conf and caches once before the clock starts
            _client(port, paths * 3, len(paths) * 3, jar, warm, threading.Lock())
            assert all(s == 200 for _, s, _ in warm), [(p, s) for p, s, _ in warm if s != 200]
            results: list = []
            lock = threading.Lock()
            threads = [
                threading.Thread(target=_client, args=(port, paths, PER_GROUP // CLIENTS, jar, results, lock))
                for _ in range(CLIENTS)
            ]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=300)
            wall = time.perf_counter() - started
            errors = [(p, s) for p, s, _ in results if s != 200]
            times = sorted(t for _, _, t in results)
            p95 = times[int(len(times) * 0.95) - 1] * 1000
            report.append(
                f"{group}: {len(results)} 次请求，{len(results) / wall:.1f} 次/秒，"
                f"p95 {p95:.0f} ms，中位 {statistics.median(times) * 1000:.0f} ms，错误 {len(errors)}"
            )
            assert len(results) == PER_GROUP // CLIENTS * CLIENTS, f"{group}: clients did not finish"
            assert not errors, f"{group}: {errors[:10]}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        print(
            "\n"
            + "\n".join(report)
            + f"\n（gunicorn 3 个进程，{CLIENTS} 个客户端，本机 {os.cpu_count()} 核）"
        )
