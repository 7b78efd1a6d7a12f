"""Shared API pieces: bounded, NUL-free strings, the error body and the responses every operation lists."""

import re
from datetime import date
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
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
    """422: `code` "invalid_input", `message` naming the first bad field in Chinese, `detail` every error."""

    code: str = "invalid_input"
    message: str = ""
    detail: list[dict]


class NinjaDetail(Schema):
    """django-ninja's own answers to a write: an unparseable body (400) and a failed CSRF check (403)."""

    detail: str


# 400: an unknown query parameter (api/strict.py); 404 also answers a page past the end (Page);
# 429: a public endpoint's rate limit.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: ValidationErrorOut}
PUBLIC_ERRORS = {400: Error, 404: Error, 422: ValidationErrorOut, 429: Error}


def responses(ok, *, public: bool = False, **more) -> dict:
    """`responses(ListOut)` → {200: ListOut, 401…, 422…}; every operation documents its errors."""
    out = {200: ok, **(PUBLIC_ERRORS if public else ERRORS)}
    out.update(more)
    return out


def write_responses(ok) -> dict:
    """`responses(ok)` plus django-ninja's 400 and CSRF 403, which answer writes before our code runs."""
    return {**responses(ok), 400: Error | NinjaDetail, 403: Error | NinjaDetail}


def upload_responses(ok) -> dict:
    """`write_responses(ok)` plus 507 `storage_full`: the server's disk is full, nothing was stored
    (core/storage.py). Every operation that takes a file lists it."""
    return {**write_responses(ok), 507: Error}


class Page(LimitOffsetPagination):
    """Every list: `?limit=&offset=`, answered as {count, items}, through django-ninja's own paginator.

    Both numbers are bounded in the schema (an offset past PostgreSQL's bigint would be a 500), and the page
    body is a plain pydantic model like `Out`. Use with `@paginate(Page)` and `response=responses(list[Row])`.
    """

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="每页条数（1–500）")
        offset: int = Field(0, ge=0, le=1_000_000, description="跳过的条数")

    class Output(Out):
        items: list[Any]
        count: int

    def __init__(self, **kwargs):
        super().__init__(max_limit=500, **kwargs)


class PublicPage(Page):
    """Lists anyone may read without signing in: smaller pages, and a page past the end is a 404
    `page_out_of_range` (issue 19), not an empty page a crawler keeps asking for. (Page, for signed-in lists,
    still answers an empty page: tests/deputies pages past the end of a small roster on purpose.)"""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100, description="每页条数（1–100）")
        offset: int = Field(0, ge=0, le=100_000, description="跳过的条数")

    def paginate_queryset(self, queryset, pagination, request, **params):
        from .auth import ApiError

        count = self._items_count(queryset)
        offset, limit = pagination.offset, min(pagination.limit, self.max_limit)
        if offset and offset >= count:
            raise ApiError(404, "page_out_of_range", f"offset={offset} 超出末页：共 {count} 条")
        return {self.items_attribute: queryset[offset : offset + limit], "count": count}


class Rows:
    """A queryset whose rows are built by `make` only for the page shown: the paginator counts, then slices."""

    def __init__(self, queryset, make):
        self.queryset, self.make = queryset, make

    def all(self) -> "Rows":
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list:
        return [self.make(row) for row in self.queryset[page]]
