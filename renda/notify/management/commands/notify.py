"""`renda notify dispatch|check|digest|cleanup|run`: the outbox jobs by hand (the periodic task runs `run`)."""

import json

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "通知发送：dispatch 发送到期通知，check 查询结果不明的回执，digest 生成每日汇总，cleanup 清理过期记录，run 全部"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["dispatch", "check", "digest", "cleanup", "run"])
        parser.add_argument("--limit", type=int, default=500, help="每批领取条数（默认 500）")

    def handle(self, *args, action: str, limit: int, **opts):
        from renda.notify import services

        if not 1 <= limit <= 10_000:
            raise CommandError("--limit 应在 1 到 10000 之间")
        if action == "dispatch":
            services.recover()
            out = services.dispatch(limit=limit)
        elif action == "check":
            out = services.check(limit=limit)
        elif action == "digest":
            out = {"queued": services.queue_digests()}
        elif action == "cleanup":
            out = {"deleted": services.cleanup()}
        else:
            out = services.run()
        self.stdout.write(json.dumps(out, ensure_ascii=False))
