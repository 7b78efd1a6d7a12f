import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import Refused
from renda.core.ops import backup


class Command(BaseCommand):
    help = "Restore a `renda backup` archive into the configured database and check every table against it."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="overwrite a database that already has data")

    def handle(self, *args, archive, force, **options):
        try:
            differ = backup.restore(Path(archive), key=os.environ.get("RENDA_BACKUP_KEY", ""), force=force)
        except Refused as exc:
            raise CommandError(exc.message) from exc
        if differ:
            lines = [f"  {name}: 备份 {exp} / 恢复后 {got}" for name, (exp, got) in differ.items()]
            raise CommandError("恢复后有表与备份清单不一致：\n" + "\n".join(lines))
        self.stdout.write(self.style.SUCCESS("恢复完成：每张表的行数和校验和都与备份清单一致。"))
