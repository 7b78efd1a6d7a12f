"""`renda upgrade`: migrate, but only after a backup of this database (or make one with --backup)."""

from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

MAX_AGE = timedelta(hours=24)


class Command(BaseCommand):
    help = "Apply migrations after checking that the database was backed up in the last 24 hours."

    def add_arguments(self, parser):
        parser.add_argument("--backup", action="store_true", help="make a backup now, then migrate")
        parser.add_argument(
            "--no-backup-check", action="store_true", help="migrate without a backup (not advised)"
        )

    def handle(self, *args, backup: bool = False, no_backup_check: bool = False, **options):
        import os

        from renda.core.ops import backup as ops_backup

        if backup:
            default = os.environ.get("RENDA_BACKUP_DIR") or str(Path(settings.VAR_DIR) / "backups")
            path = ops_backup.create(Path(default))
            self.stdout.write(f"已备份：{path}")
        elif not no_backup_check:
            last = ops_backup.last_backup()
            if last is None:
                raise CommandError(
                    "升级前未找到本数据库的备份：请先运行 renda backup，或用 renda upgrade --backup。"
                )
            made = datetime.fromisoformat(last["created_at"])
            if datetime.now().astimezone() - made > MAX_AGE:
                raise CommandError(
                    f"最近一次备份（{made:%Y-%m-%d %H:%M}）已超过 24 小时：请先运行 renda backup。"
                )
            self.stdout.write(f"最近备份：{last['path']}（{made:%Y-%m-%d %H:%M}）")
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS("升级完成。"))
