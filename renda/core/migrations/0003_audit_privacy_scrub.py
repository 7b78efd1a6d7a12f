"""Scrub business content and secrets from the audit log kept so far, and re-chain it (issue 14; §7.1, §7.2).

Entries before this held before/after values, free-text notes, refusal messages and object names (message
titles, voters' tracking codes in paths). Each entry keeps type, id, action, actor, time, IP and the names
of the changed fields. The hashes are recomputed in id order so `verify_audit` passes; whether the old
chain verified first is written into one closing entry, so a scrub never hides earlier tampering."""

import hashlib
import json

from django.db import migrations
from django.utils import timezone

GENESIS = "0" * 64
TRIGGER = "core_auditentry_append_only"


def _canonical(e) -> str:
    # Frozen copy of AuditEntry.canonical() as of this migration.
    return json.dumps(
        [
            e.at.isoformat(timespec="microseconds"),
            e.actor_id,
            e.actor_name,
            e.role,
            e.ip,
            e.action,
            e.object_type,
            e.object_id,
            e.object_repr,
            e.summary,
            e.prev_hash,
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )


def _hash(e) -> str:
    return hashlib.sha256(_canonical(e).encode()).hexdigest()


def _changed(summary: dict) -> list[str]:
    names: set[str] = set()
    for part in (summary.get("before"), summary.get("after")):
        for key, value in (part or {}).items() if isinstance(part, dict) else ():
            if key == "changed" and isinstance(value, list):
                names.update(str(v) for v in value)
            else:
                names.add(str(key))
    names.update(str(v) for v in summary.get("changed", []) if isinstance(summary.get("changed"), list))
    if summary.get("note"):
        names.add("note")
    return sorted(names)


def _scrubbed_summary(e) -> dict:
    summary = e.summary if isinstance(e.summary, dict) else {}
    if e.object_type == "refusal":
        return {"code": e.object_id}
    fields = _changed(summary)
    return {"changed": fields} if fields else {}


def _label(e) -> str:
    if e.object_type == "core.user":
        return e.object_repr[:150]  # the account's name: an identity, as the actor's name is
    return f"{e.object_type}#{e.object_id}" if e.object_id else e.object_type


def scrub(apps, schema_editor):
    Entry = apps.get_model("core", "AuditEntry")
    pg = schema_editor.connection.vendor == "postgresql"
    if not Entry.objects.exists():
        return
    if pg:
        # Deferred foreign-key checks of rows written earlier in this transaction would block the ALTER.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE core_auditentry DISABLE TRIGGER {TRIGGER}")
    old_prev, ok_before, broken_at, prev, count, batch = GENESIS, True, None, GENESIS, 0, []
    for e in Entry.objects.order_by("id").iterator(chunk_size=2000):
        if ok_before and (e.prev_hash != old_prev or _hash(e) != e.hash):
            ok_before, broken_at = False, e.pk
        old_prev = e.hash
        e.summary = _scrubbed_summary(e)
        e.object_repr = _label(e)[:200]
        e.prev_hash = prev
        e.hash = _hash(e)
        prev = e.hash
        batch.append(e)
        count += 1
        if len(batch) >= 1000:
            Entry.objects.bulk_update(batch, ["summary", "object_repr", "prev_hash", "hash"])
            batch = []
    if batch:
        Entry.objects.bulk_update(batch, ["summary", "object_repr", "prev_hash", "hash"])
    if pg:
        schema_editor.execute(f"ALTER TABLE core_auditentry ENABLE TRIGGER {TRIGGER}")
    closing = Entry(
        at=timezone.now(),
        actor_name="系统（数据迁移）",
        action="audit.scrub",
        object_type="core.auditentry",
        summary={"rows": count, "chain_ok_before": ok_before, "broken_at": broken_at},
        prev_hash=prev,
    )
    closing.hash = _hash(closing)
    closing.save()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_calendar_seed_and_audit_guard")]
    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
