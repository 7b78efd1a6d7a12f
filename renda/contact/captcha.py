"""An offline CAPTCHA: a small sum drawn as SVG line segments (no text to scrape, no external service).

The token is encrypted and time-stamped (Fernet), so the answer is not readable from the page; a token
works once (remembered in the cache) and for 10 minutes.
"""

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.cache import cache

from renda.core.errors import Refused

TTL = 600
# Seven-segment strokes for 0–9 on a 10×18 cell: a top, b upper right, c lower right, d bottom, e lower left,
# f upper left, g middle.
_SEG = {
    "a": ((0, 0), (10, 0)),
    "b": ((10, 0), (10, 9)),
    "c": ((10, 9), (10, 18)),
    "d": ((0, 18), (10, 18)),
    "e": ((0, 9), (0, 18)),
    "f": ((0, 0), (0, 9)),
    "g": ((0, 9), (10, 9)),
}
_DIGITS = {
    "0": "abcdef",
    "1": "bc",
    "2": "abged",
    "3": "abgcd",
    "4": "fgbc",
    "5": "afgcd",
    "6": "afgedc",
    "7": "abc",
    "8": "abcdefg",
    "9": "abcdfg",
}


@lru_cache(maxsize=2)
def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"renda-captcha:" + secret.encode()).digest()))


@dataclass(frozen=True)
class Challenge:
    token: str
    svg: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def new() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    op = "+" if secrets.randbelow(2) or a < b else "-"
    answer = a + b if op == "+" else a - b
    payload = json.dumps({"a": answer, "n": secrets.token_hex(8)})
    token = _fernet(settings.SECRET_KEY).encrypt(payload.encode()).decode()
    return Challenge(token=token, svg=_draw(f"{a}{op}{b}="))


def verify(token: str, answer: str) -> None:
    """Refuse a wrong, expired or reused answer."""
    try:
        data = json.loads(_fernet(settings.SECRET_KEY).decrypt((token or "").encode(), ttl=TTL))
    except (InvalidToken, ValueError):
        raise Refused("captcha_expired", "验证码已过期，请重新计算新的验证码") from None
    given = (answer or "").strip()
    if not (given.lstrip("-").isdigit() and int(given) == data["a"]):
        raise Refused("captcha_wrong", "验证码计算结果不正确")
    if not cache.add(f"contact:captcha:{data['n']}", 1, timeout=TTL + 5):
        raise Refused("captcha_reused", "验证码已使用，请重新计算新的验证码")


def _jitter(v: float) -> float:
    return v + (secrets.randbelow(7) - 3) / 3


def _draw(text: str) -> str:
    parts = []
    x = 8.0
    for ch in text:
        y = 10 + secrets.randbelow(6)
        strokes: list[tuple[tuple[float, float], tuple[float, float]]] = []
        if ch in _DIGITS:
            strokes = [_SEG[s] for s in _DIGITS[ch]]
        elif ch == "+":
            strokes = [((0, 9), (10, 9)), ((5, 4), (5, 14))]
        elif ch == "-":
            strokes = [((0, 9), (10, 9))]
        elif ch == "=":
            strokes = [((0, 6), (10, 6)), ((0, 12), (10, 12))]
        for (x1, y1), (x2, y2) in strokes:
            parts.append(
                f'<line x1="{_jitter(x + x1):.1f}" y1="{_jitter(y + y1):.1f}" '
                f'x2="{_jitter(x + x2):.1f}" y2="{_jitter(y + y2):.1f}"/>'
            )
        x += 20
    noise = "".join(
        f'<line x1="{secrets.randbelow(140)}" y1="{secrets.randbelow(40)}" x2="{secrets.randbelow(140)}" '
        f'y2="{secrets.randbelow(40)}" stroke="#9aa5b1" stroke-width="1"/>'
        for _ in range(5)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="140" height="40" viewBox="0 0 140 40">'
        '<rect width="140" height="40" fill="#f4f6fa"/>'
        + noise
        + '<g stroke="#1d3557" stroke-width="2.4" stroke-linecap="round">'
        + "".join(parts)
        + "</g></svg>"
    )
