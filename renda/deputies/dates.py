"""Partial birth dates: published rosters often give only 出生年月 (`1967年3月`) or a year (`1988年`).

The date is stored as the first day of what is known, with its precision; everything shown or exported
goes through `partial_iso` / `partial_text`, so an invented day (or month) never appears.
"""

import re
from datetime import date, datetime

DAY, MONTH, YEAR = "day", "month", "year"
PRECISION_CHOICES = [(DAY, "年月日"), (MONTH, "年月"), (YEAR, "年")]

_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_YEAR = re.compile(r"^(\d{4})\s*年?$")
_ORDER = {YEAR: 0, MONTH: 1, DAY: 2}


def parse_partial(value) -> tuple[date, str] | None:
    """`1967-03-08`, `19670308`, `1967年3月`, `1967-03`, `1967.3`, `196703`, `1988年`, `1988` → (first day of
    what is known, precision); None if it is no date at all."""
    if isinstance(value, datetime):
        return value.date(), DAY
    if isinstance(value, date):
        return value, DAY
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    elif text.isdigit() and len(text) == 6:
        text = f"{text[:4]}-{text[4:]}"
    for pattern, precision in ((_FULL, DAY), (_MONTH, MONTH), (_YEAR, YEAR)):
        m = pattern.match(text)
        if m:
            try:
                parts = [int(g) for g in m.groups()]
                found = date(parts[0], *(parts[1:] + [1] * (3 - len(parts)))[:2])
            except ValueError:
                return None
            return (found, precision) if 1880 <= found.year <= 2100 else None
    return None


def partial_iso(d: date | None, precision: str) -> str:
    """ISO 8601 at the known precision: `1967-03-08`, `1967-03`, `1967` ("" if unknown)."""
    if d is None:
        return ""
    return {YEAR: f"{d:%Y}", MONTH: f"{d:%Y-%m}"}.get(precision, d.isoformat())


def partial_text(d: date | None, precision: str, *, upto: str = DAY, sep: str = "") -> str:
    """Chinese (`1967年03月`) or with `sep` (`1967.03`), never finer than `precision` nor than `upto`."""
    if d is None:
        return ""
    shown = min((precision or DAY, upto), key=_ORDER.__getitem__)
    if sep:
        parts = [f"{d:%Y}", f"{d:%m}", f"{d:%d}"][: _ORDER[shown] + 1]
        return sep.join(parts)
    return "".join([f"{d:%Y}年", f"{d:%m}月", f"{d:%d}日"][: _ORDER[shown] + 1])


def same_known(a: date | None, pa: str, b: date | None, pb: str) -> bool:
    """Do two partial dates agree on everything both know? (an unknown date agrees with anything)"""
    if a is None or b is None:
        return True
    # Compared field by field: called once or twice per imported row, formatting both dates was a hot spot.
    coarse = min(_ORDER[pa or DAY], _ORDER[pb or DAY])
    if coarse == 2:
        return a == b
    return a.year == b.year and (coarse == 0 or a.month == b.month)
