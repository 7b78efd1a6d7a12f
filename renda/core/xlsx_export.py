"""Any staff list downloadable as xlsx with its filters — one helper for every app.

A list view computes its filtered, scoped queryset as it does for the page, then, before paginating:

    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "建议议案", qs, export_columns.ITEMS, action="suggestions.export")

and its template carries `{% export_button %}` (the current query string with `format=xlsx`).

What every export does the same way:
- **all rows** of the page's queryset, read in chunks (`iterator`), never cut short: past `MAX_ROWS` (setting
  `RENDA_EXPORT_MAX_ROWS`) the export is refused with a Chinese message saying how many rows there are and
  what the cap is, before anything is written;
- phone and ID numbers masked exactly as on screen (the `mask_phone` / `mask_id` filters);
- a title line naming the list, the date and **the filters used**, then the bold header row;
- the file named `<list>-<YYYYMMDD>.xlsx`;
- audited (`<app>.export`, with the filters and the row count).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import audit, downloads, xlsx
from .errors import Refused

MAX_ROWS = 200_000
# Query parameters that are not filters (paging, the format switch itself, htmx's marker).
NOT_FILTERS = frozenset({"page", "format", "partial", "hx"})
# Chinese names of the query parameters the lists share; an app may pass its own `labels`.
LABELS = {
    "q": "关键词",
    "state": "状态",
    "status": "状态",
    "year": "年度",
    "kind": "类型",
    "category": "类别",
    "unit": "承办单位",
    "start": "起始日期",
    "end": "截止日期",
    "station": "联络站",
    "township": "乡镇（街道）",
    "body": "人大机关",
    "priority": "重点督办",
    "due": "期限",
    "type": "类型",
    "plan": "监督计划",
    "item": "监督事项",
    "on": "日期",
    "congress": "届次",
    "group": "分组",
    "outcome": "办理方式",
}


@dataclass(frozen=True)
class Column:
    """One column: its header and how to read a row — a dotted path (`mandate.person.name`; a callable at the
    end, e.g. `get_state_display`, is called) or a function of the row. `mask` is "phone" or "id"."""

    header: str
    get: str | Callable[[Any], Any]
    mask: str = ""
    width: int = 0


@dataclass(frozen=True)
class Table:
    """A whole row at once, for an app that already writes its rows (`row(obj) -> list`, masked by it)."""

    header: Sequence[str]
    row: Callable[[Any], Sequence]


def wanted(request) -> bool:
    return request.GET.get("format") == "xlsx"


def max_rows() -> int:
    return int(getattr(settings, "RENDA_EXPORT_MAX_ROWS", MAX_ROWS))


def filters_used(request, labels: dict[str, str] | None = None) -> list[tuple[str, str]]:
    names = {**LABELS, **(labels or {})}
    out = []
    for key in request.GET:
        if key in NOT_FILTERS:
            continue
        values = [v for v in request.GET.getlist(key) if v.strip()]
        if values:
            text = "、".join(
                ILLEGAL_CHARACTERS_RE.sub("", v[:60]) for v in values
            )  # control chars: not in xlsx
            out.append((ILLEGAL_CHARACTERS_RE.sub("", names.get(key, key)[:30]), text))
    return out


def _read(obj, path: str):
    value = obj
    for part in path.split("."):
        if value is None:
            return None
        value = getattr(value, part)
        if callable(value) and not hasattr(value, "all"):
            value = value()
    if hasattr(value, "all") and callable(value.all):  # a many-to-many or reverse manager
        value = "、".join(str(v) for v in value.all())
    return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float, date)):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def value_of(column: Column, obj):
    from .templatetags.renda import mask_id, mask_phone

    raw = column.get(obj) if callable(column.get) else _read(obj, column.get)
    if column.mask and raw:
        return (mask_phone if column.mask == "phone" else mask_id)(raw)
    return _cell(raw)


def rows(queryset, columns):
    """Every row of the queryset, read in chunks (a list is taken as it is)."""
    items = queryset.iterator(chunk_size=2000) if hasattr(queryset, "iterator") else queryset
    for obj in items:
        if isinstance(columns, Table):
            yield [_cell(v) for v in columns.row(obj)]
        else:
            yield [value_of(c, obj) for c in columns]


def count(queryset) -> int:
    return (
        queryset.count() if hasattr(queryset, "count") and not isinstance(queryset, list) else len(queryset)
    )


def build(
    request, name: str, queryset, columns: "Sequence[Column] | Table", *, labels: dict[str, str] | None = None
) -> tuple[bytes, int, list[tuple[str, str]]]:
    n, cap = count(queryset), max_rows()
    if n > cap:
        raise Refused(
            "export_too_large",
            f"{name}共 {n} 行，超过单次导出上限 {cap} 行；为免导出不全，本次不导出。请增加筛选条件（如年度、状态）分批导出。",
        )
    used = filters_used(request, labels)
    today = timezone.localdate()
    title = f"{name}（{today:%Y-%m-%d} 导出，共 {n} 行）筛选：" + (
        "；".join(f"{k}={v}" for k, v in used) if used else "无（全部）"
    )
    table = isinstance(columns, Table)
    widths = {} if table else {i + 1: c.width for i, c in enumerate(columns) if c.width}
    data = xlsx.write(
        rows(queryset, columns),
        sheet=name,
        header=list(columns.header) if table else [c.header for c in columns],
        title=title,
        widths=widths,
        freeze_header=True,
    )
    return data, n, used


def respond(
    request,
    name: str,
    queryset,
    columns: "Sequence[Column] | Table",
    *,
    action: str,
    object_type: str = "",
    labels: dict[str, str] | None = None,
):
    """The page's queryset as an xlsx attachment (see the module's docstring); refused past the cap."""
    data, n, used = build(request, name, queryset, columns, labels=labels)
    audit.record(
        action,
        by=request.user,
        object_type=object_type or action.split(".")[0],
        object_repr=f"{name}导出",
        after={"filters": dict(used), "rows": n},
    )
    return downloads.attachment(data, f"{name}-{timezone.localdate():%Y%m%d}.xlsx")


__all__ = ["MAX_ROWS", "Column", "Table", "build", "filters_used", "respond", "rows", "wanted"]
