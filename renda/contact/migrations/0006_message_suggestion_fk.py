"""Message.suggestion_id (a bare integer) becomes a real nullable foreign key (issue 15), keeping every link:
the column keeps its name and values; an id whose suggestion no longer exists becomes NULL first, since the
new constraint would refuse it (a deleted draft leaves the message without a suggestion, as SET_NULL would)."""

import django.db.models.deletion
from django.db import migrations, models


def drop_dangling(apps, schema_editor):
    Message = apps.get_model("contact", "Message")
    Suggestion = apps.get_model("suggestions", "Suggestion")
    Message.objects.filter(suggestion_id__isnull=False).exclude(
        suggestion_id__in=Suggestion.objects.values("pk")
    ).update(suggestion_id=None)


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0005_tracking_code_hash"),
        ("suggestions", "0005_drop_origin_label"),
    ]

    operations = [
        migrations.RunPython(drop_dangling, migrations.RunPython.noop),
        # Two steps so the state gets a field named `suggestion` on the same column `suggestion_id`.
        migrations.RenameField(model_name="message", old_name="suggestion_id", new_name="suggestion"),
        migrations.AlterField(
            model_name="message",
            name="suggestion",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="voter_messages",
                to="suggestions.suggestion",
                verbose_name="转成的代表建议",
            ),
        ),
    ]
