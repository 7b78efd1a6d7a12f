import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from renda.core.ops import backup


class Command(BaseCommand):
    help = "Back up the database (online) and the attachments into one archive with a checksummed manifest."

    def add_arguments(self, parser):
        default = os.environ.get("RENDA_BACKUP_DIR") or str(Path(settings.VAR_DIR) / "backups")
        parser.add_argument("--out", default=default, help="a directory or an archive name")
        parser.add_argument("--encrypt", action="store_true", help="encrypt with RENDA_BACKUP_KEY (Fernet)")

    def handle(self, *args, out, encrypt, **options):
        key = os.environ.get("RENDA_BACKUP_KEY", "")
        if encrypt and not key:
            from django.core.management.base import CommandError

            raise CommandError("加密备份需要 RENDA_BACKUP_KEY（生成：renda generate-field-key）。")
        path = backup.create(Path(out), key=key if encrypt else "")
        tables = backup.fingerprint()
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成：{path}（{len(tables)} 张表，{sum(t['rows'] for t in tables.values())} 行）"
            )
        )
