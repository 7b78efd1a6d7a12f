"""Dashboards benchmarks (issue 19 "Performance").

1. `dashboard_page_ms`: the leader dashboard (/work/dashboards/ as the top body's staff member, the cached
   aggregates warm, as the 5-minute task keeps them) vs the raw SQL of its figures: every query the panels
   run to compute them, captured once and replayed on one cursor. Goal: the page ≤ 2× its figures' SQL —
   with the cache the page costs less than recomputing, however large the province.
2. `public_api_rps`: GET /api/v1/public/stations with no session (renda's middleware, ninja, the rate
   limit, the paginator) vs a bare Django view returning the same JSON rows from hand-written SQL.
   Goal: ≥ 0.8× the bare view's requests/s. Measured in-process (Django's test client) for both.
"""

from __future__ import annotations

import time
from decimal import Decimal

from benchmarks import http
from benchmarks.bare import bare, page_args
from benchmarks.registry import benchmark

PAGE_GOAL = 2.0
API_GOAL = 0.8
REQUESTS = 20

_STATIONS_COUNT = "SELECT COUNT(*) FROM deputies_station WHERE active"
_STATIONS_SQL = """
SELECT s.id, s.name, s.kind, b.short_name, b.name, s.address, s.opening_hours, s.phone, s.latitude, s.longitude,
       (SELECT COUNT(*) FROM deputies_station_members sm WHERE sm.station_id = s.id)
FROM deputies_station s JOIN core_body b ON b.id = s.body_id
WHERE s.active
ORDER BY b.path, s.name, s.id
LIMIT %s OFFSET %s
"""


def _dec(value) -> str | None:
    if value is None:
        return None
    return str(value if isinstance(value, Decimal) else Decimal(str(value)).quantize(Decimal("0.000001")))


@bare("public_stations")
def bare_public_stations(request):
    """The same rows as GET /api/v1/public/stations (no session), by hand."""
    from django.db import connection
    from django.http import JsonResponse

    from renda.deputies.choices import StationKind

    limit, offset = page_args(request)
    kinds = dict(StationKind.choices)
    with connection.cursor() as cursor:
        cursor.execute(_STATIONS_COUNT)
        count = cursor.fetchone()[0]
        cursor.execute(_STATIONS_SQL, [limit, offset])
        rows = cursor.fetchall()
    items = [
        {
            "id": r[0],
            "name": r[1],
            "kind": kinds.get(r[2], r[2]),
            "body": r[3] or r[4],
            "address": r[5],
            "opening_hours": r[6],
            "phone": r[7],
            "latitude": _dec(r[8]),
            "longitude": _dec(r[9]),
            "deputies": r[10],
        }
        for r in rows
    ]
    return JsonResponse({"count": count, "items": items})


class Capture:
    def __init__(self) -> None:
        self.queries: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append((sql, params))
        return execute(sql, params, many, context)


def _figure_sql(user) -> list[tuple[str, tuple]]:
    """Every query the cached panels run to compute their figures for `user`, this year."""
    from django.db import connection
    from django.utils import timezone

    from renda.dashboards import aggregates, panels

    ctx = aggregates.context_for(user, year=timezone.localdate().year)
    cap = Capture()
    with connection.execute_wrapper(cap):
        for p in panels.for_user(user):
            if p.cached:
                aggregates.compute(ctx, p)
    return cap.queries


def _replay(queries) -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            cursor.fetchall()
    return (time.perf_counter() - started) * 1000


@benchmark("dashboard_page_ms", better="lower", order=60, title="领导数据看板（缓存汇总）")
def dashboard_page(ctx):
    from django.conf import settings
    from django.test import Client

    from benchmarks.modules.api_list import account
    from renda.dashboards import aggregates

    user = account("top_staff")
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = http.signed_in_session(user)
    aggregates.refresh()  # what the periodic task keeps warm
    if (status := client.get("/work/dashboards/").status_code) != 200:
        raise AssertionError(f"/work/dashboards/ answered {status}")
    queries = _figure_sql(user)
    requests = max(3, REQUESTS // (4 if ctx.in_process else 1))
    page_runs, raw_runs = [], []
    for _ in range(ctx.repeat):
        page_runs.append(http.in_process(client, "/work/dashboards/", requests=requests))
        raw_runs.append(http.median([_replay(queries) for _ in range(max(1, requests // 4))]))
    ours = http.median([1000 / r.rps for r in page_runs])
    base = http.median(raw_runs)
    extra = {
        "figure_queries": len(queries),
        "page_p95_ms": round(http.median([r.p95_ms for r in page_runs]), 2),
        "uncached_compute_ms": round(base, 2),
    }
    return ours, base, PAGE_GOAL, "ms", extra


@benchmark("public_api_rps", better="higher", order=61, title="公开数据接口吞吐量（无会话）")
def public_api(ctx):
    import json

    from django.test import Client, override_settings

    from benchmarks.bare_settings import PLAIN_MIDDLEWARE as BARE_MIDDLEWARE

    path = "/api/v1/public/stations?limit=20"
    with override_settings(DASHBOARDS_LIMIT_PUBLIC=(10**9, 60)):
        client = Client(HTTP_HOST="127.0.0.1")
        ours_body = client.get(path).content
        with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=BARE_MIDDLEWARE):
            bare_body = client.get("/api/bare/public_stations?limit=20").content
        if json.loads(ours_body) != json.loads(bare_body):
            raise AssertionError(
                f"the bare view does not return the same rows: {ours_body[:200]} ≠ {bare_body[:200]}"
            )
        requests = max(10, 60 // (3 if ctx.in_process else 1))
        ours_runs, bare_runs = [], []
        for _ in range(ctx.repeat):
            ours_runs.append(http.in_process(client, path, requests=requests))
            with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=BARE_MIDDLEWARE):
                bare_runs.append(
                    http.in_process(client, "/api/bare/public_stations?limit=20", requests=requests)
                )
    ours = http.median([r.rps for r in ours_runs])
    base = http.median([r.rps for r in bare_runs])
    return ours, base, API_GOAL, "req/s", {"rows": len(json.loads(ours_body)["items"])}
