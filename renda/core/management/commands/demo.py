from django.core.management.base import BaseCommand

from renda.core import demo
from renda.core.demo_data import build_core, describe_accounts
from renda.core.models import Body, Unit, User


class Command(BaseCommand):
    help = "Load the demo county once (bodies, units, one account per role, then every app's demo data)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-if-loaded", action="store_true", help="print nothing when already loaded"
        )

    def handle(self, *args, quiet_if_loaded=False, **options):
        if Body.objects.exists():
            if not quiet_if_loaded:
                self.stdout.write("演示数据已存在，未重复加载。")
            self._print_accounts()
            return
        county = build_core()
        for _order, name, step in sorted(demo.STEPS, key=lambda s: s[0]):
            self.stdout.write(f"  · {name}")
            step(county)
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已加载：{Body.objects.count()} 个人大机关，{Unit.objects.count()} 个承办单位，"
                f"{User.objects.count()} 个账号。"
            )
        )
        self._print_accounts()

    def _print_accounts(self):
        self.stdout.write(f"\n演示账号（密码均为 {demo.DEMO_PASSWORD}，演示环境无需动态验证码）：")
        for username, role, org in describe_accounts():
            self.stdout.write(f"  {username:<10} {role:<12} {org}")
