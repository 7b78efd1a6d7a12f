"""Benchmark `survey_public_answers`: 10,000 public survey answers within 60 s on loopback, none lost (issue 18).

- **Ours:** `POST /api/v1/surveys/public/{slug}/responses` (renda/surveys/api.py: the per-address limit, the
  signed device token checked and hashed, the survey's open/close times, every answer checked against the
  compiled questions — a township, an age group, a multiple choice of up to 3, a 1–5 rating, a 4-report matrix,
  free text on a third — then the participation row and the answer-set row in one transaction), served by
  gunicorn with `WORKERS` sync workers (several app processes) and renda's production settings. All requests
  come from 127.0.0.1, so the server process raises `SURVEYS_LIMIT_ANSWER_IP` (the documented setting,
  renda/surveys/ratelimit.py) and nothing else.
- **Device tokens, honestly:** one per answer, minted by the load process before the clock starts with the
  server's key, exactly as the answer page mints them (`services.new_device_token`); each is used once.
- **Baseline:** `bare_survey_answer` below, a bare Django view that inserts the same two rows with plain SQL
  (no schema, limit, token, time or answer checks), behind the same gunicorn set-up, in the same run.
- **Load:** a second process (`python -m benchmarks.modules.surveys`) with `CONCURRENCY` threads, http.client,
  one connection per request. A fresh survey per run, so afterwards the rows are counted exactly: every 2xx
  answer must be in the database (`lost` = 0) and nothing else (`extra` = 0), or the run stops.
- **Goal:** the issue's 10,000 answers in 60 s (166.7 answers/s), written as a ratio of the bare insert in the
  same run (`goal ≥ FLOOR / baseline`), so the line reads MISSED exactly when the floor was missed.
In-process (the smoke tests) a few dozen answers go through Django's test client, checked the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from benchmarks import http
from benchmarks.bare import bare
from benchmarks.registry import benchmark

COUNT = 10_000  # answers per timed run (issue 18)
SECONDS = 60.0
FLOOR = COUNT / SECONDS
WORKERS = (
    8  # sync workers: the answer waits on PostgreSQL most of its time (profiled), so more than 2 × cores + 1
)
CONCURRENCY = 16
ANSWER_LIMIT = 10_000_000
TEXTS = (
    "希望增加公交班次",
    "老旧小区改造要加快",
    "农村饮水要保障",
    "学校门口交通拥堵",
    "希望多建养老服务中心",
)


def server(limit: int = ANSWER_LIMIT):
    """gunicorn entry (`benchmarks.modules.surveys:server()`): renda's WSGI app, the per-address limit raised."""
    from django.conf import settings

    from renda.wsgi import application

    settings.SURVEYS_LIMIT_ANSWER_IP = (limit, 3600)
    return application


@bare("survey_answer")
def bare_survey_answer(request):
    """The baseline: the same participation and answer-set rows, inserted with plain SQL."""
    import hashlib
    import uuid

    from django.db import connection, transaction
    from django.http import JsonResponse
    from django.utils import timezone

    data = json.loads(request.body)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM surveys_survey WHERE slug = %s", [data["slug"]])
        sid = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO surveys_participation (survey_id, device_hash, channel, at) VALUES (%s, %s, 'online', %s)",
            [sid, hashlib.sha256(data["device_token"].encode()).hexdigest(), timezone.now()],
        )
        cursor.execute(
            "INSERT INTO surveys_response (id, survey_id, answers, channel) VALUES (%s, %s, %s, 'online')",
            [uuid.uuid4().hex, sid, json.dumps(data["answers"])],
        )
    return JsonResponse({"ok": True, "message": "提交成功"})


def make_survey(title: str):
    """A public survey like the demo's livelihood survey, published, owned by a staff member of the data set."""
    from renda.core.models import Body, BodyKind, User
    from renda.core.roles import Role
    from renda.surveys import services
    from renda.surveys.models import Kind

    body = Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).order_by("id").first()
    staff = User.objects.filter(role=Role.STAFF, body=body).order_by("id").first()
    if staff is None:
        staff = User.objects.create(username=f"bench-surveys-{body.pk}", role=Role.STAFF, body=body)
    s = services.create_survey(services.Settings(title=title, audience="public"), body=body, by=staff)
    towns = tuple(f"第{i}镇" for i in range(1, 16))
    services.add_question(s, services.QuestionIn(kind=Kind.SINGLE, text="居住乡镇", options=towns), by=staff)
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.SINGLE, text="年龄", options=("18岁以下", "18–35岁", "36–59岁", "60岁及以上")
        ),
        by=staff,
    )
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MULTIPLE, text="最关心的项目", options=tuple("甲乙丙丁戊己庚辛"), max_choices=3
        ),
        by=staff,
    )
    services.add_question(s, services.QuestionIn(kind=Kind.RATING, text="总体评价", scale="five"), by=staff)
    services.add_question(
        s,
        services.QuestionIn(
            kind=Kind.MATRIX, text="四个报告", rows=("常委会", "政府", "法院", "检察院"), scale="sat3"
        ),
        by=staff,
    )
    services.add_question(s, services.QuestionIn(kind=Kind.TEXT, text="建议", required=False), by=staff)
    return services.publish(s, by=staff)


def shape(survey) -> list[dict]:
    from renda.surveys.definition import compile_

    return [
        {"id": q.id, "kind": q.kind, "options": [o[0] for o in q.options], "rows": [r[0] for r in q.rows]}
        for q in compile_(survey).questions
    ]


def answer(i: int, questions: list[dict]) -> dict:
    out: dict = {}
    for k, q in enumerate(questions):
        opts = q["options"]
        if q["kind"] in ("single", "rating"):
            out[str(q["id"])] = opts[(i * 7 + k) % len(opts)]
        elif q["kind"] == "multiple":
            out[str(q["id"])] = sorted({opts[i % len(opts)], opts[(i * 3 + 1) % len(opts)]})
        elif q["kind"] == "matrix":
            out[str(q["id"])] = {str(r): opts[(i + j) % len(opts)] for j, r in enumerate(q["rows"])}
        elif i % 3 == 0:
            out[str(q["id"])] = TEXTS[i % len(TEXTS)]
    return out


# The load process ------------------------------------------------------------------------------------------


def _load(spec: dict) -> dict:
    import http.client
    from concurrent.futures import ThreadPoolExecutor

    from renda.surveys.services import new_device_token

    def call(body: bytes) -> tuple[int, bytes, float]:
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", spec["port"], timeout=60)
        try:
            conn.request("POST", spec["path"], body=body, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            return response.status, response.read(), time.perf_counter() - started
        except OSError as exc:
            return 0, str(exc).encode(), time.perf_counter() - started
        finally:
            conn.close()

    n, questions = spec["count"], spec["questions"]
    bodies = [
        json.dumps(
            {"slug": spec["slug"], "answers": answer(i, questions), "device_token": new_device_token()}
        ).encode()
        for i in range(n)
    ]
    with ThreadPoolExecutor(spec["concurrency"]) as pool:
        started = time.perf_counter()
        results = list(pool.map(call, bodies))
        elapsed = time.perf_counter() - started
    failed: dict[str, int] = {}
    for status, body, _ in results:
        if not 200 <= status < 300:
            key = f"{status} {body[:120].decode(errors='replace')}"
            failed[key] = failed.get(key, 0) + 1
    latencies = sorted(t for _, _, t in results)
    return {
        "elapsed": elapsed,
        "accepted": sum(1 for s, _, _ in results if 200 <= s < 300),
        "failed": failed,
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
        stored: int,
        failed: dict,
        p95_ms: float = 0.0,
        cpu_ms=float("nan"),
    ):
        self.accepted, self.seconds, self.stored, self.failed = accepted, seconds, stored, failed
        self.p95_ms, self.cpu_ms = p95_ms, cpu_ms

    @property
    def rps(self) -> float:
        return self.accepted / self.seconds if self.seconds else 0.0

    @property
    def lost(self) -> int:
        return max(0, self.accepted - self.stored)

    @property
    def extra(self) -> int:
        return max(0, self.stored - self.accepted)


def stored(survey) -> int:
    """Answer sets in the database; a participation without its answer set (or the reverse) is a loss."""
    from renda.surveys.models import Participation, Response

    return min(
        Participation.objects.filter(survey=survey).count(), Response.objects.filter(survey=survey).count()
    )


def over_http(server: http.Server, path: str, *, count: int, label: str) -> Run:
    from benchmarks.setup import bench_env

    survey = make_survey(f"压测问卷 {label}")
    spec = {
        "port": int(server.url.rsplit(":", 1)[1]),
        "path": path.format(slug=survey.slug),
        "slug": survey.slug,
        "count": count,
        "questions": shape(survey),
        "concurrency": CONCURRENCY,
    }
    cpu = server.cpu_seconds()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.modules.surveys"],
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
    run = Run(
        out["accepted"],
        out["elapsed"],
        stored(survey),
        out["failed"],
        out["p95_ms"],
        (server.cpu_seconds() - cpu) * 1000 / count,
    )
    survey.delete()  # the data set stays what the generator made (audit entries stay: append-only)
    return run


def in_process(client, path: str, *, count: int) -> Run:
    from renda.surveys.services import new_device_token

    survey = make_survey("压测问卷（进程内）")
    questions = shape(survey)
    ok, failed = 0, {}
    started = time.perf_counter()
    for i in range(count):
        body = {"slug": survey.slug, "answers": answer(i, questions), "device_token": new_device_token()}
        r = client.post(path.format(slug=survey.slug), json.dumps(body), content_type="application/json")
        if r.status_code == 200:
            ok += 1
        else:
            failed[str(r.status_code)] = failed.get(str(r.status_code), 0) + 1
    run = Run(ok, time.perf_counter() - started, stored(survey), failed)
    survey.delete()
    return run


API = "/api/v1/surveys/public/{slug}/responses"
BARE_PATH = "/api/bare/survey_answer"


@benchmark("survey_public_answers", better="higher", order=46, title="公开问卷提交（1 万份 60 秒内，零丢失）")
def public_answers(ctx):
    from django.test import Client, override_settings

    from benchmarks.bare_settings import PLAIN_MIDDLEWARE

    ours_runs: list[Run] = []
    bare_runs: list[Run] = []
    checked: list[Run] = []
    if ctx.in_process:
        client = Client(HTTP_HOST="127.0.0.1")
        for _ in range(ctx.repeat):
            with override_settings(SURVEYS_LIMIT_ANSWER_IP=(ANSWER_LIMIT, 3600)):
                ours_runs.append(in_process(client, API, count=30))
            with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=PLAIN_MIDDLEWARE):
                bare_runs.append(in_process(client, BARE_PATH, count=30))
    else:
        with (
            http.gunicorn("benchmarks.modules.surveys:server()", workers=WORKERS) as ours,
            http.gunicorn("benchmarks.bare_wsgi:application", workers=WORKERS) as plain,
        ):
            checked += [
                over_http(ours, API, count=100, label="warm-up"),
                over_http(plain, BARE_PATH, count=100, label="warm-up bare"),
            ]
            for k in range(ctx.repeat):  # alternate, so drift hits both alike
                ours_runs.append(over_http(ours, API, count=COUNT, label=f"ours {k}"))
                bare_runs.append(over_http(plain, BARE_PATH, count=COUNT, label=f"bare {k}"))
    every = ours_runs + bare_runs + checked
    lost, extra = sum(r.lost for r in every), sum(r.extra for r in every)
    if lost or extra:
        raise AssertionError(f"{lost} accepted answers are not in the database, {extra} stored without a 2xx")
    failed = {k: v for r in every for k, v in r.failed.items()}
    if failed:
        raise AssertionError(f"answers refused or failed under load: {failed}")
    ours, base = http.median([r.rps for r in ours_runs]), http.median([r.rps for r in bare_runs])
    goal = 0.2 if ctx.in_process else FLOOR / base
    extra_out = {
        "endpoint": f"POST {API}",
        "baseline_endpoint": f"POST {BARE_PATH} (plain SQL insert)",
        "answers_per_run": ours_runs[0].accepted if ours_runs else 0,
        "seconds_for_10000": round(COUNT / ours, 1) if ours else None,
        "answers_per_s": round(ours, 1),
        "floor_per_s": round(FLOOR, 1),
        "meets_floor": ours >= FLOOR or ctx.in_process,
        "lost": lost,
        "p95_ms": round(http.median([r.p95_ms for r in ours_runs]), 1),
        "baseline_p95_ms": round(http.median([r.p95_ms for r in bare_runs]), 1),
        "cpu_ms_per_answer": round(http.median([r.cpu_ms for r in ours_runs]), 2),
        "baseline_cpu_ms_per_answer": round(http.median([r.cpu_ms for r in bare_runs]), 2),
        "mode": "in-process"
        if ctx.in_process
        else f"gunicorn {WORKERS} workers + load process, {CONCURRENCY} connections",
    }
    return ours, base, goal, "answers/s", extra_out


if __name__ == "__main__":
    _main()
