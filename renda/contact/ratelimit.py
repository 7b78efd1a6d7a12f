"""Fixed-window counters in Django's cache (Redis in production, local memory embedded).

Limits are settings so a deployment (or a load test) can change them:
CONTACT_LIMIT_SUBMIT_IP, CONTACT_LIMIT_SUBMIT_PHONE, CONTACT_LIMIT_TRACK_IP = (count, seconds).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from renda.core.errors import Refused

DEFAULTS = {
    "SUBMIT_IP": (10, 3600),
    "SUBMIT_PHONE": (5, 86400),
    "TRACK_IP": (30, 600),
    "RATE_IP": (10, 3600),
}


def limit(name: str) -> tuple[int, int]:
    return getattr(settings, f"CONTACT_LIMIT_{name}", DEFAULTS[name])


def _key(name: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(f"{name}:{ident}".encode()).hexdigest()[:32]
    return f"contact:rl:{name}:{digest}:{int(time.time()) // window}"


def hit(name: str, ident: str, *, message: str) -> None:
    """Count one attempt; refuse (without counting further) once the window's allowance is used."""
    if not ident:
        return
    count, window = limit(name)
    key = _key(name, ident, window)
    # Counting first: once a window has started (the busy case) that is one round trip to the cache.
    try:
        used = cache.incr(key)
    except ValueError:  # the window's first request (or another one started it just now)
        used = 1 if cache.add(key, 1, timeout=window + 5) else cache.incr(key)
    if used > count:
        raise Refused("contact_rate_limited", message)


def check_submit(ip: str, phone: str = "") -> None:
    hit("SUBMIT_IP", ip, message="提交过于频繁，请稍后再试")
    if phone:
        hit("SUBMIT_PHONE", phone, message="该手机号今天提交的留言已达上限，请明天再试或到联络站当面反映")


def check_track(ip: str) -> None:
    hit("TRACK_IP", ip, message="查询过于频繁，请 10 分钟后再试")
