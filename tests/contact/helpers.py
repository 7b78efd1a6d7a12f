"""Solve the offline CAPTCHA in tests by reading the encrypted token (what a bot cannot do)."""

import json

from django.conf import settings

from renda.contact import captcha


def solve(token: str) -> str:
    return str(json.loads(captcha._fernet(settings.SECRET_KEY).decrypt(token.encode()))["a"])


def form_data(station=None, **kw) -> dict:
    c = captcha.new()
    data = {
        "category": "roads",
        "title": "路灯不亮",
        "content": "城南社区门口路灯坏了一个多月，晚上出行不便。",
        "place": "城南社区",
        "phone": "",
        "consent": "on",
        "captcha_token": c.token,
        "captcha_answer": solve(c.token),
    }
    if station is not None:
        data["station"] = station.pk
    data.update(kw)
    return data
