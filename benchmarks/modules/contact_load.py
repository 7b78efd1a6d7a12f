"""Benchmark `message_submit_rps`: voters' public submissions per second under a loopback load, none lost.

Issue 9 asks that public submission holds at least 100 messages/s on this 2-core machine with none lost
(every submission that was accepted is in the database afterwards).

- **Ours:** `POST /api/v1/contact/messages` (the public intake of renda/contact/api.py: per-IP rate limit,
  the offline CAPTCHA, validation, the message with its tracking code and deadline, the timeline, the
  audit chain, the keeper's notification), served by gunicorn (`WORKERS` sync workers, renda's settings).
  Every request comes from 127.0.0.1, so the server process raises `CONTACT_LIMIT_SUBMIT_IP`, the
  documented setting (renda/contact/ratelimit.py), and nothing else; renda's defaults are untouched.
- **CAPTCHA, honestly:** before the clock starts, the load process fetches one challenge per submission
  from `GET /api/v1/contact/captcha` and answers it the way tests/contact/helpers.py does (reading the
  encrypted token with the server's key); each token is used once. Their fetch rate is printed too.
- **Baseline:** `bare_submit` below, a bare Django view that inserts the same message row with plain SQL
  (no CAPTCHA, limit, timeline, audit or notification), behind the same gunicorn set-up.
- **Load:** a second process (`python -m benchmarks.modules.contact_load`) with `CONCURRENCY` threads,
  http.client, one connection per request (gunicorn's sync workers close it), a fixed number of
  submissions per run; runs alternate with the baseline's. Afterwards every tracking code that got a
  2xx answer is looked up: `lost` must be 0, or the run stops. The goal is the issue's 100 messages/s,
  written as a ratio of the bare insert measured in the same run (`goal ≥ 100 / baseline`); the bare insert
  shows what the service's CAPTCHA, limit, timeline, audit chain and notification cost on top.
In-process (the smoke tests) a few dozen submissions go through Django's test client, checked the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time

from benchmarks import http
from benchmarks.bare import bare
from benchmarks.registry import benchmark

# In-process (the smoke test) there is no HTTP load to hold: only "none lost" is checked there.
IN_PROCESS_GOAL = 0.2
FLOOR = 100.0  # messages/s (issue 9)
WORKERS = 5  # sync workers: 2 × cores + 1, so a worker waiting on the database leaves the CPUs busy
CONCURRENCY = 10  # connections from the load process: enough to keep every worker busy, bounded
PER_RUN = 300  # at most this many submissions per run and second of ctx.load_seconds
API = "/api/v1/contact/messages"
BARE_PATH = "/api/bare/contact_submit"
SUBMIT_LIMIT = 10_000_000  # CONTACT_LIMIT_SUBMIT_IP count per hour for the load test's server only
TITLES = ("小区门口路灯不亮", "村道破损需要修补", "学校门口接送拥堵", "河道有垃圾", "希望增设公交站点")


def server(limit: int = SUBMIT_LIMIT):
    """gunicorn entry of the load test's server (`benchmarks.modules.contact_load:server()`): renda's WSGI
    application with the per-IP submission limit raised through its documented setting."""
    from django.conf import settings

    from renda.wsgi import application  # sets Django up with renda.settings

    settings.CONTACT_LIMIT_SUBMIT_IP = (limit, 3600)
    return application


@bare("contact_submit")
def bare_submit(request):
    """The baseline: the same message row as a voter's submission, inserted with plain SQL."""
    from datetime import timedelta

    from django.db import connection, transaction
    from django.http import JsonResponse
    from django.utils import timezone

    from renda.contact.codes import digest, new_code
    from renda.core.crypto import encrypt

    data = json.loads(request.body)
    now, code = timezone.now(), new_code()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT body_id FROM deputies_station WHERE id = %s AND active", [data["station_id"]])
        body_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO contact_message (body_id, station_id, township_id, code_hash, channel, category, title, content, "
            "place, voter_name, phone, consent_at, status, outcome, not_accepted_reason, decision_note, hotline_ref, "
            "received_at, accept_due, rating, rating_note, reopen_count, created_at) VALUES "
            "(%s, %s, %s, %s, 'api', %s, %s, %s, %s, %s, %s, %s, 'received', '', '', '', '', %s, %s, '', '', 0, %s)",
            [
                body_id,
                data["station_id"],
                body_id,
                digest(code),
                data["category"],
                data["title"],
                data["content"],
                data.get("place", ""),
                data.get("voter_name", ""),
                encrypt(data["phone"]) if data.get("phone") else "",
                now,
                now,
                timezone.localdate(now) + timedelta(days=2),
                now,
            ],
        )
    return JsonResponse({"code": code, "status": "received", "status_url": f"/messages/t/{code}/"})


def submission(i: int, run: str, station_id: int, token: str = "", answer: str = "") -> dict:
    """One voter's message; a third leave a phone number (encrypted, and limited per phone: each is new in a run,
    `run` being four random digits)."""
    title = TITLES[i % len(TITLES)]
    return {
        "station_id": station_id,
        "category": "roads",
        "title": title,
        "content": f"{title}，已经持续一段时间，影响出行，希望有关部门尽快处理。（压测 {run}-{i}）",
        "place": "城南社区",
        "voter_name": "王先生",
        "phone": f"13{run}{i:05d}" if i % 3 == 0 else "",
        "consent": True,
        "captcha_token": token,
        "captcha_answer": answer,
    }


def solve(token: str) -> str:
    """Answer a challenge as tests/contact/helpers.py does: read the encrypted token with the server's key."""
    from django.conf import settings

    from renda.contact import captcha

    return str(json.loads(captcha._fernet(settings.SECRET_KEY).decrypt(token.encode()))["a"])


# The load process ------------------------------------------------------------------------------------------


def _load(spec: dict) -> dict:
    """Runs in the second process: fetch and answer the challenges, then time the submissions."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor

    def call(method: str, path: str, body: bytes | None = None) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", spec["port"], timeout=60)
        try:
            conn.request(
                method, path, body=body, headers={"Content-Type": "application/json"} if body else {}
            )
            response = conn.getresponse()
            return response.status, response.read(), time.perf_counter() - started
        except OSError as exc:
            return 0, str(exc).encode(), time.perf_counter() - started
        finally:
            conn.close()

    n, stations = spec["count"], spec["stations"]
    with ThreadPoolExecutor(spec["concurrency"]) as pool:
        started = time.perf_counter()
        answers = [("", "")] * n
        if spec["captcha"]:
            challenges = list(pool.map(lambda _: call("GET", "/api/v1/contact/captcha"), range(n)))
            bad = [c for c in challenges if c[0] != 200]
            if bad:
                return {"error": f"{len(bad)} challenges failed: {bad[0][0]} {bad[0][1][:200]!r}"}
            tokens = [json.loads(c[1])["token"] for c in challenges]
            answers = [(t, solve(t)) for t in tokens]
        captcha_seconds = time.perf_counter() - started
        bodies = [
            json.dumps(submission(i, spec["run"], stations[i % len(stations)], *answers[i])).encode()
            for i in range(n)
        ]
        started = time.perf_counter()
        results = list(pool.map(lambda b: call("POST", spec["path"], b), bodies))
        elapsed = time.perf_counter() - started
    ok = [json.loads(body)["code"] for status, body, _ in results if 200 <= status < 300]
    failed: dict[str, int] = {}
    for status, body, _ in results:
        if not 200 <= status < 300:
            key = f"{status} {body[:120].decode(errors='replace')}"
            failed[key] = failed.get(key, 0) + 1
    latencies = sorted(t for _, _, t in results)
    return {
        "elapsed": elapsed,
        "codes": ok,
        "failed": failed,
        "captcha_seconds": captcha_seconds,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def _main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    django.setup()
    print(json.dumps(_load(json.loads(sys.stdin.read()))))


# The benchmark ---------------------------------------------------------------------------------------------


class Run:
    def __init__(
        self,
        accepted: int,
        seconds: float,
        lost: int,
        failed: dict,
        p95_ms: float = 0.0,
        captcha_rps: float = 0.0,
        cpu_ms: float = float("nan"),
    ) -> None:
        self.accepted, self.seconds, self.lost, self.failed = accepted, seconds, lost, failed
        self.p95_ms, self.captcha_rps, self.cpu_ms = p95_ms, captcha_rps, cpu_ms

    @property
    def rps(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0


def missing(codes: list[str]) -> int:
    """How many accepted submissions are not in the database (a code answered twice counts as lost once)."""
    from renda.contact.codes import digest
    from renda.contact.models import Message

    unique = sorted(set(codes))
    found = sum(
        Message.objects.filter(code_hash__in=[digest(c) for c in unique[i : i + 500]]).count()
        for i in range(0, len(unique), 500)
    )
    return len(codes) - found


def forget(codes: list[str]) -> None:
    """Remove the load test's messages with their timelines, deadline recipes and the keepers' notifications,
    so the data set stays what the generator made. Audit entries stay: the audit log is an append-only chain."""
    from django.contrib.contenttypes.models import ContentType

    from renda.contact.codes import digest
    from renda.contact.models import Message
    from renda.core.models.deadlines import Deadline
    from renda.notify.models import Notification

    kind = ContentType.objects.get_for_model(Message)
    for i in range(0, len(codes), 500):
        hashes = [digest(c) for c in codes[i : i + 500]]
        ids = list(Message.objects.filter(code_hash__in=hashes).values_list("pk", flat=True))
        Notification.objects.filter(dedupe_key__in=[f"contact:{pk}:new" for pk in ids]).delete()
        Deadline.objects.filter(content_type=kind, object_id__in=[str(pk) for pk in ids]).delete()
        Message.objects.filter(pk__in=ids).delete()


def township_stations() -> list[int]:
    from renda.core.models import Level
    from renda.deputies.models import Station

    stations = list(
        Station.objects.filter(active=True, body__level=Level.TOWNSHIP)
        .order_by("pk")
        .values_list("pk", flat=True)[:50]
    )
    if not stations:
        raise AssertionError("no active township station to leave messages at")
    return stations


def over_http(server: http.Server, path: str, *, count: int, stations: list[int], captcha: bool) -> Run:
    from benchmarks.setup import bench_env

    spec = {
        "port": int(server.url.rsplit(":", 1)[1]),
        "path": path,
        "count": count,
        "stations": stations,
        "captcha": captcha,
        "concurrency": CONCURRENCY,
        "run": f"{secrets.randbelow(10_000):04d}",
    }
    cpu = server.cpu_seconds()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.modules.contact_load"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        cwd=http.ROOT,
        env=bench_env(),
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"the load process failed: {done.stderr[-800:]}")
    out = json.loads(done.stdout)
    if "error" in out:
        raise AssertionError(out["error"])
    codes = out["codes"]
    run = Run(
        len(codes),
        out["elapsed"],
        missing(codes),
        out["failed"],
        out["p95_ms"],
        count / out["captcha_seconds"] if captcha else 0.0,
        (server.cpu_seconds() - cpu) * 1000 / count,
    )  # per message, its challenge included
    forget(codes)
    return run


def in_process(client, path: str, *, count: int, stations: list[int], captcha: bool) -> Run:
    """The smoke tests' version: Django's test client, one submission at a time, the same checks."""
    bodies = []
    for i in range(count):
        token = client.get("/api/v1/contact/captcha").json()["token"] if captcha else ""
        bodies.append(
            submission(i, "00", stations[i % len(stations)], token, solve(token) if captcha else "")
        )
    codes, failed = [], {}
    started = time.perf_counter()
    for body in bodies:
        response = client.post(path, body, content_type="application/json")
        if response.status_code == 200:
            codes.append(response.json()["code"])
        else:
            failed[str(response.status_code)] = failed.get(str(response.status_code), 0) + 1
    run = Run(len(codes), time.perf_counter() - started, missing(codes), failed)
    forget(codes)
    return run


@benchmark("message_submit_rps", better="higher", order=45, title="选民留言提交吞吐量（回环压测，零丢失）")
def submit_rps(ctx):
    from django.test import Client, override_settings

    from benchmarks.bare_settings import PLAIN_MIDDLEWARE

    stations = township_stations()
    ours_runs: list[Run] = []
    bare_runs: list[Run] = []
    checked: list[Run] = []  # the warm-up: checked for losses, not timed
    if ctx.in_process:
        client = Client(HTTP_HOST="127.0.0.1")
        for _ in range(ctx.repeat):
            with override_settings(CONTACT_LIMIT_SUBMIT_IP=(SUBMIT_LIMIT, 3600)):
                ours_runs.append(in_process(client, API, count=30, stations=stations, captcha=True))
            with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=PLAIN_MIDDLEWARE):
                bare_runs.append(in_process(client, BARE_PATH, count=30, stations=stations, captcha=False))
    else:
        with (
            http.gunicorn("benchmarks.modules.contact_load:server()", workers=WORKERS) as ours,
            http.gunicorn("benchmarks.bare_wsgi:application", workers=WORKERS) as plain,
        ):
            checked += [
                over_http(ours, API, count=40, stations=stations, captcha=True),  # pools, imports
                over_http(plain, BARE_PATH, count=40, stations=stations, captcha=False),
            ]
            # Each side's runs last about ctx.load_seconds at its warm-up rate (a slow side does not take minutes).
            ours_n, bare_n = (
                min(max(50, int(r.rps * ctx.load_seconds)), int(PER_RUN * ctx.load_seconds)) for r in checked
            )
            for _ in range(ctx.repeat):  # alternate, so drift hits both alike
                ours_runs.append(over_http(ours, API, count=ours_n, stations=stations, captcha=True))
                bare_runs.append(over_http(plain, BARE_PATH, count=bare_n, stations=stations, captcha=False))
    every = ours_runs + bare_runs + checked
    lost = sum(r.lost for r in every)
    if lost:
        raise AssertionError(f"{lost} accepted submissions are not in the database (lost)")
    failed = {k: v for r in every for k, v in r.failed.items()}
    if failed:
        raise AssertionError(f"submissions refused or failed under load: {failed}")
    ours, base = http.median([r.rps for r in ours_runs]), http.median([r.rps for r in bare_runs])
    # The floor as a ratio: the line reads MISSED exactly when fewer than 100 messages/s were accepted.
    goal = IN_PROCESS_GOAL if ctx.in_process else FLOOR / base
    extra = {
        "endpoint": f"POST {API}",
        "baseline_endpoint": f"POST {BARE_PATH} (plain SQL insert)",
        "accepted_per_s": round(ours, 1),
        "floor_per_s": FLOOR,
        "meets_floor": ours >= FLOOR or ctx.in_process,
        "lost": lost,
        "accepted": sum(r.accepted for r in ours_runs),
        "p95_ms": round(http.median([r.p95_ms for r in ours_runs]), 1),
        "baseline_p95_ms": round(http.median([r.p95_ms for r in bare_runs]), 1),
        "cpu_ms_per_msg_with_captcha": round(http.median([r.cpu_ms for r in ours_runs]), 2),
        "baseline_cpu_ms_per_msg": round(http.median([r.cpu_ms for r in bare_runs]), 2),
        "captcha_fetch_per_s": round(http.median([r.captcha_rps for r in ours_runs]), 1),
        "mode": "in-process"
        if ctx.in_process
        else f"gunicorn {WORKERS} workers + load process, {CONCURRENCY} connections",
    }
    return ours, base, goal, "msg/s", extra


if __name__ == "__main__":
    _main()
