"""Version 2 of `congress_motion`: version 1 cited 地方组织法 without article numbers. The 2022 text says
Art. 25 (elections and resolutions of a congress pass by more than half of all deputies) and Art. 14 para. 4
(a session is held only with two thirds of the deputies present). Version 1 stays for the polls that used it."""

from django.db import migrations


def add_version(apps, schema_editor):
    from renda.voting.defaults import RULES

    Rule = apps.get_model("voting", "Rule")
    row = dict(next(r for r in RULES if r["code"] == "congress_motion"))
    Rule.objects.get_or_create(code=row.pop("code"), version=row.pop("version"), defaults=row)


class Migration(migrations.Migration):
    dependencies = [("voting", "0002_default_rules")]
    operations = [migrations.RunPython(add_version, migrations.RunPython.noop)]
