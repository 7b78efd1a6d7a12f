"""Import a roster file too big for the browser: `renda import_deputies FILE --body ID --user NAME [--commit]`.

Without --commit it only checks (like the web's first step). With errors, nothing is written unless
--valid-only is given. The same code as the web import (renda.deputies.importing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from renda.core.errors import Refused
from renda.core.models import Body, User
from renda.deputies import importing


class Command(BaseCommand):
    help = "校验并导入代表名册（xlsx 或 csv，UTF-8/GBK），用于浏览器无法上传的大文件"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--body", type=int, required=True, help="代表所属人大机关的编号")
        parser.add_argument("--user", required=True, help="执行导入的工作人员用户名（记入审计日志）")
        parser.add_argument("--commit", action="store_true", help="校验后写入（默认只校验）")
        parser.add_argument("--valid-only", action="store_true", help="有错误行时仅导入有效行")

    def handle(self, *args, file, body, user, commit, valid_only, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{file}")
        target = Body.objects.filter(pk=body).first()
        actor = User.objects.filter(username=user).first()
        if target is None or actor is None:
            raise CommandError("人大机关编号或用户名不存在")
        data = path.read_bytes()
        try:
            table = importing.reader.read_table_unbounded(data, path.name)  # no 50 MB browser limit here
            report = importing.prepare(table.rows, body=target)
            report.file_notes[:0] = table.notes
        except importing.FileProblem as exc:
            raise CommandError(exc.message) from exc
        self._print(report)
        if not commit:
            self.stdout.write("仅校验，未写入。加 --commit 写入。")
            return
        try:
            result = importing.write_report(report, body=target, by=actor, valid_only=valid_only)
        except Refused as exc:
            raise CommandError(exc.message) from exc
        if result.counts is None:
            raise CommandError(
                "文件有错误行或待确认的行，未写入任何数据。修改后重试，或加 --valid-only 仅导入有效行。"
            )
        c = result.counts
        self.stdout.write(
            self.style.SUCCESS(f"已导入：新增 {c.created}，更新 {c.updated}，未变 {c.unchanged}。")
        )

    def _print(self, report) -> None:
        self.stdout.write(f"数据行 {report.total}，有效 {len(report.valid)}，错误 {report.error_count}")
        for note in report.file_notes:
            self.stdout.write(f"  · {note}")
        for kind, n in report.notes.most_common():
            self.stdout.write(f"  规范化：{kind} {n} 行（如 {report.note_examples[kind]}）")
        for e in report.errors:
            self.stdout.write(f"  第{e['line']}行 {e.get('name') or ''}：{'；'.join(e['reasons'])}")
        for a in report.ambiguous:
            self.stdout.write(
                f"  第{a['line']}行 {a['name']}：待确认（{a['reason']}），请在网页上传后逐行确认"
            )
        if report.pairs:
            self.stdout.write(f"  同名行 {len(report.pairs)} 对：按两位代表导入")
        if report.error_count > len(report.errors):
            self.stdout.write(f"  ……另有 {report.error_count - len(report.errors)} 行错误未列出")
