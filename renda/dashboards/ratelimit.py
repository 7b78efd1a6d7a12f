"""A fixed-window limit per client address (or token) for the public API, in Django's cache: 429 when used up.

Settings DASHBOARDS_LIMIT_<NAME> = (count, seconds) change a limit (a load test raises them):
PUBLIC (300 a minute per address), OPEN311_SUBMIT (120 an hour per token), OPEN311_TRACK (30 in 10 minutes).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from renda.api.auth import ApiError
from renda.core.context import client_ip


def check(
    request, *, key: str | None = None, name: str = "PUBLIC", default: tuple[int, int] = (300, 60)
) -> None:
    count, window = getattr(settings, f"DASHBOARDS_LIMIT_{name}", default)
    ident = key or client_ip(request) or "-"
    digest = hashlib.blake2b(f"{name}:{ident}".encode(), digest_size=12).hexdigest()
    slot = f"dash:rl:{digest}:{int(time.time()) // window}"
    try:
        used = cache.incr(slot)
    except ValueError:
        used = 1 if cache.add(slot, 1, timeout=window + 5) else cache.incr(slot)
    if used > count:
        raise ApiError(429, "rate_limited", f"请求过于频繁，请 {window} 秒后再试")
