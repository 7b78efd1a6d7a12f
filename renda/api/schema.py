"""Shared API pieces: bounded, NUL-free strings, the error body and the responses every operation lists."""

import re
from datetime import date
from typing import Annotated

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, StringConstraints, WithJsonSchema

# PostgreSQL refuses NUL in text; refusing it in the schema documents the 422 (testing-notes.md).
NUL_FREE = r"^[^\x00]*$"


def Text(max_length: int = 200, min_length: int = 0):
    return Annotated[str, StringConstraints(max_length=max_length, min_length=min_length, pattern=NUL_FREE)]


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value):
    # pydantic turns 0 or "0" into 1970-01-01; the schema says format "date", so refuse anything else.
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("日期格式应为 YYYY-MM-DD")


IsoDate = Annotated[
    date, BeforeValidator(_iso_date_only), WithJsonSchema({"type": "string", "format": "date"})
]


class Out(BaseModel):
    """A response row that a handler builds as a plain dict: validated by pydantic alone.

    ninja's `Schema` wraps every nested object in a getter that also reads model attributes and runs
    `resolve_*` methods — about 0.2 ms a row, most of a 50-row list's CPU. Rows built from dicts don't need it.
    """


class Error(Schema):
    code: str
    message: str


class ValidationErrorOut(Schema):
    detail: list[dict]


class NinjaDetail(Schema):
    """django-ninja's own answers to a write: an unparseable body (400) and a failed CSRF check (403)."""

    detail: str


ERRORS = {401: Error, 403: Error, 404: Error, 409: Error, 422: ValidationErrorOut}
PUBLIC_ERRORS = {404: Error, 422: ValidationErrorOut}


def responses(ok, *, public: bool = False, **more) -> dict:
    """`responses(ListOut)` → {200: ListOut, 401…, 422…}; every operation documents its errors."""
    out = {200: ok, **(PUBLIC_ERRORS if public else ERRORS)}
    out.update(more)
    return out


def write_responses(ok) -> dict:
    """`responses(ok)` plus django-ninja's 400 and CSRF 403, which answer writes before our code runs."""
    return {**responses(ok), 400: NinjaDetail, 403: Error | NinjaDetail}
