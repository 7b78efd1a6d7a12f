"""Serving and loading over HTTP: a signed-in session, gunicorn on loopback, `hey` as the load from a second process.

In-process mode (the smoke tests) sends the same requests through Django's test client instead.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def signed_in_session(user) -> str:
    """A session key for `user` with the second factor passed (a confirmed TOTP device, as after /work/otp/)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, name="bench").first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["otp_device_id"] = device.persistent_id
    store.create()
    return store.session_key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the master's worker processes have used so far (Linux /proc).

        On a shared machine the requests/s wander with other people's load; CPU per request does not."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.pid:  # fields[1] is the parent pid
                total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / os.sysconf("SC_CLK_TCK")


def listening_socket(port: int = 0) -> socket.socket:
    """A socket bound on 127.0.0.1:port (0: the kernel picks a free one), handed to gunicorn as `fd://`.

    Binding here, before gunicorn starts, means no other process can hold the port while it is measured: with
    a fixed port 8002 taken by someone else, gunicorn failed to bind and the benchmark measured the stranger."""
    from benchmarks.generate import BenchError

    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError as exc:
        s.close()
        raise BenchError(
            f"端口 {port} 已被其他程序占用，请换一个 BENCH_PORT 或不设置它。(port {port} is taken)"
        ) from exc
    s.listen(128)
    return s


@contextmanager
def gunicorn(app: str, port: int = 0, *, workers: int = 2, env: dict | None = None, wait: float = 180):
    """gunicorn with `workers` sync workers on 127.0.0.1 (a port of our own); waits until it answers.

    The socket is bound here and passed to gunicorn, and the server must echo this run's token on /healthz
    (renda) — a server that answers without it is not ours and the run stops.
    `wait`: on a shared machine (load average 10–15) a fresh renda took 25–30 s to answer its first request."""
    import json
    import secrets

    from benchmarks.generate import BenchError
    from benchmarks.setup import bench_env

    sock = listening_socket(port)
    port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    log = open(Path(os.environ["RENDA_VAR_DIR"]) / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "-w",
        str(workers),
        "-b",
        f"fd://{sock.fileno()}",
        "--log-level",
        "warning",
    ]
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env=bench_env({**os.environ, **(env or {}), "RENDA_INSTANCE_TOKEN": token}),
        stdout=log,
        stderr=subprocess.STDOUT,
        pass_fds=(sock.fileno(),),
    )
    sock.close()  # gunicorn holds its own copy
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=wait) as r:
                    answer = r.read()
                break
            except urllib.error.HTTPError as exc:
                answer = exc.read()
                break  # it answered
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(
                        f"gunicorn 未能启动（{app}，端口 {port}），见 {log.name}。(gunicorn did not start)"
                    ) from None
                time.sleep(0.2)
        if not app.startswith(
            "benchmarks.bare_wsgi"
        ):  # the bare baseline has no /healthz; its socket is ours
            try:
                echoed = json.loads(answer).get("instance")
            except ValueError:
                echoed = None
            if echoed != token:
                raise BenchError(
                    f"端口 {port} 上应答的不是本次启动的服务器（令牌不符），已停止测量。(not our server)"
                )
        yield Server(f"http://127.0.0.1:{port}", proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@dataclass
class Load:
    rps: float
    p95_ms: float
    requests: int
    non_2xx: int
    cpu_ms: float = float("nan")  # server CPU per request


def measured(server: Server, path: str, cookie: str, *, seconds: float) -> Load:
    """`hey` against one server, with the server's CPU per request."""
    before = server.cpu_seconds()
    load = hey(server.url + path, cookie, seconds=seconds)
    load.cpu_ms = (server.cpu_seconds() - before) * 1000 / max(load.requests, 1)
    return load


def hey(url: str, cookie: str, *, seconds: float = 5, concurrency: int = 4) -> Load:
    """A bounded load (fixed concurrency, fixed duration) from a second process: Debian's `hey`."""
    from benchmarks.generate import BenchError

    exe = shutil.which("hey")
    if not exe:
        raise BenchError(
            "找不到压测工具 hey，请先安装：apt-get install hey（make bench 会自动安装）。(hey is not installed)"
        )
    out = subprocess.run(
        [exe, "-z", f"{seconds}s", "-c", str(concurrency), "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p95 = re.search(r"95%+ in ([\d.]+) secs", out)
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)}
    ok = sum(n for c, n in codes.items() if 200 <= c < 300)
    return Load(
        rps,
        float(p95.group(1)) * 1000 if p95 else float("nan"),
        sum(codes.values()),
        sum(codes.values()) - ok,
    )


def in_process(client, path: str, *, requests: int = 20) -> Load:
    """The same measurement without a server: Django's test client, one request at a time."""
    times = []
    bad = 0
    cpu = time.process_time()
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        bad += not 200 <= response.status_code < 300
    cpu = (time.process_time() - cpu) * 1000 / requests
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    return Load(len(times) / sum(times), p95 * 1000, len(times), bad, cpu)


def median(values) -> float:
    return statistics.median(values)
