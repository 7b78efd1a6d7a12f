"""`renda serve` refuses a production start that lacks what domain.md §7.1 and docs/deploy.md require."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from renda.core.ops.requirements import default_workers, problems

from .conftest import KEY, ROOT

FULL = {
    "SECRET_KEY": "p" * 50,
    "FIELD_ENCRYPTION_KEY": KEY,
    "DATABASE_URL": "postgres://renda@db/renda",
    "ALLOWED_HOSTS": "renda.example.gov.cn",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_a_complete_production_environment_has_no_problem():
    assert problems(FULL) == []


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"SECRET_KEY": ""}, "未设置 SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY 太短"),
        ({"FIELD_ENCRYPTION_KEY": ""}, "未设置 FIELD_ENCRYPTION_KEY"),
        ({"FIELD_ENCRYPTION_KEY": "not-a-key"}, "FIELD_ENCRYPTION_KEY 格式错误"),
        ({"DATABASE_URL": "sqlite:///var/renda.sqlite3"}, "不是 PostgreSQL"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"DEBUG": "1"}, "DEBUG 已打开"),
        ({"RENDA_DEMO": "1"}, "RENDA_DEMO"),
        ({"REDIS_URL": ""}, "REDIS_URL"),
        ({"FIELD_ENCRYPTION_OLD_KEYS": KEY}, "FIELD_LOOKUP_KEY"),
    ],
)
def test_each_missing_requirement_is_named_in_chinese(change, says):
    found = problems({**FULL, **change})
    assert len(found) == 1 and says in found[0]


def test_sqlite_is_allowed_for_a_small_office_only_when_asked_for_and_with_one_worker():
    small = {
        **FULL,
        "DATABASE_URL": "sqlite:///x",
        "RENDA_ALLOW_SQLITE": "1",
        "REDIS_URL": "",
        "WEB_CONCURRENCY": "1",
    }
    assert problems(small) == []


def test_default_workers_follow_the_cores():
    assert default_workers(2) == 5 and default_workers(64) == 17


def test_serve_refuses_to_start_without_a_secret_key(new_site):
    site = new_site()
    result = site.run("serve", "--check", check=False, SECRET_KEY="")
    assert result.returncode != 0
    assert "拒绝启动" in result.stderr or "SECRET_KEY" in result.stderr


def test_serve_refuses_while_migrations_are_pending(new_site):
    site = new_site()
    result = site.run("serve", "--check", check=False, REDIS_URL="redis://127.0.0.1:6379/9")
    assert result.returncode != 0 and "renda upgrade" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_gunicorn_workers_and_the_task_consumer_then_stops_both(new_site):
    site = new_site()
    site.run("migrate", "-v0")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        cwd=ROOT,
        env={**site.env, "REDIS_URL": "redis://127.0.0.1:6379/9"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        body = ""
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    body = resp.read().decode()
                    break
            except OSError:
                time.sleep(0.25)
        assert "ok" in body.lower()
        children = subprocess.run(
            ["pgrep", "-f", "-g", str(proc.pid), "run_huey|gunicorn"], capture_output=True, text=True
        )
        names = subprocess.run(
            ["ps", "-o", "args=", "-g", str(proc.pid)], capture_output=True, text=True
        ).stdout
        assert "run_huey" in names and names.count("gunicorn") >= 3  # the arbiter and two workers
        assert children.returncode == 0
    finally:
        proc.send_signal(signal.SIGTERM)
        out = proc.communicate(timeout=60)[0].decode()
    assert proc.returncode == 0, out
    left = subprocess.run(
        ["ps", "-o", "pid=", "-g", str(proc.pid)], capture_output=True, text=True
    ).stdout.split()
    assert left == [], f"processes left behind: {left}"
    assert os.path.exists(site.var / "staticfiles")
