"""One rate limiter for every public form and endpoint (issue 21 "every public form rate-limited").

A limit is data: a `Limit` row names what it counts, its allowance (count per window of seconds), the setting
a deployment (or a load test) changes it with, and the refusal — a stable code and the Chinese message. Each app
declares its rows in its own module (contact/ratelimit.py, surveys/ratelimit.py, voting/limits.py,
dashboards/ratelimit.py, duties/public ballots …); they are all listed in `REGISTRY`, which the audit test and
docs/security.md read.

Counting is a fixed window: one counter per (limit, identity, window number), refused once the window's
allowance is used. Two backends:
- shared (the default): Django's cache — Redis in production, shared by every worker, so a flood from one
  address is bounded site-wide; `core.cache.SharedClientRedisCache` falls back to each worker's memory while
  Redis is down (limits then count per worker: still limiting, a little looser; tests/core/ops/test_redis_down.py);
- local: this worker's memory, for high-volume public reads where a Redis round trip costs more than the read
  (dashboards' PUBLIC reads); the proxy in front holds the hard per-site limit.

The identity (an address, a phone, a device) is hashed before it is used in a cache key: no personal data in
Redis. An empty identity is not counted (a request without an address cannot be attributed) unless the caller
passes a placeholder. A refusal does not count further attempts beyond the window (the counter keeps rising,
but the window ends on the clock).
"""

import hashlib
import os
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .errors import Refused


@dataclass(frozen=True)
class Limit:
    """One rule: at most `count` attempts per `window` seconds per identity."""

    name: str  # stable, dotted: "contact.submit_ip"; also the cache key's prefix
    count: int
    window: int
    label: str  # what is limited, in Chinese (docs, the audit's report)
    setting: str = ""  # settings.<setting> = (count, seconds) overrides the default
    env: str = ""  # an environment variable overriding the count (the window stays): load tests
    code: str = "rate_limited"
    message: str = "提交过于频繁，请稍后再试"
    local: bool = False  # count in this worker's memory instead of the shared cache

    def numbers(self) -> tuple[int, int]:
        if self.env and os.environ.get(self.env):
            return int(os.environ[self.env]), self.window
        if self.setting:
            return tuple(getattr(settings, self.setting, (self.count, self.window)))
        return self.count, self.window


class RateLimited(Refused):
    """A limit's refusal: a `Refused` with the limit's code, the seconds until its window ends and a Chinese
    message that says when to try again. Every answer to it is a 429 with `Retry-After: <retry_after>`
    (`too_many(response, exc)` here; core.views.refusals for pages, api/urls.py for the API)."""

    status = 429

    def __init__(self, limit: Limit | None, message: str, *, retry_after: int, code: str = "") -> None:
        super().__init__(code or (limit.code if limit else "rate_limited"), message)
        self.limit = limit
        self.retry_after = retry_after


def wait_phrase(seconds: int) -> str:
    """ "30 秒后", "5 分钟后", "2 小时后": rounded up, so the visitor who waits as told is let in."""
    seconds = max(1, int(seconds))
    if seconds < 60:
        return f" {seconds} 秒后"
    if seconds < 3600:
        return f" {-(-seconds // 60)} 分钟后"
    return f" {-(-seconds // 3600)} 小时后"


def say_when(message: str, seconds: int) -> str:
    """The refusal's message with the wait in it: `{wait}` in the message is replaced ("请{wait}再试"), a
    vague "稍后" becomes the wait, and a message that says neither gets "（请 N 分钟后再试）" appended."""
    wait = wait_phrase(seconds)
    if "{wait}" in message:
        return message.replace("{wait}", wait)
    if "稍后" in message:
        return message.replace("稍后", wait, 1)
    return f"{message}（请{wait}再试）"


def too_many(response, seconds: int):
    """Mark `response` as a rate-limit answer: 429 and `Retry-After` (RFC 9110 §10.2.3, delay in seconds)."""
    response.status_code = 429
    response["Retry-After"] = str(max(1, int(seconds)))
    return response


REGISTRY: dict[str, Limit] = {}


def define(limit: Limit) -> Limit:
    """Register a limit (at import of the app's module) so it can be listed; a name is defined once."""
    known = REGISTRY.get(limit.name)
    if known is not None and known != limit:
        raise ValueError(f"rate limit {limit.name} defined twice, differently")
    REGISTRY[limit.name] = limit
    return limit


def hit(limit: Limit, ident: str | None, *, message: str | None = None) -> int:
    """Count one attempt by `ident`; raise RateLimited once the window's allowance is used. Returns the count."""
    if not ident:
        return 0
    count, window = limit.numbers()
    now = time.time()
    slot = int(now) // window
    used = (
        _count_locally(limit.name, ident, slot) if limit.local else _count_shared(limit, ident, slot, window)
    )
    if used > count:
        retry_after = max(1, min(window, (slot + 1) * window - int(now)))
        raise RateLimited(limit, say_when(message or limit.message, retry_after), retry_after=retry_after)
    return used


def _key(limit: Limit, ident: str, slot: int) -> str:
    digest = hashlib.blake2b(f"{limit.name}:{ident}".encode(), digest_size=16).hexdigest()
    return f"rl:{limit.name}:{digest}:{slot}"


def _count_shared(limit: Limit, ident: str, slot: int, window: int) -> int:
    key = _key(limit, ident, slot)
    # Counting first: once a window has started (the busy case) that is one round trip to the cache.
    try:
        return cache.incr(key)
    except ValueError:  # the window's first request (or another one started it just now)
        return 1 if cache.add(key, 1, timeout=window + 5) else cache.incr(key)


_local: dict[tuple[str, str, int], int] = {}
_lock = threading.Lock()
_LOCAL_MAX = 50_000  # distinct (limit, identity, window) counters kept before the old windows are dropped


def _count_locally(name: str, ident: str, slot: int) -> int:
    key = (name, ident, slot)
    with _lock:
        if len(_local) > _LOCAL_MAX:
            for k in [k for k in _local if k[2] != slot]:
                del _local[k]
        used = _local.get(key, 0) + 1
        _local[key] = used
    return used


def reset_local() -> None:
    """Tests: forget this worker's in-memory counts."""
    with _lock:
        _local.clear()
