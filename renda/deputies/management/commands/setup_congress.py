"""Set up a congress from an empty install, or add to one: body, term, delegations, constituencies, groups and
the first accounts (a system admin and a staff member), from a small YAML or JSON file.

    renda setup_congress congress.yaml            # safe to run twice: what exists is kept, nothing doubled

    name: 青山县            # the place; bodies are named 青山县人民代表大会 / 青山县人大常委会
    level: county           # national | province | city | county | township
    region_code: "360925"
    parent: 九江市人民代表大会   # optional: an existing body above
    term: {number: 18, start: 2021-10-20, end: 2026-12-31}
    delegations: [城关镇代表团, 青石镇代表团]
    constituencies: [城关镇第1选区, 城关镇第2选区]
    groups: [城关镇代表小组]
    professional_groups: [法制专业小组]
    accounts:                # only made when the username is free; passwords from the environment
      - {username: admin, full_name: 系统管理员, role: system_admin, password_env: RENDA_ADMIN_PASSWORD}
      - {username: wang, full_name: 王工作, role: staff, password_env: RENDA_STAFF_PASSWORD}
"""

import json
import os
from datetime import date
from pathlib import Path

import yaml
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body, BodyKind, Level, User
from renda.core.roles import UNIT_ROLES, Role
from renda.deputies.models import Term
from renda.deputies.services import setup


def _date(value, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise CommandError(f"{what}“{value}”无效，应为 YYYY-MM-DD") from exc


def ensure_bodies(spec: dict) -> tuple[Body, Body]:
    """The congress and the body its staff work in (常委会; a township's 主席团 is both)."""
    place = str(spec.get("name") or "").strip()
    level = spec.get("level")
    if not place:
        raise CommandError("缺少 name（地名，如 青山县）")
    if level not in Level.values:
        raise CommandError(f"level 应为 {' | '.join(Level.values)}")
    parent = None
    if spec.get("parent"):
        parent = Body.objects.filter(name=spec["parent"]).first()
        if parent is None:
            raise CommandError(f"上级机关“{spec['parent']}”不存在")
    region = {
        "region_code": str(spec.get("region_code") or ""),
        "region_name": str(spec.get("region_name") or place),
    }
    if level == Level.TOWNSHIP:
        name = f"{place}人大主席团"
        body = Body.objects.filter(name=name).first() or _create_body(
            name=name, short_name=place, kind=BodyKind.PRESIDIUM, level=level, parent=parent, **region
        )
        return body, body
    congress = Body.objects.filter(name=f"{place}人民代表大会").first() or _create_body(
        name=f"{place}人民代表大会",
        short_name=f"{place}人大",
        kind=BodyKind.CONGRESS,
        level=level,
        parent=parent,
        **region,
    )
    sc_name = f"{place}人大常委会" if level != Level.NATIONAL else "全国人民代表大会常务委员会"
    sc = Body.objects.filter(name=sc_name, parent=congress).first() or _create_body(
        name=sc_name, kind=BodyKind.STANDING_COMMITTEE, level=level, parent=congress, order=1, **region
    )
    return congress, sc


def _create_body(**values) -> Body:
    body = Body.objects.create(**values)
    audit.record("core.body.create", body, by=None, after={"name": body.name, "kind": body.kind})
    return body


def ensure_accounts(accounts: list[dict], home: Body, out) -> None:
    for a in accounts:
        username = str(a.get("username") or "").strip()
        if not username:
            raise CommandError("账号缺少 username")
        if User.objects.filter(username__iexact=username).exists():
            out(f"账号 {username} 已存在，未改动")
            continue
        role = a.get("role")
        if role not in Role.values or role in UNIT_ROLES:
            raise CommandError(f"账号 {username} 的 role 无效（承办单位账号请由系统管理员在页面开设）")
        password = os.environ.get(a.get("password_env") or "", "")
        if not password:
            raise CommandError(
                f"账号 {username}：请在环境变量 {a.get('password_env') or '（password_env）'} 中给出初始密码"
            )
        user = User(username=username, full_name=str(a.get("full_name") or username), role=role, body=home)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(f"账号 {username} 的密码不符合要求：{'；'.join(exc.messages)}") from exc
        user.set_password(password)
        user.save()
        audit.record(
            "account.create", user, by=None, after={"username": username, "role": role, "org": str(home)}
        )
        out(f"已开设账号 {username}（{user.role_label}，{home}），首次登录时绑定动态口令")


class Command(BaseCommand):
    help = "设立人民代表大会及其届次、代表团、选区、代表小组和首批账号（YAML 或 JSON 文件；可重复运行）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="YAML 或 JSON 文件")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.exists():
            raise CommandError(f"文件不存在：{file}")
        text = path.read_text(encoding="utf-8")
        try:
            spec = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise CommandError(f"文件无法解析：{exc}") from exc
        if not isinstance(spec, dict):
            raise CommandError("文件内容应为一个对象（name、level、term …）")
        out = self.stdout.write
        try:
            with transaction.atomic():
                congress, home = ensure_bodies(spec)
                out(f"人大：{congress}")
                ensure_accounts(spec.get("accounts") or [], home, out)
                t = spec.get("term")
                if t:
                    number = int(t.get("number") or 0)
                    existing = Term.objects.filter(body=congress, number=number).first()
                    if existing:
                        out(f"{existing}已存在，未改动")
                    else:
                        term = setup.create_term(
                            congress,
                            number=number,
                            start_date=_date(t.get("start"), "起始日期"),
                            end_date=_date(t.get("end"), "届满日期"),
                            by=None,
                        )
                        out(f"已设立{term}（{term.start_date} 至 {term.end_date or '未定'}）")
                for kind, (_model, label) in setup.ORG_KINDS.items():
                    names = spec.get(kind) or []
                    if names:
                        r = setup.add_orgs_bulk(kind, congress, text="\n".join(map(str, names)), by=None)
                        out(f"{label}：新增 {len(r.created)} 个，已有 {len(r.existing)} 个")
        except Refused as exc:
            raise CommandError(exc.message) from exc
