import time

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check(fn) -> dict:
    started = time.perf_counter()
    try:
        detail = fn()
    except Exception as exc:  # a health check reports every failure instead of raising
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:200]}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1), **(detail or {})}


def _database():
    with connection.cursor() as cur:
        cur.execute("SELECT 1")
        cur.fetchone()
    return {"vendor": connection.vendor}


def _cache():
    cache.set("renda:healthz", "1", 10)
    if cache.get("renda:healthz") != "1":
        raise RuntimeError("cache did not return the value just written")
    from django.conf import settings

    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def _queue():
    from huey.contrib.djhuey import HUEY

    return {"backend": type(HUEY).__name__, "pending": HUEY.pending_count()}


@login_not_required
@never_cache
def healthz(request):
    checks = {"database": _check(_database), "cache": _check(_cache), "task_queue": _check(_queue)}
    ok = all(c["ok"] for c in checks.values())
    body = {"status": "ok" if ok else "error", "checks": checks}
    # `make bench` starts its servers with a per-run token and checks it here, so it never measures a stranger
    # that happens to answer on the same port (issue 14). Unset outside the benchmarks.
    import os

    if os.environ.get("RENDA_INSTANCE_TOKEN"):
        body["instance"] = os.environ["RENDA_INSTANCE_TOKEN"]
    return JsonResponse(body, status=200 if ok else 503)
