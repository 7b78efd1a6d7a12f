"""The import screens' writes (issue 15 "views never write"): keep an uploaded, checked file as a batch,
then write it on the staff's confirmation. The checks and the bulk write are in `importing`."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body

from .. import importing
from ..models import ImportBatch
from ..permissions import require_manage


@transaction.atomic
def check_upload(body: Body, *, upload, by) -> ImportBatch:
    """Check a whole uploaded roster (nothing goes into the registry) and keep it with its report, so the
    staff can read the report and confirm. Refuses a user who may not manage `body`'s deputies and a file
    over the size limit; `upload` is the uploaded file. An unreadable file raises `importing.FileProblem` (a form error, nothing kept)."""
    require_manage(by, body, action="导入代表")
    if upload.size > importing.MAX_BYTES:  # before reading it into memory
        raise importing.FileProblem(
            "file_too_big", "文件超过 50 MB，请拆分后上传，或由管理员使用 import_deputies 命令导入"
        )
    data, filename = upload.read(), upload.name
    report = importing.check_file(data, filename, body=body)
    batch = ImportBatch(
        body=body,
        by=by,
        filename=filename[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        total_rows=report.total,
        valid_rows=len(report.valid),
        error_rows=report.error_count,
        report=report.as_json(),
    )
    batch.file.save(f"{batch.sha256[:16]}-{timezone.now():%Y%m%d%H%M%S}", ContentFile(data), save=False)
    batch.save()
    audit.record(
        "deputies.import.check",
        batch,
        by=by,
        after={"rows": report.total, "valid": len(report.valid), "errors": report.error_count},
    )
    return batch


@transaction.atomic
def confirm_import(
    batch: ImportBatch, *, by, valid_only: bool = False, decisions: dict | None = None
) -> ImportBatch:
    """Write a checked batch, re-checked now (the registry may have changed since the upload). Refuses a
    batch already imported, a file that still has errors (unless `valid_only`: only the valid rows) and
    rows the staff have not decided. `importing.import_file` audits the write itself."""
    batch = ImportBatch.objects.select_for_update().select_related("body").get(pk=batch.pk)
    if batch.status != ImportBatch.Status.CHECKED:
        raise Refused("import_already_done", "该文件已导入，如需再次导入请重新上传")
    with batch.file.open("rb") as fh:
        data = fh.read()
    result = importing.import_file(
        data, batch.filename, body=batch.body, by=by, valid_only=valid_only, decisions=decisions or {}
    )
    if result.counts is None:
        if result.report.ambiguous:
            lines = "、".join(str(a["line"]) for a in result.report.ambiguous[:10])
            raise Refused(
                "import_needs_decision",
                f"第{lines}行需要确认是否为已有人员：请逐行选择，或勾选“仅导入有效行”（这些行不导入）",
            )
        raise Refused("import_has_errors", "文件中仍有错误行：请修改后重新上传，或勾选“仅导入有效行”")
    c = result.counts
    batch.status = ImportBatch.Status.IMPORTED
    batch.created, batch.updated, batch.unchanged = c.created, c.updated, c.unchanged
    batch.valid_rows = len(result.report.valid)
    batch.error_rows = result.report.error_count
    batch.report = result.report.as_json()
    batch.finished_at = timezone.now()
    batch.save(
        update_fields=[
            "status",
            "created",
            "updated",
            "unchanged",
            "valid_rows",
            "error_rows",
            "report",
            "finished_at",
        ]
    )
    return batch
