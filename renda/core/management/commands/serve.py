"""`renda serve`: the production stack on this machine — gunicorn workers and the Huey consumer.

It refuses to start while a production requirement is missing (core.ops.requirements) or a migration is
not applied (run `renda upgrade` first), and stops both processes when either one ends.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from renda.core.ops import requirements


def _env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "renda.settings"),
    }


class Command(BaseCommand):
    help = "Run the production stack: gunicorn (N workers) and the Huey consumer, after checking the setup."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("RENDA_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=None, help="default: WEB_CONCURRENCY or 2×cores+1")
        parser.add_argument("--check", action="store_true", help="only check the setup and exit")
        parser.add_argument("--no-worker", action="store_true", help="do not start the Huey consumer here")

    def handle(self, *args, bind, workers, check, no_worker, **options):
        found = requirements.problems()
        if found:
            raise CommandError("生产环境配置不完整，拒绝启动：\n" + "\n".join(f"  - {p}" for p in found))
        pending = self._pending_migrations()
        if pending:
            raise CommandError(f"数据库有 {pending} 个迁移未执行：请先运行 renda upgrade（会先确认已备份）。")
        workers = workers or int(os.environ.get("WEB_CONCURRENCY") or requirements.default_workers())
        if check:
            self.stdout.write(self.style.SUCCESS(f"生产环境检查通过：{workers} 个工作进程，监听 {bind}。"))
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        connection.close()  # the children open their own connections
        python = sys.executable
        procs = [
            subprocess.Popen(  # noqa: S603 (our own interpreter and fixed arguments)
                [
                    python, "-m", "gunicorn", "renda.wsgi:application",
                    "--workers", str(workers), "--bind", bind,
                    "--access-logfile", "-", "--timeout", "60", "--graceful-timeout", "30",
                ],
                env=_env(),
            )
        ]  # fmt: skip
        if not no_worker:
            procs.append(subprocess.Popen([python, "-m", "django", "run_huey", "--quiet"], env=_env()))  # noqa: S603
        self.stdout.write(
            f"renda 已启动：{workers} 个工作进程，监听 {bind}；任务进程{'未' if no_worker else '已'}启动。"
        )
        self._supervise(procs)

    @staticmethod
    def _pending_migrations() -> int:
        executor = MigrationExecutor(connection)
        return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))

    @staticmethod
    def _supervise(procs: list[subprocess.Popen]) -> None:
        def stop(*_):
            for p in procs:
                if p.poll() is None:
                    p.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        finally:
            stop()
            for p in procs:
                try:
                    p.wait(timeout=35)
                except subprocess.TimeoutExpired:
                    p.kill()
        codes = [p.returncode for p in procs]
        if any(code not in (0, -signal.SIGTERM) for code in codes):
            raise CommandError(f"进程异常退出：{codes}")
