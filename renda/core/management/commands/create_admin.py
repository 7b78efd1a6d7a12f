"""`renda create-admin`: open or reset one of the three admin accounts, on the server only (三员分立).

Inside the system no admin can open, reset or stop an admin account (core.services); whoever installs the
server opens the three accounts for three different people, each with a one-time password printed once.
"""

import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renda.core import audit
from renda.core.models import Body, User
from renda.core.roles import ADMIN_ROLES, Role


class Command(BaseCommand):
    help = "Open (or reset the password of) a system, security or audit admin account, on the server."

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=sorted(r.value for r in ADMIN_ROLES))
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--body", type=int, help="the body's id (default: the top body)")

    @transaction.atomic
    def handle(self, *args, role, username, full_name, body, **options):
        org = Body.objects.filter(pk=body).first() if body else Body.objects.order_by("path").first()
        if org is None:
            raise CommandError("尚无人大机关：请先完成初始化（导入机关）再开设管理员账号。")
        user = User.objects.filter(username__iexact=username).first()
        if user is not None and user.role != role:
            raise CommandError(f"用户名“{username}”已用于{user.role_label}账号，不能改为其他角色。")
        others = User.objects.filter(role__in=[r.value for r in ADMIN_ROLES]).exclude(role=role)
        if others.filter(full_name=full_name).exists():
            raise CommandError("三员账号须由三个不同的人担任：该姓名已有另一类管理员账号。")
        password = secrets.token_urlsafe(12) + "-Aa1"
        created = user is None
        if created:
            user = User(username=username, full_name=full_name, role=Role(role), body=org)
        user.set_password(password)
        user.is_active = True
        user.save()
        audit.record("account.create_admin" if created else "account.reset_admin", user, after={"role": role})
        self.stdout.write(f"{'已开设' if created else '已重置'} {user.role_label}账号 {username}")
        self.stdout.write(f"一次性密码（只显示这一次，请当面交给本人）：{password}")
