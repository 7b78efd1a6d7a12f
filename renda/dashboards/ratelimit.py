"""Limits of the public API, as rows for the one limiter (renda.core.ratelimit): 429 `rate_limited` when a
window's allowance is used.

Two kinds:
- reads (`check(request)`, name PUBLIC: 300 a minute per address) count in this worker's memory: no round trip
  to the cache on every public read (a Redis call cost more than the query itself in `make bench`), at the
  price of a limit per worker process rather than per site — fine for reads; the proxy in front (deploy/nginx)
  holds the hard per-site limit;
- writes and code lookups (`check(..., shared=True)`: OPEN311_SUBMIT, OPEN311_TRACK, OPEN_DATA) count in
  Django's cache, shared by every worker, so guessing tracking codes is bounded site-wide.
Settings DASHBOARDS_LIMIT_<NAME> = (count, seconds) change a limit (a load test raises them).
"""

from renda.api.auth import ApiError
from renda.core import ratelimit as core
from renda.core.context import client_ip

LABELS = {
    "PUBLIC": "公开数据接口读取：每个地址（每个进程）",
    "OPEN311_SUBMIT": "Open311 提交留言：每个集成令牌",
    "OPEN311_TRACK": "Open311 凭查询码查询：每个地址",
    "OPEN_DATA": "开放数据下载：每个地址",
}
DEFAULTS = {
    "PUBLIC": (300, 60),
    "OPEN311_SUBMIT": (120, 3600),
    "OPEN311_TRACK": (30, 600),
    "OPEN_DATA": (60, 60),
}


def _row(name: str, default: tuple[int, int], shared: bool) -> core.Limit:
    return core.define(
        core.Limit(
            f"dashboards.{name.lower()}",
            *default,
            LABELS.get(name, name),
            setting=f"DASHBOARDS_LIMIT_{name}",
            local=not shared,
        )
    )


LIMITS = {name: _row(name, default, name != "PUBLIC") for name, default in DEFAULTS.items()}


def check(
    request,
    *,
    key: str | None = None,
    name: str = "PUBLIC",
    default: tuple[int, int] = (300, 60),
    shared: bool | None = None,
) -> None:
    shared = name != "PUBLIC" if shared is None else shared
    row = LIMITS.get(name)
    if row is None or (row.count, row.window) != tuple(default) or row.local == shared:
        row = LIMITS[name] = _row(name, default, shared)
    try:
        core.hit(row, key or client_ip(request) or "-")
    except core.RateLimited as exc:
        message = core.say_when("请求过于频繁，请{wait}再试", exc.retry_after)
        raise ApiError(429, "rate_limited", message, retry_after=exc.retry_after) from exc


def reset() -> None:
    """Tests: forget this worker's counts."""
    core.reset_local()
