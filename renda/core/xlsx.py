"""The one xlsx writer: every export, ranking, template and error list is written here.

Write-only workbooks (openpyxl streams rows, so a province roster or an audit year stays in constant
memory). A sheet is a title line, a bold header, the rows, then notes under a blank line; a workbook may
hold several sheets. `core.downloads.attachment` sends the bytes.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

_HEADER_FILL = PatternFill("solid", fgColor="DDE7F5")
# Excel's own limit on a sheet's name; a longer name makes openpyxl write a file Excel repairs.
SHEET_NAME_MAX = 31


@dataclass
class Sheet:
    name: str
    rows: Iterable[Sequence] = ()
    header: Sequence[str] = ()
    title: str = ""
    notes: Sequence[str] = ()
    widths: dict[int, int] = field(default_factory=dict)  # 1-based column → width in characters
    freeze_header: bool = False


def workbook(*sheets: Sheet) -> bytes:
    """Write the sheets, in order, and return the file's bytes."""
    wb = Workbook(write_only=True)
    for spec in sheets:
        ws = wb.create_sheet(spec.name[:SHEET_NAME_MAX])
        for col, width in spec.widths.items():
            ws.column_dimensions[get_column_letter(col)].width = width
        if spec.freeze_header and spec.header:
            ws.freeze_panes = "A3" if spec.title else "A2"
        if spec.title:
            ws.append([_cell(ws, spec.title, Font(bold=True, size=13))])
        if spec.header:
            ws.append([_cell(ws, name, Font(bold=True), _HEADER_FILL) for name in spec.header])
        for row in spec.rows:
            ws.append(list(row))
        if spec.notes:
            ws.append([])
            for note in spec.notes:
                ws.append([note])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def write(
    rows: Iterable[Sequence], *, sheet: str, header: Sequence[str] = (), title: str = "", **more
) -> bytes:
    """One sheet: the common case."""
    return workbook(Sheet(sheet, rows=rows, header=header, title=title, **more))


def _cell(ws, value, font: Font, fill: PatternFill | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell
