"""Benchmark: the staff home page (/work/ as the county staff member) vs the raw SQL of the same counts.

Ours is the whole page through Django's request handling in-process (renda's middleware, the session
and second factor, every registered "waiting" provider, the template). The baseline runs the
hand-written SQL of the same figures (`registry.raw_count`, one per provider figure) on one cursor.
Goal: the page costs at most 2× its counts, so the page itself stays cheap as the counts grow.
"""

from __future__ import annotations

import time

from django.http import HttpResponse
from django.utils.html import escape

from benchmarks import http
from benchmarks.bare import bare
from benchmarks.registry import RAW_COUNTS, benchmark, raw_count
from renda.core.nav import ALL_BUSINESS, waiting_for
from renda.core.roles import Role

GOAL = 2.0
REQUESTS = 30


@raw_count("未读通知", ALL_BUSINESS, mirrors="renda.notify.selectors.waiting")
def unread_notifications(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM notify_notification WHERE user_id = %s AND read_at IS NULL", [user.pk]
    )
    return cursor.fetchone()[0]


@raw_count("下一年放假安排已录入", {Role.STAFF, Role.SYSTEM_ADMIN}, mirrors="renda.core.views.home.home")
def next_year_known(cursor, user) -> bool:
    from django.utils import timezone

    year = timezone.localdate().year + 1
    cursor.execute(
        "SELECT EXISTS (SELECT 1 FROM core_calendarday WHERE date >= %s AND date < %s AND kind = 'holiday')",
        [f"{year}-01-01", f"{year + 1}-01-01"],
    )
    return cursor.fetchone()[0]


def providers(user) -> list[str]:
    """The home-page providers (core.nav.register_waiting) this user's page calls, as "module.function"."""
    from renda.core import nav

    return [f"{fn.__module__}.{fn.__qualname__}" for roles, fn in nav._WAITING if user.role in roles]


def raw_counts(user) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        return {r.label: r.fn(cursor, user) for r in RAW_COUNTS if user.role in r.roles}


@bare("home")
def bare_home(request) -> HttpResponse:
    """The baseline page: the same figures from raw SQL, in a minimal page, behind session + auth only."""
    if not request.user.is_authenticated:
        return HttpResponse("请先登录", status=401)
    rows = "".join(f"<li>{escape(k)}：{v}</li>" for k, v in raw_counts(request.user).items())
    return HttpResponse(f"<!doctype html><title>工作台</title><ul>{rows}</ul>")


class QueryCounter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


@benchmark("home_page_ms", better="lower", order=20, title="工作人员首页（含待办计数）")
def home_page(ctx):
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    from benchmarks.bare_settings import PLAIN_MIDDLEWARE as BARE_MIDDLEWARE
    from benchmarks.modules.api_list import account

    user = account("county_staff")
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = http.signed_in_session(user)
    response = client.get("/work/")
    if response.status_code != 200:
        raise AssertionError(f"/work/ answered {response.status_code}")
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get("/work/")
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=BARE_MIDDLEWARE):
        bare_client = Client(HTTP_HOST="127.0.0.1")
        bare_client.cookies[settings.SESSION_COOKIE_NAME] = session
        if bare_client.get("/api/bare/home").status_code != 200:
            raise AssertionError("the bare home page did not answer 200")
    figures = raw_counts(user)
    shown = {w.label: w.count for w in waiting_for(user)}
    differ = {k: (shown[k], figures[k]) for k in shown.keys() & figures.keys() if shown[k] != figures[k]}
    if differ:
        raise AssertionError(f"the raw SQL does not count what the page shows: {differ}")
    # A provider with no raw SQL registered makes the baseline too cheap: name it.
    unmatched = sorted(set(providers(user)) - {r.mirrors for r in RAW_COUNTS})
    requests = max(5, REQUESTS // (3 if ctx.in_process else 1))
    page_runs, bare_runs, raw_runs = [], [], []
    for _ in range(ctx.repeat):
        page_runs.append(http.in_process(client, "/work/", requests=requests))
        with override_settings(ROOT_URLCONF="benchmarks.bare", MIDDLEWARE=BARE_MIDDLEWARE):
            bare_runs.append(http.in_process(bare_client, "/api/bare/home", requests=requests))
        started = time.perf_counter()
        for _ in range(requests):
            raw_counts(user)
        raw_runs.append((time.perf_counter() - started) / requests * 1000)
    ours = http.median([1000 / r.rps for r in page_runs])
    base = http.median([1000 / r.rps for r in bare_runs])
    extra = {
        "page_p95_ms": round(http.median([r.p95_ms for r in page_runs]), 2),
        "raw_sql_only_ms": round(http.median(raw_runs), 3),
        "page_cpu_ms": round(http.median([r.cpu_ms for r in page_runs]), 2),
        "baseline_cpu_ms": round(http.median([r.cpu_ms for r in bare_runs]), 2),
        "page_queries": counter.n,
        "raw_queries": len(figures),
        "providers_without_raw_sql": ",".join(unmatched) or "none",
        "figures": ", ".join(f"{k}={v}" for k, v in figures.items()),
    }
    return ours, base, GOAL, "ms", extra
