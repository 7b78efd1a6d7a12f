"""Helpers shared by the panels of every app: list URLs with their filters, rates with n and interval."""

from urllib.parse import urlencode

from django.urls import reverse


def _url(name: str, **query) -> str:
    q = {k: v for k, v in query.items() if v not in ("", None)}
    return reverse(name) + ("?" + urlencode(q) if q else "")


def _pct(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _rate(num: int, den: int) -> dict:
    """A rate with its numerator, denominator and Wilson 95 % interval (suggestions.rates.Rate)."""
    from renda.suggestions.rates import Rate

    r = Rate(num, den)
    return {"num": num, "den": den, "percent": r.percent(), "interval": r.interval_text(), "value": r.value}
