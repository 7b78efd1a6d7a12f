"""Benchmark: an API list endpoint's requests/s over HTTP vs a bare Django view returning the same JSON rows.

Both run under gunicorn (2 sync workers, renda's settings and database pool, DEBUG off) on loopback;
`hey` is the bounded load from a second process (4 connections, 3 s a run, the runs alternating with
the baseline's). Ours goes through everything a client meets: renda's middleware (session, second
factor, CSP, lockout), django-ninja, the data scope. The baseline is `benchmarks.bare`: session +
auth middleware and hand-written SQL. The same bare view behind renda's whole middleware stack is
measured too (extra `bare_renda_mw_rps`), so the gap splits into middleware and API layer.
Goal: ours ≥ 0.7 × the bare view's requests/s (testing-notes.md: ninja measured 0.87–0.92×).
"""

from __future__ import annotations

import json
import os

from benchmarks import http
from benchmarks.registry import benchmark

GOAL = 0.7
# (API path, bare view name, account): the first endpoint that exists is measured. Modules put theirs first.
ENDPOINTS = [
    ("/api/v1/bodies?limit=50", "bodies", "top_staff"),
]


def measure_first(api_path: str, bare_name: str, account: str = "top_staff") -> None:
    """A module's list endpoint (with its bare view, `@bare(bare_name)`) replaces the bodies list."""
    if (api_path, bare_name, account) not in ENDPOINTS:
        ENDPOINTS.insert(0, (api_path, bare_name, account))


def endpoint() -> tuple[str, str, str]:
    from django.urls import Resolver404, resolve

    from benchmarks.bare import VIEWS

    for api_path, bare_name, account in ENDPOINTS:
        try:
            resolve(api_path.split("?")[0])
        except Resolver404:
            continue
        if bare_name in VIEWS:
            return api_path, bare_name, account
    raise LookupError("no API endpoint to measure")


def account(name: str):
    from renda.core.models import User

    return User.objects.get(username={"top_staff": "bench-top", "county_staff": "bench-staff"}[name])


def same_rows(ours: bytes, bare: bytes) -> None:
    a, b = json.loads(ours), json.loads(bare)
    if a != b:
        raise AssertionError(f"the bare view does not return the same rows: {str(a)[:200]} ≠ {str(b)[:200]}")


@benchmark("api_list_rps", better="higher", order=10, title="API 列表接口吞吐量")
def api_list(ctx):
    from django.conf import settings
    from django.test import Client, override_settings

    api_path, bare_name, who = endpoint()
    bare_path = f"/api/bare/{bare_name}?{api_path.split('?')[1]}"
    session = http.signed_in_session(account(who))
    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    ours_runs, bare_runs, mw_runs = [], [], []
    if ctx.in_process:
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        with override_settings(ROOT_URLCONF="benchmarks.bare"):
            bare_body = client.get(bare_path).content
        same_rows(client.get(api_path).content, bare_body)
        for _ in range(ctx.repeat):
            ours_runs.append(http.in_process(client, api_path))
            with override_settings(ROOT_URLCONF="benchmarks.bare"):
                bare_runs.append(http.in_process(client, bare_path))
    else:
        port = int(os.environ.get("BENCH_PORT") or 0)  # 0: a free port of our own (never a fixed 8002)
        with (
            http.gunicorn("renda.wsgi:application", port) as ours,
            http.gunicorn("benchmarks.bare_wsgi:application") as bare,
            http.gunicorn(
                "benchmarks.bare_wsgi:application", env={"BENCH_BARE_MIDDLEWARE": "renda"}
            ) as bare_mw,
        ):
            same_rows(_get(ours.url + api_path, cookie), _get(bare.url + bare_path, cookie))
            for url in (
                ours.url + api_path,
                bare.url + bare_path,
                bare_mw.url + bare_path,
            ):  # warm pools, imports
                http.hey(url, cookie, seconds=1)
            for _ in range(ctx.repeat):  # alternate, so drift hits every side alike
                ours_runs.append(http.measured(ours, api_path, cookie, seconds=ctx.load_seconds))
                bare_runs.append(http.measured(bare, bare_path, cookie, seconds=ctx.load_seconds))
                mw_runs.append(http.measured(bare_mw, bare_path, cookie, seconds=ctx.load_seconds))
    failed = sum(r.non_2xx for r in ours_runs + bare_runs + mw_runs)
    if failed:
        raise AssertionError(f"{failed} requests did not answer 2xx")
    ours, base = http.median([r.rps for r in ours_runs]), http.median([r.rps for r in bare_runs])
    extra = {
        "endpoint": api_path,
        "baseline_endpoint": bare_path,
        "bare_renda_mw_rps": round(http.median([r.rps for r in mw_runs]), 1) if mw_runs else None,
        "p95_ms": round(http.median([r.p95_ms for r in ours_runs]), 2),
        "baseline_p95_ms": round(http.median([r.p95_ms for r in bare_runs]), 2),
        "cpu_ms_per_req": round(http.median([r.cpu_ms for r in ours_runs]), 2),
        "baseline_cpu_ms_per_req": round(http.median([r.cpu_ms for r in bare_runs]), 2),
        "bare_renda_mw_cpu_ms_per_req": round(http.median([r.cpu_ms for r in mw_runs]), 2)
        if mw_runs
        else None,
        "requests": sum(r.requests for r in ours_runs + bare_runs + mw_runs),
        "mode": "in-process" if ctx.in_process else "gunicorn 2 workers + hey -c 4",
    }
    return ours, base, GOAL, "req/s", extra


def _get(url: str, cookie: str) -> bytes:
    import urllib.request

    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.read()
