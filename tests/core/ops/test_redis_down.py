"""Redis stopped: pages still work (issue 21 "Faults"). The cache falls back to the worker's own memory —
figures are computed again, rate limits count per worker — and Redis is used again once it is back."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from renda.core import cache as renda_cache
from renda.core.cache import SharedClientRedisCache

pytestmark = pytest.mark.django_db


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_redis(port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


def test_a_redis_outage_falls_back_to_memory_and_recovers(monkeypatch):
    monkeypatch.setattr(renda_cache, "RETRY_AFTER", 0.2)
    port = _port()
    redis = _start_redis(port)
    c = SharedClientRedisCache(f"redis://127.0.0.1:{port}/0", {})
    try:
        c.set("k", "in redis", 30)
        assert c.get("k") == "in redis"
        redis.kill()
        redis.wait()
        started = time.monotonic()
        assert c.get("k") is None  # a miss, not an error: the figure is computed again
        c.set("k", "in memory", 30)
        assert c.get("k") == "in memory"
        assert c.add("n", 1, 30) and c.incr("n") == 2  # rate-limit counters keep counting
        assert time.monotonic() - started < 3  # short socket timeouts: no page hangs on a dead Redis
        redis = _start_redis(port)
        time.sleep(0.3)
        c.set("k", "back in redis", 30)
        assert c._cache.get_client().get(c.make_key("k")) is not None
    finally:
        redis.kill()


def test_pages_sign_in_and_public_forms_work_with_redis_stopped(client, staff, county):
    dead = _port()  # nothing listens here
    caches = {
        "default": {
            "BACKEND": "renda.core.cache.SharedClientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{dead}/0",
        }
    }
    with override_settings(CACHES=caches):
        assert cache.get("anything") is None
        assert client.get("/").status_code == 200
        assert client.get(reverse("contact_public:new")).status_code == 200
        staff.set_password("Right-pass-2026")
        staff.save()
        wrong = client.post(reverse("core:login"), {"username": "staff", "password": "wrong-pass"})
        assert wrong.status_code == 200 and "用户名或密码" in wrong.content.decode()
        right = client.post(reverse("core:login"), {"username": "staff", "password": "Right-pass-2026"})
        assert right.status_code == 302
