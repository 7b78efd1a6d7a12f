"""Tracking codes stored as a keyed hash only (issue 14 "Privacy", domain.md §7.2): hash every existing
code, then drop the clear column. Reversible only on an empty table: codes cannot be recovered from their hashes."""

from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError


def hash_codes(apps, schema_editor):
    from renda.contact.codes import digest

    Message = apps.get_model("contact", "Message")
    batch = []
    for pk, code in Message.objects.order_by("pk").values_list("pk", "code").iterator(chunk_size=2000):
        batch.append(Message(pk=pk, code_hash=digest(code)))
        if len(batch) == 2000:
            Message.objects.bulk_update(batch, ["code_hash"])
            batch = []
    if batch:
        Message.objects.bulk_update(batch, ["code_hash"])


def refuse_reverse(apps, schema_editor):
    if apps.get_model("contact", "Message").objects.exists():
        raise IrreversibleError("查询码只保存了摘要，无法恢复明文")


class Migration(migrations.Migration):
    dependencies = [("contact", "0004_policy_by_type_hours")]

    operations = [
        migrations.AlterField(
            model_name="message",
            name="urgency",
            field=models.CharField(
                blank=True,
                choices=[
                    ("emergency", "紧急（突发事件、危及生命财产安全）"),
                    ("utilities", "水电气热等时效性强"),
                    ("ordinary", "一般诉求"),
                    ("complex", "复杂诉求"),
                ],
                db_default="",
                default="",
                max_length=10,
                verbose_name="诉求类型",
            ),
        ),
        migrations.AddField(
            model_name="message",
            name="code_hash",
            field=models.CharField(max_length=64, null=True, verbose_name="查询码摘要"),
        ),
        migrations.RunPython(hash_codes, refuse_reverse),
        migrations.RemoveField(model_name="message", name="code"),
        migrations.AlterField(
            model_name="message",
            name="code_hash",
            field=models.CharField(max_length=64, unique=True, verbose_name="查询码摘要"),
        ),
    ]
