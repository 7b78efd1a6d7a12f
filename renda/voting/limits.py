"""Rate limits of the public ballot (issue 16 "one per public device with rate limits and no account").

Fixed-window counters in Django's cache. A hall's phones often share one address (the venue's Wi-Fi), so
the per-address limit is on *new devices* and generous; the per-device limit is on attempts. Both are
settings (VOTING_LIMIT_DEVICE, VOTING_LIMIT_NEW_DEVICES_PER_IP = (count, seconds)), and the environment
variable RENDA_VOTING_NEW_DEVICES_PER_IP overrides the second (a load test from one address).
"""

import hashlib
import os
import time

from django.conf import settings
from django.core.cache import cache

from renda.core.errors import Refused

DEFAULTS = {"DEVICE": (5, 60), "NEW_DEVICES_PER_IP": (3000, 3600)}


def limit(name: str) -> tuple[int, int]:
    if name == "NEW_DEVICES_PER_IP" and os.environ.get("RENDA_VOTING_NEW_DEVICES_PER_IP"):
        return int(os.environ["RENDA_VOTING_NEW_DEVICES_PER_IP"]), 3600
    return getattr(settings, f"VOTING_LIMIT_{name}", DEFAULTS[name])


def hit(name: str, ident: str, *, code: str, message: str) -> None:
    count, window = limit(name)
    digest = hashlib.sha256(f"{name}:{ident}".encode()).hexdigest()[:32]
    key = f"voting:rl:{name}:{digest}:{int(time.time()) // window}"
    try:
        used = cache.incr(key)
    except ValueError:
        used = 1 if cache.add(key, 1, timeout=window + 5) else cache.incr(key)
    if used > count:
        raise Refused(code, message)


def device_attempt(device_hash: str) -> None:
    hit("DEVICE", device_hash, code="rate_limited", message="操作过于频繁，请一分钟后再试")


def device_issue(ip: str) -> None:
    hit("NEW_DEVICES_PER_IP", ip or "-", code="rate_limited", message="该网络新接入的设备过多，请稍后再试")


def new_device(ip: str) -> str:
    """A fresh device token, signed so a client cannot make its own: one per phone, under the per-address
    limit on new devices."""
    import uuid

    from django.core import signing

    device_issue(ip)
    return signing.dumps(uuid.uuid4().hex, salt="voting-device")


def read_device(token: str) -> str | None:
    from django.core import signing

    try:
        return signing.loads(token, salt="voting-device", max_age=86400 * 30)
    except signing.BadSignature:
        return None
