"""Query and form parameters that name rows, years or free text: parsed here, never passed raw to a query.

A bad value is ignored (None, or the default), so a page answers what it can instead of a 500: `?body=x`,
`?year=99999999999`, `?id=²` (str.isdigit() accepts it, int() does not) or an id past the database's
integer all fall back. Pages that must say so show their own Chinese note.
"""

from django.utils import timezone

MAX_ID = 2**62  # ids are 64-bit (BigAutoField); a larger number is an overflow error on either database
YEARS = range(2000, 2101)


def id_param(raw) -> int | None:
    """A positive row id, else None."""
    raw = str(raw if raw is not None else "").strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= 19:
        n = int(raw)
        return n if 0 < n <= MAX_ID else None
    return None


def id_list(values, *, most: int = 1000) -> list[int]:
    """The valid ids among `values` (a QueryDict's getlist), at most `most` of them, in order, once each."""
    out: list[int] = []
    for v in values:
        n = id_param(v)
        if n is not None and n not in out:
            out.append(n)
            if len(out) >= most:
                break
    return out


def year_param(raw, default: int | None = None) -> int:
    """A year between 2000 and 2100, else `default` (this year)."""
    n = id_param(raw)
    if n is not None and n in YEARS:
        return n
    return default if default is not None else timezone.localdate().year


def text_param(raw, limit: int) -> str:
    """Free text cut to `limit`, without NUL (PostgreSQL refuses it in text)."""
    return str(raw or "")[:limit].replace("\x00", "").strip()
