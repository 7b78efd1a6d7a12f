from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.core import services
from renda.core.errors import Refused


class Command(BaseCommand):
    help = "Enter one year's holidays from a text file of lines 'YYYY-MM-DD 休|班 name' (a new State Council notice)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--source", required=True, help="the notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知"
        )

    def handle(self, *args, year, file, source, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"无法读取文件 {file}：{exc}") from exc
        try:
            days = services.parse_calendar_lines(text)
            recounted = services.set_calendar_year(year, days, source=source, by=None)
        except Refused as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{year} 年已录入 {len(days)} 天，重算了 {recounted} 个期限。"))
