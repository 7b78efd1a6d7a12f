from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("duties", "0004_source_content_type")]

    operations = [
        migrations.RemoveField(model_name="dutyrecord", name="source_label"),
        migrations.AlterField(
            model_name="dutyrecord",
            name="source_id",
            field=models.CharField(blank=True, default="", max_length=40, verbose_name="来源对象编号"),
        ),
        migrations.AddConstraint(
            model_name="dutyrecord",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source_type__isnull", False)),
                fields=("mandate", "source_type", "source_id"),
                name="dutyrecord_once_per_source",
            ),
        ),
    ]
