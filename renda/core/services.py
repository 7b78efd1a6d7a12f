"""Core writes: the holiday calendar and accounts. Every write is audited."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from . import audit, deadlines
from .errors import Refused
from .models import CalendarDay, DayKind, User
from .permissions import require_role
from .roles import Role

CALENDAR_EDITORS = (Role.SYSTEM_ADMIN,)


@transaction.atomic
def set_calendar_year(year: int, days: list[tuple[date, str, str]], *, source: str, by: User | None) -> int:
    """Replace `year`'s holidays and make-up working days with `days` [(date, kind, name)] and recount
    every deadline that crossed the year. Refuses days outside the year, duplicates and a missing source."""
    if by is not None:
        require_role(by, CALENDAR_EDITORS, action="修改节假日安排")
    source = (source or "").strip()
    if not source:
        raise Refused("calendar_source_missing", "请填写依据（国务院办公厅放假安排通知的名称和文号）")
    seen: set[date] = set()
    for day, kind, _name in days:
        if day.year != year:
            raise Refused("calendar_day_outside_year", f"{day:%Y-%m-%d} 不属于 {year} 年")
        if kind not in DayKind.values:
            raise Refused("calendar_kind_unknown", f"{day:%Y-%m-%d} 的类别只能是“法定节假日”或“调休上班”")
        if day in seen:
            raise Refused("calendar_day_duplicate", f"{day:%Y-%m-%d} 重复出现")
        seen.add(day)
    if not any(kind == DayKind.HOLIDAY for _, kind, _ in days):
        raise Refused("calendar_year_empty", f"{year} 年没有任何法定节假日，请检查输入")
    before = CalendarDay.objects.filter(date__year=year).count()
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarDay.objects.bulk_create(
        CalendarDay(date=d, kind=k, name=(n or "")[:30], source=source[:200]) for d, k, n in sorted(days)
    )
    recounted = deadlines.recount_year(year)
    audit.record(
        "calendar.set_year",
        by=by,
        object_type="core.calendarday",
        object_id=str(year),
        object_repr=f"{year} 年节假日",
        before={"rows": before},
        after={"rows": len(days), "source": source, "recounted_deadlines": recounted},
    )
    return recounted


def parse_calendar_lines(text: str) -> list[tuple[date, str, str]]:
    """Parse "2027-01-01 休 元旦" / "2027-02-07 班 春节" lines; every bad line is reported at once."""
    kinds = {
        "休": DayKind.HOLIDAY,
        "holiday": DayKind.HOLIDAY,
        "假": DayKind.HOLIDAY,
        "班": DayKind.WORKDAY,
        "workday": DayKind.WORKDAY,
        "上班": DayKind.WORKDAY,
    }
    days: list[tuple[date, str, str]] = []
    errors: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("，", " ").replace(",", " ").replace("\t", " ").strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) < 2:
            errors.append(f"第 {lineno} 行：应为“日期 休/班 节日名称”")
            continue
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            errors.append(f"第 {lineno} 行：日期“{parts[0]}”无效，应为 YYYY-MM-DD")
            continue
        kind = kinds.get(parts[1].lower())
        if kind is None:
            errors.append(f"第 {lineno} 行：类别“{parts[1]}”无效，应为“休”或“班”")
            continue
        days.append((day, kind, " ".join(parts[2:])))
    if errors:
        raise Refused("calendar_lines_invalid", "；".join(errors))
    return days


ACCOUNT_ADMINS = (Role.SYSTEM_ADMIN,)


def _refuse_admin_account(user_role: str, what: str) -> None:
    """三员分立 (domain.md §7.1, GB/T 22239 8.1.4.2 ‑08): an admin who could open, reset or stop another
    admin's account could act as that admin. The three admin accounts are opened and reset only on the
    server, at installation, by `renda create-admin` — never granted from inside the system."""
    from .roles import ADMIN_ROLES

    if user_role in ADMIN_ROLES:
        raise Refused(
            "admin_role_not_grantable",
            f"系统管理员、安全管理员、审计管理员账号不能在系统内{what}：请由服务器运维人员使用 renda create-admin 命令办理",
        )


@transaction.atomic
def create_account(
    *,
    username: str,
    full_name: str,
    role: str,
    body=None,
    unit=None,
    phone: str = "",
    password: str,
    by: User,
) -> User:
    """A system admin opens an account in one body or one unit. Refuses a taken username, a role that does not
    fit the organisation (unit roles need a unit, every other role a body) and a password against the policy."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from .roles import UNIT_ROLES

    require_role(by, ACCOUNT_ADMINS, action="开设账号")
    if User.objects.filter(username__iexact=username).exists():
        raise Refused("username_taken", f"用户名“{username}”已被使用")
    if role not in Role.values:
        raise Refused("role_unknown", "角色无效")
    _refuse_admin_account(role, "开设")
    if role in UNIT_ROLES and (unit is None or body is not None):
        raise Refused("unit_role_needs_unit", "承办单位角色必须且只能属于一个承办单位")
    if role not in UNIT_ROLES and (body is None or unit is not None):
        raise Refused("body_role_needs_body", "该角色必须且只能属于一个人大机关")
    user = User(username=username, full_name=full_name, role=role, body=body, unit=unit, phone=phone)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Refused("password_policy", "；".join(exc.messages)) from exc
    user.set_password(password)
    user.save()
    audit.record(
        "account.create", user, by=by, after={"username": username, "role": role, "org": user.org_name}
    )
    return user


@transaction.atomic
def set_account_active(user: User, *, active: bool, by: User) -> User:
    require_role(by, ACCOUNT_ADMINS, action="停用或启用账号")
    if user.pk == by.pk:
        raise Refused("cannot_disable_self", "不能停用自己的账号")
    _refuse_admin_account(user.role, "停用或启用")
    before = user.is_active
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(
        "account.activate" if active else "account.deactivate",
        user,
        by=by,
        before={"is_active": before},
        after={"is_active": active},
    )
    return user


@transaction.atomic
def reset_password(user: User, *, password: str, by: User) -> User:
    """Set a temporary password (policy-checked) and drop the user's second-factor devices' sessions."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    require_role(by, ACCOUNT_ADMINS, action="重置密码")
    _refuse_admin_account(user.role, "重置密码")
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Refused("password_policy", "；".join(exc.messages)) from exc
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record("account.reset_password", user, by=by)
    return user


def warn_missing_calendar_year() -> int:
    """From 1 November, tell every system admin (once a year) that next year's holidays are missing."""
    from . import calendar

    year = calendar.missing_next_year(timezone.localdate())
    if year is None:
        return 0
    from renda.notify import services as notify

    sent = 0
    for admin in User.objects.filter(role=Role.SYSTEM_ADMIN, is_active=True):
        note = notify.send(
            admin,
            title=f"请录入 {year} 年放假安排",
            body=f"跨入 {year} 年的期限目前按周一至周五估算；国务院办公厅通知发布后请在“节假日安排”中录入，系统会重算这些期限。",
            url="/work/admin/calendar/",
            dedupe_key=f"calendar-missing-{year}",
        )
        sent += note is not None
    return sent


LOCKOUT_ADMINS = (Role.SECURITY_ADMIN,)


@transaction.atomic
def unlock_account(username: str, *, by: User) -> int:
    """The security admin lifts an account's login lockout before its 30 minutes end (domain.md §7.1): every
    failed attempt recorded for the account, from every address, is cleared. Refuses other roles and an account
    with no failed attempts. Audited with the failures and addresses it cleared. Returns the rows cleared."""
    from axes.models import AccessAttempt

    require_role(by, LOCKOUT_ADMINS, action="解除登录锁定")
    attempts = AccessAttempt.objects.select_for_update().filter(username=username)
    rows = list(attempts.values_list("ip_address", "failures_since_start"))
    if not rows:
        raise Refused("lockout_not_found", f"账号“{username}”没有登录失败记录，无需解锁")
    attempts.delete()
    audit.record(
        "security.unlock",
        by=by,
        object_type="core.user",
        object_id=str(User.objects.filter(username=username).values_list("pk", flat=True).first() or ""),
        object_repr=username[:150],
        before={"failures": sum(n for _, n in rows), "addresses": sorted({ip or "" for ip, _ in rows})},
        after={"failures": 0},
    )
    return len(rows)
