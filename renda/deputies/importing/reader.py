"""Read an uploaded roster (xlsx, or csv in UTF-8 or GBK) into (line number, {key: raw value}) rows."""

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl import load_workbook

from .columns import HEADER_TO_KEY, LABEL, REQUIRED, clean_text

MAX_BYTES = 50 * 1024 * 1024  # the limit for a browser upload; bigger files use the command


class FileProblem(Exception):
    """The file as a whole cannot be read (format, encoding, size, header): nothing is imported."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Table:
    rows: Iterator[tuple[int, dict]]
    notes: list[str] = field(default_factory=list)


def _header(cells) -> dict[int, str]:
    mapping: dict[int, str] = {}
    unknown = []
    for i, cell in enumerate(cells):
        text, _ = clean_text(cell)
        text = text.replace("*", "").replace(" ", "")
        if not text:
            continue
        key = HEADER_TO_KEY.get(text)
        if key is None:
            unknown.append(text)
        elif key not in mapping.values():
            mapping[i] = key
    missing = [LABEL[k] for k in REQUIRED if k not in mapping.values()]
    if missing:
        raise FileProblem("header_missing", f"第1行表头缺少必填列：{'、'.join(missing)}。请使用下载的模板。")
    return mapping


def _rows(cells_iter, mapping: dict[int, str], first_line: int = 2) -> Iterator[tuple[int, dict]]:
    for line, cells in enumerate(cells_iter, start=first_line):
        if cells is None or all(c is None or str(c).strip() == "" for c in cells):
            continue
        yield line, {key: cells[i] if i < len(cells) else None for i, key in mapping.items()}


def read_table(data: bytes, filename: str) -> Table:
    """Refuses an empty file, a file over 50 MB, an unknown format or encoding, and a header without the
    required columns. Rows come back lazily; blank lines are skipped but keep their line numbers."""
    if len(data) > MAX_BYTES:
        raise FileProblem(
            "file_too_big", "文件超过 50 MB，请拆分后上传，或由管理员使用 import_deputies 命令导入"
        )
    return read_table_unbounded(data, filename)


def read_table_unbounded(data: bytes, filename: str) -> Table:
    """The same without the size limit (the management command, for files too big for the browser)."""
    if not data:
        raise FileProblem("file_empty", "文件为空")
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise FileProblem("file_format", "只支持 xlsx 或 csv 文件（不支持旧版 xls，请在 Excel 中另存为 xlsx）")


def _read_xlsx(data: bytes) -> Table:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileProblem("file_format", "无法打开该 xlsx 文件，请确认文件未损坏") from exc
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = next(it, None)
    if header is None:
        raise FileProblem("file_empty", "工作表为空")
    return Table(_rows(it, _header(header)))


def _read_csv(data: bytes) -> Table:
    notes = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise FileProblem("file_encoding", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 csv") from exc
        notes.append("文件按 GBK 编码读取")
    if "\x00" in text:
        raise FileProblem("file_format", "文件包含无法识别的二进制内容，请确认是 csv 文本文件")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileProblem("file_empty", "文件没有表头")
    mapping = _header(header)

    def rows():
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            yield reader.line_num, {key: cells[i] if i < len(cells) else None for i, key in mapping.items()}

    return Table(rows(), notes)
