"""DutyRecord.source_type becomes a content type (issue 15 "Soft references in one spelling"), keeping every
source and the idempotency of automatic records: an "app.model" string of an installed model maps to its
ContentType (created if missing); any other string (the demo's "demo.suggestion") is kept as a content type
row of that name (app_label "legacy" when it has no dot). That row keeps the text and (mandate, source)
unique but names no model (model_class() is None), and PROTECT keeps remove_stale_contenttypes from deleting
it while it is used. 0005 drops the old column and puts the unique constraint back: PostgreSQL refuses to
alter a table in the transaction that filled its new foreign key."""

import django.db.models.deletion
from django.db import migrations, models


def _content_type(apps, ContentType, label: str):
    app_label, _, model = label.strip().rpartition(".")
    try:
        return ContentType.objects.get_for_model(apps.get_model(app_label, model))
    except (LookupError, ValueError):
        return ContentType.objects.get_or_create(app_label=app_label or "legacy", model=model.lower())[0]


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    DutyRecord = apps.get_model("duties", "DutyRecord")
    labels = DutyRecord.objects.exclude(source_label="").values_list("source_label", flat=True).distinct()
    for label in list(labels):
        ct = _content_type(apps, ContentType, label)
        DutyRecord.objects.filter(source_label=label).update(source_type=ct)


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    DutyRecord = apps.get_model("duties", "DutyRecord")
    used = DutyRecord.objects.filter(source_type__isnull=False).values_list("source_type", flat=True)
    for ct in ContentType.objects.filter(pk__in=used.distinct()):
        label = ct.model if ct.app_label == "legacy" else f"{ct.app_label}.{ct.model}"
        DutyRecord.objects.filter(source_type=ct).update(source_label=label[:60])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("duties", "0003_leave_per_half_day"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="dutyrecord", name="dutyrecord_once_per_source"),
        migrations.RenameField(model_name="dutyrecord", old_name="source_type", new_name="source_label"),
        migrations.AddField(
            model_name="dutyrecord",
            name="source_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="来源对象类型",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
