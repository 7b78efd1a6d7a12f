"""Per-address limit on public answers: a fixed-window counter in Django's cache.

`SURVEYS_LIMIT_ANSWER_IP = (count, seconds)` is a setting so a deployment (or the load test) can change it.
The default is generous — 60 answers per address per 10 minutes — because phones on Chinese mobile networks
share addresses (CGNAT) and a village meeting may answer from one Wi-Fi; the per-device rule is the real one.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from renda.core.errors import Refused

DEFAULT = (60, 600)


def limit() -> tuple[int, int]:
    return getattr(settings, "SURVEYS_LIMIT_ANSWER_IP", DEFAULT)


def hit_answer(ip: str | None) -> None:
    if not ip:
        return
    count, window = limit()
    digest = hashlib.sha256(f"surveys:{ip}".encode()).hexdigest()[:32]
    key = f"surveys:rl:{digest}:{int(time.time()) // window}"
    try:
        used = cache.incr(key)
    except ValueError:
        used = 1 if cache.add(key, 1, timeout=window + 5) else cache.incr(key)
    if used > count:
        raise Refused("survey_rate_limited", "提交过于频繁，请稍后再试")
