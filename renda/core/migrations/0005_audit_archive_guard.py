"""The append-only guard lets one statement through: the retention task's DELETE of entries it has just written
to an archive file (core.audit_retention), which sets renda.audit_archive for its own transaction only."""

from django.db import migrations

PG_GUARD = """
CREATE OR REPLACE FUNCTION renda_audit_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('renda.audit_archive', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit log is append-only (审计日志只能追加)';
END;
$$ LANGUAGE plpgsql;
"""
PG_STRICT = """
CREATE OR REPLACE FUNCTION renda_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only (审计日志只能追加)';
END;
$$ LANGUAGE plpgsql;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_GUARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PG_STRICT)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_audit_archive")]
    operations = [migrations.RunPython(forward, backward)]
