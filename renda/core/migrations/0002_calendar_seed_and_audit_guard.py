"""Seed the holiday table from chinesecalendar, and make the audit table append-only in PostgreSQL."""

from django.db import migrations

PG_GUARD = """
CREATE OR REPLACE FUNCTION renda_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only (审计日志只能追加)';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
  FOR EACH ROW EXECUTE FUNCTION renda_audit_append_only();
"""
PG_UNGUARD = """
DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;
DROP FUNCTION IF EXISTS renda_audit_append_only();
"""


def seed(apps, schema_editor):
    from renda.core import calendar_seed

    CalendarDay = apps.get_model("core", "CalendarDay")
    rows = []
    for year in calendar_seed.known_years():
        source = calendar_seed.source_for(year)
        rows += [
            CalendarDay(date=d, kind=k, name=n, source=source)
            for d, k, n in calendar_seed.chinesecalendar_days(year)
        ]
    CalendarDay.objects.bulk_create(rows, batch_size=1000)


def unseed(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.all().delete()


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_GUARD)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed), migrations.RunPython(guard, unguard)]
