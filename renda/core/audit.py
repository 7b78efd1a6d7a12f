"""Write and verify the audit log. Every service write calls `record`; refusals call `record_refusal`."""

from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from . import context
from .models import AuditEntry

GENESIS = "0" * 64
_PG_LOCK_KEY = 727_100  # advisory lock that serialises the chain on PostgreSQL


def _chain_head() -> str:
    """Take the chain's lock (PostgreSQL; SQLite writes one at a time anyway), then read its last hash.

    Two statements, not one: under READ COMMITTED a statement's snapshot is taken before it waits for the
    lock, so a combined read could miss the entry appended while it waited. Plain SQL, because every write
    of every app passes here and the ORM's compile of this read cost four times the read itself."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        cur.execute(f"SELECT hash FROM {AuditEntry._meta.db_table} ORDER BY id DESC LIMIT 1")  # noqa: S608
        row = cur.fetchone()
    if row:
        return row[0]
    from .models import AuditArchive  # an empty table after an archive goes on from the archived chain

    last = AuditArchive.objects.order_by("-up_to_id").values_list("last_hash", flat=True).first()
    return last or GENESIS


def changed_fields(before: dict | None, after: dict | None, note: str = "") -> list[str]:
    """The names of what changed, never the values: the audit log must not hold business content or
    secrets (tracking codes, phone and ID numbers, titles, free text; domain.md §7.1 三员分立, §7.2).
    A summary's own "changed" list (fields whose values were never given, e.g. an ID number) counts too."""
    names: set[str] = set()
    for part in (before or {}, after or {}):
        for key, value in part.items():
            if key == "changed" and isinstance(value, list | tuple):
                names.update(str(v) for v in value)
            else:
                names.add(str(key))
    if note:
        names.add("note")
    return sorted(names)


def object_label(object_type: str, object_id: str, given: str = "", obj=None) -> str:
    """What the log names an object by: its type and id. An account keeps its user name, which is an
    identity like the actor's (a failed sign-in has no id, and the security admin must see which account)."""
    if object_type == "core.user":
        return (getattr(obj, "username", "") or given or object_id)[:150]
    return f"{object_type}#{object_id}" if object_id else object_type


def record(
    action: str,
    obj=None,
    *,
    by=None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    summary: dict | None = None,
) -> AuditEntry:
    """Append one entry. Runs inside the caller's transaction, so a rolled-back write leaves no entry.

    `before`/`after`/`note` are reduced to the names of the changed fields; `object_repr` to type and id.
    `summary` is for this module only (a refusal's code)."""
    request_ctx = context.current()
    actor = by if by is not None else request_ctx.user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    fields = changed_fields(before, after, note)
    summary = dict(summary or {})
    if fields:
        summary["changed"] = fields
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    # No savepoint inside the caller's transaction (two round trips per write): a failed append fails the write.
    with transaction.atomic(savepoint=False):
        head = _chain_head()
        entry = AuditEntry(
            at=timezone.now(),
            actor=actor,
            actor_name=(str(actor) if actor else request_ctx.username)[:150],
            role=getattr(actor, "role", "") or "",
            ip=request_ctx.ip,
            action=action,
            object_type=object_type,
            object_id=object_id[:40],
            object_repr=object_label(object_type, object_id, object_repr, obj)[:200],
            summary=summary,
            prev_hash=head,
        )
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


def record_refusal(exc, *, by=None, action: str = "") -> AuditEntry:
    """Audit a refusal after its transaction rolled back (so the entry survives). Only the code: the
    message may quote what the user typed."""
    return record(
        "refused" if not action else f"refused:{action}",
        by=by,
        object_type="refusal",
        object_id=exc.code[:40],
        summary={"code": exc.code[:40]},
    )


@dataclass
class ChainReport:
    checked: int
    broken_at: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify() -> ChainReport:
    """Walk the chain in id order: each entry's hash and its link to the previous one. After an archive
    (core.audit_retention) the chain starts from the last archived hash."""
    from .models import AuditArchive

    last_archive = AuditArchive.objects.order_by("-up_to_id").first()
    prev = last_archive.last_hash if last_archive else GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.prev_hash != prev:
            return ChainReport(checked, entry.pk, "与上一条记录的链接断开（记录被删除或插入）")
        if entry.compute_hash() != entry.hash:
            return ChainReport(checked, entry.pk, "内容与哈希不符（记录被修改）")
        prev = entry.hash
        checked += 1
    return ChainReport(checked, None)


def snapshot(obj, fields) -> dict:
    """A before/after summary of the named fields, as JSON-safe strings."""
    return {f: (None if getattr(obj, f) is None else str(getattr(obj, f))) for f in fields}
