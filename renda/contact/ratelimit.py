"""The voter's side's rate limits, as rows for the one limiter (renda.core.ratelimit).

Counted in Django's cache (Redis in production, shared by every worker; local memory embedded). Each limit is
a setting so a deployment (or a load test) can change it: CONTACT_LIMIT_SUBMIT_IP, CONTACT_LIMIT_SUBMIT_PHONE,
CONTACT_LIMIT_TRACK_IP, CONTACT_LIMIT_RATE_IP = (count, seconds).
"""

from renda.core import ratelimit as core

DEFAULTS = {
    "SUBMIT_IP": (10, 3600),
    "SUBMIT_PHONE": (5, 86400),
    "TRACK_IP": (30, 600),
    "RATE_IP": (10, 3600),
}
LABELS = {
    "SUBMIT_IP": "选民留言：每个地址",
    "SUBMIT_PHONE": "选民留言：每个手机号",
    "TRACK_IP": "凭查询码查询进度：每个地址",
    "RATE_IP": "选民评价答复：每个地址",
}
LIMITS = {
    name: core.define(
        core.Limit(
            f"contact.{name.lower()}",
            count,
            window,
            LABELS[name],
            setting=f"CONTACT_LIMIT_{name}",
            code="contact_rate_limited",
        )
    )
    for name, (count, window) in DEFAULTS.items()
}


def limit(name: str) -> tuple[int, int]:
    return LIMITS[name].numbers()


def hit(name: str, ident: str, *, message: str) -> None:
    """Count one attempt; refuse once the window's allowance is used."""
    core.hit(LIMITS[name], ident, message=message)


def check_submit(ip: str, phone: str = "") -> None:
    hit("SUBMIT_IP", ip, message="提交过于频繁，请稍后再试")
    if phone:
        hit("SUBMIT_PHONE", phone, message="该手机号今天提交的留言已达上限，请{wait}再试或到联络站当面反映")


def check_track(ip: str) -> None:
    hit("TRACK_IP", ip, message="查询过于频繁，请{wait}再试")
