from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("suggestions", "0004_origin_content_type")]

    operations = [
        migrations.RemoveField(model_name="suggestion", name="origin_label"),
        migrations.AddIndex(
            model_name="suggestion",
            index=models.Index(fields=["origin_type", "origin_id"], name="suggestions_origin__9b1dbe_idx"),
        ),
    ]
