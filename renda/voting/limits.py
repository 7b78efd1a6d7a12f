"""Rate limits of the public ballot (issue 16 "one per public device with rate limits and no account").

Fixed-window counters in Django's cache, through the one limiter (renda.core.ratelimit). A hall's phones
often share one address (the venue's Wi-Fi), so the per-address limit is on *new devices* and generous; the
per-device limit is on attempts. Both are settings (VOTING_LIMIT_DEVICE, VOTING_LIMIT_NEW_DEVICES_PER_IP =
(count, seconds)), and the environment variable RENDA_VOTING_NEW_DEVICES_PER_IP overrides the second (a load test from one address).
"""

from dataclasses import replace

from renda.core import ratelimit as core

DEFAULTS = {"DEVICE": (5, 60), "NEW_DEVICES_PER_IP": (3000, 3600)}
LIMITS = {
    "DEVICE": core.define(
        core.Limit(
            "voting.device",
            *DEFAULTS["DEVICE"],
            "公众投票：每台设备的投票尝试",
            setting="VOTING_LIMIT_DEVICE",
            message="操作过于频繁，请{wait}再试",
        )
    ),
    "NEW_DEVICES_PER_IP": core.define(
        core.Limit(
            "voting.new_devices_per_ip",
            *DEFAULTS["NEW_DEVICES_PER_IP"],
            "公众投票：每个地址新接入的设备",
            setting="VOTING_LIMIT_NEW_DEVICES_PER_IP",
            env="RENDA_VOTING_NEW_DEVICES_PER_IP",
            message="该网络新接入的设备过多，请稍后再试",
        )
    ),
}


def limit(name: str) -> tuple[int, int]:
    return LIMITS[name].numbers()


def hit(name: str, ident: str, *, code: str, message: str) -> None:
    row = LIMITS[name]
    core.hit(row if code == row.code else replace(row, code=code), ident or "-", message=message)


def device_attempt(device_hash: str) -> None:
    hit("DEVICE", device_hash, code="rate_limited", message="操作过于频繁，请{wait}再试")


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
