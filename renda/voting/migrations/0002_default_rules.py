"""The default counting rules (renda/voting/defaults.py), each citing its article: 选举法第三十一、四十四、
四十五条; 地方组织法第十六、五十一条; domain.md §5.3 for satisfaction votes. A row already there (same code
and version) is left alone; new versions are added by later migrations or by staff, never by editing."""

from django.db import migrations


def seed(apps, schema_editor):
    from renda.voting.defaults import RULES

    Rule = apps.get_model("voting", "Rule")
    for row in RULES:
        data = dict(row)
        Rule.objects.get_or_create(code=data.pop("code"), version=data.pop("version", 1), defaults=data)


class Migration(migrations.Migration):
    dependencies = [("voting", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
