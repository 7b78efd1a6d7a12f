from django.core.management.base import BaseCommand, CommandError

from renda.core import audit


class Command(BaseCommand):
    help = "Walk the audit log's hash chain and report the first tampered entry (exit 1 if any)."

    def handle(self, *args, **options):
        report = audit.verify()
        if not report.ok:
            raise CommandError(
                f"审计日志被篡改：第 {report.broken_at} 条记录，{report.reason}（此前 {report.checked} 条完好）"
            )
        self.stdout.write(self.style.SUCCESS(f"审计日志完整：{report.checked} 条记录，哈希链无断裂。"))
