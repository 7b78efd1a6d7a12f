"""Per-address limit on public answers, a row for the one limiter (renda.core.ratelimit; Django's cache).

`SURVEYS_LIMIT_ANSWER_IP = (count, seconds)` is a setting so a deployment (or the load test) can change it.
The default is generous — 60 answers per address per 10 minutes — because phones on Chinese mobile networks
share addresses (CGNAT) and a village meeting may answer from one Wi-Fi; the per-device rule is the real one.
"""

from renda.core import ratelimit as core

DEFAULT = (60, 600)
ANSWER_IP = core.define(
    core.Limit(
        "surveys.answer_ip",
        *DEFAULT,
        "公开问卷答卷：每个地址",
        setting="SURVEYS_LIMIT_ANSWER_IP",
        code="survey_rate_limited",
        message="提交过于频繁，请稍后再试",
    )
)


def limit() -> tuple[int, int]:
    return ANSWER_IP.numbers()


def hit_answer(ip: str | None) -> None:
    core.hit(ANSWER_IP, ip)
