"""`renda bench-data --scale county|city|province [--force]`: fill the configured database with the
synthetic benchmark data set (benchmarks/generate.py). Refuses a database holding other data unless --force."""

import os

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "生成基准测试数据（县/市/省规模，确定性、批量写入）。Fill the database with benchmark data."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="city", help="county | city | province（默认 city）")
        parser.add_argument("--force", action="store_true", help="清空已有的非基准数据后生成")

    def handle(self, *args, scale: str, force: bool, **options):
        try:
            from benchmarks.generate import BenchError, check_scale, ensure
            from benchmarks.setup import check_database
        except ImportError as exc:  # an installed package without the source tree's benchmarks/
            raise CommandError(
                "找不到 benchmarks 目录：请在源码目录中运行。(run from the source tree)"
            ) from exc
        try:
            check_scale(scale)
            if os.environ.get("DATABASE_URL"):  # before Django's pool retries a missing database for a minute
                check_database(os.environ["DATABASE_URL"])
            ensure(scale, force=force, out=self.stdout.write)
        except BenchError as exc:
            raise CommandError(str(exc)) from exc
