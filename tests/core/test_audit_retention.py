"""Audit-log retention and the daily chain check (domain.md §7.1 安全审计: kept ≥ 180 days; issue 21)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from renda.core import audit, audit_retention
from renda.core.models import AuditArchive, AuditEntry
from renda.notify.models import Notification

pytestmark = pytest.mark.django_db


def _tamper(cur, sql, params):
    """Tests change entries behind the application's back; PostgreSQL's append-only trigger is bypassed the
    way tests/core/test_audit.py does it."""
    pg = connection.vendor == "postgresql"
    if pg:
        cur.execute("SET session_replication_role = replica")
    cur.execute(sql, params)
    if pg:
        cur.execute("SET session_replication_role = DEFAULT")


def _entry(days_ago: int, action: str = "test.write") -> AuditEntry:
    entry = audit.record(action, object_type="test", object_id="1")
    with connection.cursor() as cur:  # backdate, keeping the hash right (the time is part of what it covers)
        entry.at = timezone.now() - timedelta(days=days_ago)
        digest = entry.compute_hash()
        _tamper(
            cur, "UPDATE core_auditentry SET at = %s, hash = %s WHERE id = %s", [entry.at, digest, entry.pk]
        )
    return entry


def _rechain():
    """Re-link the backdated rows so the chain is whole before the test acts."""
    prev = audit.GENESIS
    with connection.cursor() as cur:
        for e in AuditEntry.objects.order_by("id"):
            e.prev_hash = prev
            e.hash = e.compute_hash()
            _tamper(
                cur,
                "UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev, e.hash, e.pk],
            )
            prev = e.hash


def test_retention_is_never_under_180_days():
    with override_settings(AUDIT_RETENTION_DAYS=30):
        assert audit_retention.retention_days() == 180
    with override_settings(AUDIT_RETENTION_DAYS=400):
        assert audit_retention.retention_days() == 400


def test_entries_past_retention_move_to_a_file_and_the_chain_still_verifies(tmp_path):
    old = [_entry(500), _entry(400)]
    recent = _entry(10)
    _rechain()
    with override_settings(VAR_DIR=tmp_path, AUDIT_RETENTION_DAYS=365):
        archive = audit_retention.archive_expired()
    assert archive.entries == 2 and archive.up_to_id == old[-1].pk
    assert audit_retention.archive_file_intact(archive)
    archived = audit_retention.read_archive(archive)
    assert [r["fields"][5] for r in archived] == ["test.write", "test.write"]  # the action, kept in the file
    assert set(AuditEntry.objects.values_list("pk", flat=True)) >= {recent.pk}
    assert not AuditEntry.objects.filter(pk__in=[e.pk for e in old]).exists()
    report = audit.verify()
    assert report.ok, report.reason
    assert AuditEntry.objects.filter(action="audit.archive").exists()


def test_nothing_within_retention_is_archived(tmp_path):
    _entry(100)
    with override_settings(VAR_DIR=tmp_path):
        assert audit_retention.archive_expired() is None
    assert AuditArchive.objects.count() == 0


def test_a_broken_chain_alerts_the_audit_and_security_admins_once(
    audit_admin, security_admin, system_admin, staff
):
    first = audit.record("test.one", object_type="test", object_id="1")
    audit.record("test.two", object_type="test", object_id="2")
    with connection.cursor() as cur:
        _tamper(cur, "UPDATE core_auditentry SET object_repr = 'tampered' WHERE id = %s", [first.pk])
    report = audit_retention.check_chain()
    assert not report.ok and report.broken_at == first.pk
    audit_retention.check_chain()  # the next day's run: no second alert for the same break
    told = Notification.objects.filter(title="审计日志哈希链断裂")
    assert sorted(told.values_list("user__role", flat=True)) == ["audit_admin", "security_admin"]


def test_the_daily_task_checks_then_archives(tmp_path):
    from renda.core.tasks import audit_check_and_archive

    _entry(800)
    _rechain()
    with override_settings(VAR_DIR=tmp_path):
        result = audit_check_and_archive.call_local()
    assert result["ok"] and result["archived"] == 1
