from django.core.management.base import BaseCommand, CommandError

from renda.core.ops import rotation


class Command(BaseCommand):
    help = "Re-encrypt personal data with FIELD_ENCRYPTION_KEY/FIELD_CIPHER, in resumable batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=rotation.BATCH)

    def handle(self, *args, batch, **options):
        if batch < 1 or batch > 50_000:
            raise CommandError("--batch 应在 1 到 50000 之间。")
        counts = rotation.rotate(batch=batch)
        for label, n in counts.items():
            self.stdout.write(f"{label}: 重新加密 {n} 条")
        left = {k: v for k, v in rotation.unreadable().items() if v}
        if left:
            raise CommandError(
                "以下字段有无法用现有密钥解密的数据，请勿删除旧密钥："
                + "；".join(f"{k} {v} 条" for k, v in left.items())
            )
        self.stdout.write(
            self.style.SUCCESS(
                "全部个人信息已使用当前密钥加密，可以从 FIELD_ENCRYPTION_OLD_KEYS 移除旧密钥。"
            )
        )
