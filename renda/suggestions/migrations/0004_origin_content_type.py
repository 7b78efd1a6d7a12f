"""Suggestion.origin_type becomes a content type (issue 15 "Soft references in one spelling"), keeping every
origin: an "app.model" string of an installed model maps to its ContentType (created if missing); any other
string is kept as a content type row of that name (app_label "legacy" when it has no dot). That row keeps the
text but names no model (model_class() is None: do not follow the GenericForeignKey on it), and PROTECT keeps
remove_stale_contenttypes from deleting it while it is used. 0005 drops the old column: PostgreSQL refuses to
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
    Suggestion = apps.get_model("suggestions", "Suggestion")
    labels = Suggestion.objects.exclude(origin_label="").values_list("origin_label", flat=True).distinct()
    for label in list(labels):
        ct = _content_type(apps, ContentType, label)
        Suggestion.objects.filter(origin_label=label).update(origin_type=ct)


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Suggestion = apps.get_model("suggestions", "Suggestion")
    used = Suggestion.objects.filter(origin_type__isnull=False).values_list("origin_type", flat=True)
    for ct in ContentType.objects.filter(pk__in=used.distinct()):
        label = ct.model if ct.app_label == "legacy" else f"{ct.app_label}.{ct.model}"
        Suggestion.objects.filter(origin_type=ct).update(origin_label=label[:40])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("suggestions", "0003_reply_class_upper_level"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="suggestion", name="suggestions_origin__1117ab_idx"),
        migrations.RenameField(model_name="suggestion", old_name="origin_type", new_name="origin_label"),
        migrations.AddField(
            model_name="suggestion",
            name="origin_type",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="contenttypes.contenttype",
                verbose_name="来源",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
