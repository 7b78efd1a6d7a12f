"""A per-address limit on failed sign-ins that locks nobody's account (issue 14; domain.md §7.1).

django-axes locks an account after 5 failures. Locking the address as well shut out a whole county office behind
one NAT address after one person's typos, so an address is only slowed down: after `LOGIN_IP_FAILURE_LIMIT`
failures within `LOGIN_IP_WINDOW` seconds, every sign-in from it is refused until the window ends. The counter is
in Django's cache (Redis in production, shared by every worker), a fixed window opened by the first failure.
"""

import time

from django.conf import settings
from django.core.cache import cache

from .ratelimit import say_when


def _key(ip: str) -> str:
    return f"renda:login-failures:{ip}"


def _until_key(ip: str) -> str:
    return f"renda:login-failures:{ip}:until"


def note_failure(ip: str | None) -> int:
    """Count one failed sign-in from `ip`; returns the failures in the current window."""
    if not ip:
        return 0
    key = _key(ip)
    if cache.add(
        key, 0, timeout=settings.LOGIN_IP_WINDOW
    ):  # the first failure opens the window: note its end
        cache.set(_until_key(ip), time.time() + settings.LOGIN_IP_WINDOW, timeout=settings.LOGIN_IP_WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_IP_WINDOW)
        return 1


def is_limited(ip: str | None) -> bool:
    return bool(ip) and cache.get(_key(ip), 0) >= settings.LOGIN_IP_FAILURE_LIMIT


def retry_after(ip: str | None) -> int:
    """Seconds until the address's window ends (the Retry-After of the 429); the whole window if unknown."""
    window = settings.LOGIN_IP_WINDOW
    until = cache.get(_until_key(ip)) if ip else None
    if until is None:
        return window
    return max(1, min(window, int(until - time.time() + 0.999)))


def message(seconds: int | None = None) -> str:
    wait = settings.LOGIN_IP_WINDOW if seconds is None else seconds
    return say_when(
        "此网络地址的登录失败次数过多，请{wait}再试。"
        "这只是暂时限制该地址，不会锁定任何人的账号；如果多人共用同一网络出口，请稍候再登录，或联系安全管理员。",
        wait,
    )
