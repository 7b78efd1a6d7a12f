"""Fixed-window limits for the public API: 429 `rate_limited` when a window's allowance is used.

Two kinds:
- reads (`check(request)`, name PUBLIC: 300 a minute per address) count in this worker's memory: no round trip
  to the cache on every public read (a Redis call cost more than the query itself in `make bench`), at the
  price of a limit per worker process rather than per site — fine for reads; the proxy in front (deploy/nginx)
  holds the hard per-site limit;
- writes and code lookups (`check(..., shared=True)`: OPEN311_SUBMIT, OPEN311_TRACK, OPEN_DATA) count in
  Django's cache, shared by every worker, so guessing tracking codes is bounded site-wide.
Settings DASHBOARDS_LIMIT_<NAME> = (count, seconds) change a limit (a load test raises them).
"""

import hashlib
import threading
import time

from django.conf import settings
from django.core.cache import cache

from renda.api.auth import ApiError
from renda.core.context import client_ip

_local: dict[tuple[str, int], int] = {}
_lock = threading.Lock()
_LOCAL_MAX = 50_000  # distinct (address, window) pairs kept before the old windows are dropped


def _count_locally(ident: str, window: int) -> int:
    slot = int(time.monotonic()) // window
    key = (ident, slot)
    with _lock:
        if len(_local) > _LOCAL_MAX:
            for k in [k for k in _local if k[1] != slot]:
                del _local[k]
        used = _local.get(key, 0) + 1
        _local[key] = used
    return used


def _count_shared(ident: str, window: int) -> int:
    digest = hashlib.blake2b(ident.encode(), digest_size=12).hexdigest()
    slot = f"dash:rl:{digest}:{int(time.time()) // window}"
    try:
        return cache.incr(slot)
    except ValueError:
        return 1 if cache.add(slot, 1, timeout=window + 5) else cache.incr(slot)


def check(
    request,
    *,
    key: str | None = None,
    name: str = "PUBLIC",
    default: tuple[int, int] = (300, 60),
    shared: bool | None = None,
) -> None:
    count, window = getattr(settings, f"DASHBOARDS_LIMIT_{name}", default)
    ident = f"{name}:{key or client_ip(request) or '-'}"
    shared = name != "PUBLIC" if shared is None else shared
    used = _count_shared(ident, window) if shared else _count_locally(ident, window)
    if used > count:
        raise ApiError(429, "rate_limited", f"请求过于频繁，请 {window} 秒后再试")


def reset() -> None:
    """Tests: forget this worker's counts."""
    with _lock:
        _local.clear()
