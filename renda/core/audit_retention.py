"""Audit-log retention and the daily check of its hash chain (domain.md §7.1; issue 21).

Entries older than AUDIT_RETENTION_DAYS (never under 180; default 365) are written to a JSON-lines file in
VAR_DIR/audit-archive/ and removed from the table in one transaction, leaving an AuditArchive row with the
last archived hash, where verification of what is left begins. The daily check tells every audit and
security admin when the chain is broken (once per break).
"""

import hashlib
import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from . import audit
from .models import AuditArchive, AuditEntry, User
from .roles import Role

MIN_RETENTION_DAYS = 180


def retention_days() -> int:
    return max(MIN_RETENTION_DAYS, int(getattr(settings, "AUDIT_RETENTION_DAYS", 365)))


def archive_expired(*, now=None) -> AuditArchive | None:
    """Move the entries past retention into a file; None when there is nothing to move."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    with transaction.atomic():
        audit._chain_head()  # the chain's lock: nothing is appended while its start moves
        rows = list(AuditEntry.objects.filter(at__lt=cutoff).order_by("id"))
        if not rows:
            return None
        folder = Path(settings.VAR_DIR) / "audit-archive"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"audit-{rows[0].pk}-{rows[-1].pk}.jsonl"
        lines = [e.canonical() + "\t" + e.hash for e in rows]
        data = ("\n".join(lines) + "\n").encode()
        path.write_bytes(data)
        path.chmod(0o600)
        archive = AuditArchive.objects.create(
            up_to_id=rows[-1].pk,
            entries=len(rows),
            first_at=rows[0].at,
            last_at=rows[-1].at,
            last_hash=rows[-1].hash,
            path=str(path),
            sha256=hashlib.sha256(data).hexdigest(),
        )
        # The table refuses deletes through the ORM (append-only); this is the one place that removes rows,
        # and only rows already written to the archive file above.
        with connection.cursor() as cur:
            if (
                connection.vendor == "postgresql"
            ):  # the append-only trigger lets this transaction's DELETE through
                cur.execute("SET LOCAL renda.audit_archive = 'on'")
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id <= %s", [rows[-1].pk])  # noqa: S608
            if connection.vendor == "postgresql":
                cur.execute("SET LOCAL renda.audit_archive = 'off'")
        audit.record(
            "audit.archive",
            object_type="core.auditarchive",
            object_id=str(archive.pk),
            summary={"entries": len(rows), "up_to_id": rows[-1].pk},
        )
    return archive


def chain_start() -> str:
    last = AuditArchive.objects.order_by("-up_to_id").first()
    return last.last_hash if last else audit.GENESIS


def check_chain() -> audit.ChainReport:
    """Verify the chain; on a break, tell the audit and security admins (once per broken entry)."""
    report = audit.verify()
    if not report.ok:
        from renda.notify import services as notify

        admins = User.objects.filter(role__in=[Role.AUDIT_ADMIN, Role.SECURITY_ADMIN], is_active=True)
        notify.send_many(
            admins.values_list("pk", flat=True),
            title="审计日志哈希链断裂",
            body=f"第 {report.broken_at} 条记录：{report.reason}。此前 {report.checked} 条完好。请立即核查。",
            url="/work/admin/audit/",
            dedupe_key=f"audit-chain-broken:{report.broken_at}",
        )
    return report


def archive_file_intact(archive: AuditArchive) -> bool:
    try:
        return hashlib.sha256(Path(archive.path).read_bytes()).hexdigest() == archive.sha256
    except OSError:
        return False


def read_archive(archive: AuditArchive) -> list[dict]:
    rows = []
    for line in Path(archive.path).read_text().splitlines():
        canonical, digest = line.rsplit("\t", 1)
        rows.append({"fields": json.loads(canonical), "hash": digest})
    return rows
