"""Any staff list downloadable as xlsx with its filters — one helper for every app.

A list view computes its filtered, scoped queryset as it does for the page, then, before paginating:

    if xlsx_export.wanted(request):
        return xlsx_export.respond(request, "建议议案", qs, export_columns.ITEMS, action="suggestions.export")

and its template carries `{% export_button %}` (the current query string with `format=xlsx`). A filter whose
values are not the list model's own choice field (a filter form's field, `state=open`, a body id) gets its
labels from `form=` (the view's filter form, scoped) or `choices=` ({"body": [(pk, name), ...]}).

What every export does the same way:
- **all rows** of the page's queryset, read in chunks (`iterator`), never cut short: past `MAX_ROWS` (setting
  `RENDA_EXPORT_MAX_ROWS`) the export is refused with a Chinese message saying how many rows there are and
  what the cap is, before anything is written;
- phone and ID numbers masked exactly as on screen (the `mask_phone` / `mask_id` filters);
- a title line naming the list, the date and **the filters used**, each value as the page's filter shows it
  (`状态=办理中`, not `state=handling`; see `filters_used`), then the bold header row;
- the file named `<list>-<YYYYMMDD>.xlsx`;
- audited (`<app>.export`, with the filters and the row count).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
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


Choices = Mapping[str, Any] | Iterable[tuple[Any, Any]]


def _flat(choices: Choices) -> dict[str, str]:
    """value → label, as strings; option groups (`(group, [(v, l), ...])`) flattened."""
    items = choices.items() if isinstance(choices, Mapping) else choices
    out: dict[str, str] = {}
    for value, label in items:
        if isinstance(label, (list, tuple)):
            out.update(_flat(label))
        else:
            out[str(value)] = str(label)
    return out


def _form_label(field, value: str) -> str | None:
    """The label a filter form's field shows for `value`. A model choice is looked up in the field's own
    queryset — the view's scoped one — so an id from elsewhere names nothing."""
    from django.core.exceptions import ValidationError
    from django.forms import ModelChoiceField

    if isinstance(field, ModelChoiceField):
        try:  # the single-value lookup, for a multiple-choice field too
            obj = ModelChoiceField.to_python(field, value)
        except ValidationError:
            return None
        return field.label_from_instance(obj) if obj is not None else None
    choices = getattr(field, "choices", None)
    return _flat(choices).get(value) if choices is not None else None


def _model_choices(model, key: str) -> dict[str, str]:
    """A model field of the filter's name with choices (`status` → `get_status_display`'s labels). Only
    fixed choices: a foreign-key id is never looked up here, as it is not scoped."""
    from django.core.exceptions import FieldDoesNotExist

    if model is None:
        return {}
    try:
        field = model._meta.get_field(key)
    except FieldDoesNotExist:
        return {}
    return _flat(field.flatchoices) if getattr(field, "choices", None) and not field.is_relation else {}


def filters_used(
    request,
    labels: dict[str, str] | None = None,
    *,
    choices: Mapping[str, Choices] | None = None,
    form=None,
    model=None,
) -> list[tuple[str, str]]:
    """(name, value) of each filter in the query string, as the page's filter form shows them: the value's
    label from, first, `choices` given by the view ({"state": [("open", "在办（全部）"), *State.choices]}),
    then the filter `form`'s field of that name (choices, or the scoped queryset of a model choice), then
    the list's `model`'s field of that name with choices; otherwise the value as typed. Names come from
    `labels`, `LABELS`, the form field's label, then the key itself."""
    names = {**LABELS, **(labels or {})}
    choices = choices or {}
    fields = getattr(form, "fields", {}) if form is not None else {}
    # A filter the page's bound form refused was left out of the rows ("已忽略"): the title must not name it.
    ignored = set(form.errors) if form is not None and getattr(form, "is_bound", False) else set()
    out = []
    for key in request.GET:
        if key in NOT_FILTERS or key in ignored:
            continue
        values = [v for v in request.GET.getlist(key) if v.strip()]
        if not values:
            continue
        known = _flat(choices[key]) if key in choices else {}
        model_labels = None
        shown = []
        for v in values:
            label = known.get(v)
            if label is None and key in fields:
                label = _form_label(fields[key], v)
            if label is None:
                if model_labels is None:
                    model_labels = _model_choices(model, key)
                label = model_labels.get(v)
            shown.append(ILLEGAL_CHARACTERS_RE.sub("", (label if label is not None else v)[:60]))
        name = names.get(key) or (str(fields[key].label) if key in fields and fields[key].label else key)
        out.append((ILLEGAL_CHARACTERS_RE.sub("", name[:30]), "、".join(shown)))  # control chars: not in xlsx
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
    request,
    name: str,
    queryset,
    columns: "Sequence[Column] | Table",
    *,
    labels: dict[str, str] | None = None,
    choices: Mapping[str, Choices] | None = None,
    form=None,
) -> tuple[bytes, int, list[tuple[str, str]]]:
    n, cap = count(queryset), max_rows()
    if n > cap:
        raise Refused(
            "export_too_large",
            f"{name}共 {n} 行，超过单次导出上限 {cap} 行；为免导出不全，本次不导出。请增加筛选条件（如年度、状态）分批导出。",
        )
    used = filters_used(request, labels, choices=choices, form=form, model=getattr(queryset, "model", None))
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
    choices: Mapping[str, Choices] | None = None,
    form=None,
):
    """The page's queryset as an xlsx attachment (see the module's docstring); refused past the cap.
    `choices` and `form` give the filters' labels for the title line (`filters_used`)."""
    data, n, used = build(request, name, queryset, columns, labels=labels, choices=choices, form=form)
    audit.record(
        action,
        by=request.user,
        object_type=object_type or action.split(".")[0],
        object_repr=f"{name}导出",
        after={"filters": dict(used), "rows": n},
    )
    return downloads.attachment(data, f"{name}-{timezone.localdate():%Y%m%d}.xlsx")


__all__ = ["MAX_ROWS", "Column", "Table", "build", "filters_used", "respond", "rows", "wanted"]
