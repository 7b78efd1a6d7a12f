"""Bulk import of deputies (the web screens, the `import_deputies` command and `make bench` share it).

    report = importing.check_file(data, filename, body=body)        # nothing written
    result = importing.import_file(data, filename, body=body, by=user, valid_only=True)
    result = importing.import_rows(rows, body=body, by=user)          # rows: dicts keyed like the template

Pass 1 (`prepare`) checks the whole file; pass 2 (`write`) writes in bulk inside one transaction, so a
failure leaves nothing half-imported.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body

from ..permissions import require_manage
from .columns import COLUMNS, HEADER_TO_KEY
from .match import match
from .prepare import Report, check_rows, refuse_closed
from .reader import MAX_BYTES, FileProblem, read_table
from .write import Counts, write

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "FileProblem",
    "ImportResult",
    "Report",
    "check_file",
    "import_file",
    "import_rows",
    "prepare",
    "write_report",
]


@dataclass
class ImportResult:
    report: Report
    counts: Counts | None  # None when nothing was written


def _keyed(rows: Iterable) -> Iterable[tuple[int, dict]]:
    """Accept (line, dict) pairs or plain dicts keyed by template headers or field keys."""
    for i, row in enumerate(rows, start=2):
        if isinstance(row, tuple):
            yield row
        else:
            yield i, {HEADER_TO_KEY.get(k, k): v for k, v in row.items()}


def prepare(rows, *, body: Body, decisions: dict | None = None) -> Report:
    """Check every row, then match the good ones to the registry (nothing written). `decisions` are the
    staff's answers to the report's ambiguous rows and same-name pairs: {"m<line>": "new" | "p<person id>",
    "d<line>": "dup" | "two"}."""
    report = check_rows(rows, body=body)
    match(report, body, decisions or {})
    refuse_closed(report, body)
    return report


def check_file(data: bytes, filename: str, *, body: Body, decisions: dict | None = None) -> Report:
    table = read_table(data, filename)
    report = prepare(table.rows, body=body, decisions=decisions)
    report.file_notes[:0] = table.notes
    return report


def import_rows(
    rows: Iterable, *, body: Body, by, valid_only: bool = False, decisions: dict | None = None
) -> ImportResult:
    """Check all rows, then write them in bulk. With errors or undecided rows and not `valid_only`,
    nothing is written (the report says why). Refuses a user who may not manage `body`'s deputies."""
    if by is not None:
        require_manage(by, body, action="导入代表")
    report = prepare(_keyed(rows), body=body, decisions=decisions)
    return _write(report, body=body, by=by, valid_only=valid_only)


def import_file(
    data: bytes, filename: str, *, body: Body, by, valid_only: bool = False, decisions: dict | None = None
) -> ImportResult:
    if by is not None:
        require_manage(by, body, action="导入代表")
    report = check_file(data, filename, body=body, decisions=decisions)
    return _write(report, body=body, by=by, valid_only=valid_only)


def write_report(report: Report, *, body: Body, by, valid_only: bool = False) -> ImportResult:
    """Write an already checked report (the command checks first, prints, then writes)."""
    if by is not None:
        require_manage(by, body, action="导入代表")
    return _write(report, body=body, by=by, valid_only=valid_only)


@transaction.atomic
def _write(report: Report, *, body: Body, by, valid_only: bool) -> ImportResult:
    if (report.error_count or report.ambiguous) and not valid_only:
        return ImportResult(report, None)
    if not report.valid:
        raise Refused("import_nothing_valid", "文件中没有可导入的有效行")
    counts = write(report.valid, body=body)
    audit.record(
        "deputies.import",
        body,
        by=by,
        after={
            "rows": report.total,
            "valid": len(report.valid),
            "errors": report.error_count,
            "undecided": len(report.ambiguous),
            "created": counts.created,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "persons_created": counts.persons_created,
        },
    )
    return ImportResult(report, counts)
