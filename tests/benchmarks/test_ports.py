"""The benchmark measures its own server, never a stranger on "its" port (issue 14 "Benchmark harness")."""

import http.server
import json
import socket
import threading
import urllib.request

import pytest

from benchmarks import http as bench_http
from benchmarks.generate import BenchError

OLD_PORT = 8002  # the port the bench used to take for granted


class Stranger(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(401)
        self.end_headers()
        self.wfile.write(b'{"detail": "not you"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def stranger():
    """Someone else's server on 8002 (or whatever already holds 8002 on this shared machine)."""
    try:
        server = http.server.HTTPServer(("127.0.0.1", OLD_PORT), Stranger)
    except OSError:
        yield OLD_PORT  # already taken by another process: the very situation of the bug
        return
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield OLD_PORT
    server.shutdown()
    server.server_close()


def test_the_bench_starts_and_measures_its_own_server_when_8002_is_taken(stranger, tmp_path, monkeypatch):
    monkeypatch.setenv("RENDA_VAR_DIR", str(tmp_path))
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}", "REDIS_URL": "", "BENCH_PORT": ""}
    with bench_http.gunicorn("renda.wsgi:application", workers=1, env=env, wait=120) as ours:
        assert not ours.url.endswith(f":{OLD_PORT}")
        with urllib.request.urlopen(ours.url + "/healthz", timeout=30) as r:  # noqa: S310  (loopback)
            assert r.status == 200 and json.loads(r.read())["instance"]


def test_a_taken_port_asked_for_explicitly_is_refused_in_chinese(stranger):
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        with pytest.raises(BenchError, match=r"端口 \d+ 已被其他程序占用"):
            bench_http.listening_socket(held.getsockname()[1])


def test_a_server_without_this_runs_token_is_not_measured(stranger, tmp_path, monkeypatch):
    """Even on a port of its own, the answering server must echo the run's token (here it does not: the
    instance token is dropped before gunicorn starts)."""
    monkeypatch.setenv("RENDA_VAR_DIR", str(tmp_path))
    import benchmarks.setup as bench_setup

    original = bench_setup.bench_env

    def without_token(base=None):
        env = original(base)
        env.pop("RENDA_INSTANCE_TOKEN", None)
        return env

    monkeypatch.setattr(bench_setup, "bench_env", without_token)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}", "REDIS_URL": ""}
    with (
        pytest.raises(BenchError, match="不是本次启动的服务器"),
        bench_http.gunicorn("renda.wsgi:application", workers=1, env=env, wait=120),
    ):
        pass
