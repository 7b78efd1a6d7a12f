"""Import budget and execution per department, item and month (domain.md §5.5; docs/supervision.md "模板").

The whole file is checked first; any error names its row and nothing is stored (one transaction).
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body, Unit

from .. import permissions
from ..choices import LineCategory
from ..models import Import, Line, Month

MONTHS = [f"{m}月" for m in range(1, 13)]
COLUMNS = ["部门", "项目编码", "项目名称", "类别", "年度预算", *MONTHS, "累计执行"]
CATEGORIES = {label: value for value, label in LineCategory.choices}
MAX_ERRORS = 30
MAX_ROWS = 200_000


@dataclass
class Row:
    number: int
    unit: Unit
    code: str
    name: str
    category: str
    budget: Decimal
    months: list[Decimal]


def read_rows(filename: str, data: bytes) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise Refused("file_unreadable", "无法读取该 Excel 文件，请使用模板另存为 .xlsx") from exc
        ws = wb.worksheets[0]
        return [["" if v is None else str(v).strip() for v in row] for row in ws.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError as exc:
                raise Refused("file_encoding", "CSV 文件编码无法识别，请存为 UTF-8") from exc
        return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    raise Refused("file_type", "只接受 .xlsx 或 .csv 文件")


def _amount(text: str, row: int, col: str, errors: list[str]) -> Decimal:
    try:
        v = Decimal((text or "0").replace(",", ""))
    except InvalidOperation:
        errors.append(f"第{row}行“{col}”不是金额：{text[:20]}")
        return Decimal(0)
    if v < 0:
        errors.append(f"第{row}行“{col}”不能为负数")
    return v.quantize(Decimal("0.01"))


def validate(body: Body, raw: list[list[str]]) -> list[Row]:
    if not raw:
        raise Refused("file_empty", "文件为空")
    header = [h for h in raw[0]]
    while header and not header[-1]:
        header.pop()
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        detail = (
            "；".join(
                p
                for p in (
                    f"缺少列：{'、'.join(missing)}" if missing else "",
                    f"多余列：{'、'.join(extra)}" if extra else "",
                )
                if p
            )
            or "列的顺序与模板不一致"
        )
        raise Refused("columns_wrong", f"第1行表头与模板不符（{detail}）。模板列：{'、'.join(COLUMNS)}")
    body_rows = [r for r in raw[1:] if any(r)]
    if len(body_rows) > MAX_ROWS:
        raise Refused("file_too_big", f"一次最多导入 {MAX_ROWS} 行")
    units = {u.name: u for u in Unit.objects.filter(body_id__in=[body.pk, body.parent_id or body.pk])}
    errors: list[str] = []
    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    for number, r in enumerate(raw[1:], start=2):
        if not any(r):
            continue
        r = (r + [""] * len(COLUMNS))[: len(COLUMNS)]
        unit = units.get(r[0])
        if unit is None:
            errors.append(f"第{number}行部门“{r[0][:30]}”不是本级预算单位")
        if not r[1]:
            errors.append(f"第{number}行缺少项目编码")
        category = CATEGORIES.get(r[3])
        if category is None:
            errors.append(f"第{number}行类别“{r[3][:10]}”应为：{'、'.join(CATEGORIES)}")
        budget = _amount(r[4], number, "年度预算", errors)
        months = [_amount(r[5 + i], number, MONTHS[i], errors) for i in range(12)]
        total = _amount(r[17], number, "累计执行", errors)
        if sum(months) != total:
            errors.append(f"第{number}行累计执行 {total} 与1—12月合计 {sum(months)} 不符")
        key = (r[0], r[1])
        if key in seen:
            errors.append(f"第{number}行与第{seen[key]}行是同一部门的同一项目（{r[1][:20]}）")
        seen[key] = number
        if len(errors) >= MAX_ERRORS:
            errors.append("错误过多，仅列出前面部分")
            break
        if unit and category:
            rows.append(Row(number, unit, r[1][:30], r[2][:120], category, budget, months))
    if errors:
        raise Refused("file_invalid", "文件未导入，请修改后重新上传：" + "；".join(errors))
    return rows


@transaction.atomic
def import_file(body: Body, *, year: int, filename: str, data: bytes, by) -> Import:
    """All rows or none: a later row's error leaves no earlier row stored."""
    permissions.require_staff(by, "导入预算执行数据")
    rows = validate(body, read_rows(filename, data))
    imp = Import.objects.create(body=body, year=year, filename=filename[:200], rows=len(rows), by=by)
    existing = {(ln.unit_id, ln.code): ln for ln in Line.objects.filter(body=body, year=year)}
    new_lines = []
    for r in rows:
        ln = existing.get((r.unit.pk, r.code))
        if ln is None:
            new_lines.append(
                Line(
                    body=body,
                    year=year,
                    unit=r.unit,
                    code=r.code,
                    name=r.name,
                    category=r.category,
                    budget=r.budget,
                    source=imp,
                )
            )
        else:
            ln.name, ln.category, ln.budget, ln.source = r.name, r.category, r.budget, imp
            ln.save(update_fields=["name", "category", "budget", "source"])
    Line.objects.bulk_create(new_lines)
    lines = {(ln.unit_id, ln.code): ln for ln in Line.objects.filter(body=body, year=year)}
    ids = [lines[(r.unit.pk, r.code)].pk for r in rows]
    Month.objects.filter(line_id__in=ids).delete()
    Month.objects.bulk_create(
        [
            Month(line_id=lines[(r.unit.pk, r.code)].pk, month=i + 1, amount=a)
            for r in rows
            for i, a in enumerate(r.months)
        ],
        batch_size=5000,
    )
    audit.record("supervision.budget_import", imp, by=by, after={"rows": len(rows)})
    return imp


def template_csv() -> bytes:
    sample = [
        "县教育体育局",
        "2026-001",
        "义务教育学校公用经费",
        "项目支出",
        "1200000",
        *["100000"] * 12,
        "1200000",
    ]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    w.writerow(sample)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
