"""Append-only audit log with a hash chain (issue 4; domain.md §7.1 安全审计)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from renda.core import audit
from renda.core.models import AuditEntry
from renda.core.models.audit import AppendOnly

pytestmark = pytest.mark.django_db


def _entries(n, user):
    for i in range(n):
        audit.record(
            "test.write", by=user, object_type="test", object_id=str(i), before={"x": i}, after={"x": i + 1}
        )


def test_entries_chain_to_the_previous_one(staff):
    _entries(3, staff)
    rows = list(AuditEntry.objects.order_by("id"))
    assert rows[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    assert rows[0].actor == staff and rows[0].role == "staff"
    assert rows[0].summary == {"changed": ["x"]}  # the names, never the values
    assert audit.verify().ok


def test_application_cannot_edit_or_delete_entries(staff):
    _entries(1, staff)
    entry = AuditEntry.objects.get()
    entry.action = "forged"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.update(action="forged")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def _tamper(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # The database itself refuses (trigger); only a superuser bypassing triggers can tamper.
            with pytest.raises(DatabaseError), transaction.atomic():
                cur.execute(sql, params)
            cur.execute("SET session_replication_role = replica")
        cur.execute(sql, params)
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = DEFAULT")


def test_verify_audit_detects_an_edited_entry(staff):
    _entries(4, staff)
    target = AuditEntry.objects.order_by("id")[1]
    _tamper("UPDATE core_auditentry SET actor_name = %s WHERE id = %s", ["someone else", target.pk])
    report = audit.verify()
    assert not report.ok and report.broken_at == target.pk
    with pytest.raises(CommandError, match="被篡改"):
        call_command("verify_audit")


def test_verify_audit_detects_a_deleted_entry(staff):
    _entries(4, staff)
    target = AuditEntry.objects.order_by("id")[2]
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [target.pk])
    report = audit.verify()
    assert not report.ok and report.broken_at == target.pk + 1


def test_verify_audit_command_passes_on_an_intact_log(staff, capsys):
    _entries(2, staff)
    call_command("verify_audit")
    assert "完整" in capsys.readouterr().out


def test_a_rolled_back_write_leaves_no_entry_but_its_refusal_does(staff):
    from renda.core.errors import Refused

    with pytest.raises(Refused), transaction.atomic():
        audit.record("test.write", by=staff)
        raise Refused("nope", "不行")
    assert not AuditEntry.objects.exists()
    audit.record_refusal(Refused("nope", "不行"), by=staff)
    assert AuditEntry.objects.get().action == "refused"


def test_audit_admin_reads_and_verifies_the_log(login, audit_admin, staff):
    _entries(2, staff)
    c = login(audit_admin)
    page = c.get("/work/admin/audit/")
    assert page.status_code == 200 and "test.write" in page.content.decode()
    r = c.post("/work/admin/audit/verify/", follow=True)
    assert "哈希链无断裂" in r.content.decode()


def test_other_roles_cannot_read_the_audit_log(login, staff, system_admin):
    assert login(staff).get("/work/admin/audit/").status_code == 404
    assert login(system_admin).get("/work/admin/audit/").status_code == 404
    assert AuditEntry.objects.filter(action="refused").count() == 2
