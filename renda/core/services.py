"""Core writes: the holiday calendar and accounts. Every write is audited."""

from datetime import date

from django.db import transaction

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
        "calendar.set_year", by=by, object_type="core.calendarday", object_id=str(year), object_repr=f"{year} 年节假日",
        before={"rows": before}, after={"rows": len(days), "source": source, "recounted_deadlines": recounted},
    )
    return recounted


def parse_calendar_lines(text: str) -> list[tuple[date, str, str]]:
    """Parse "2027-01-01 休 元旦" / "2027-02-07 班 春节" lines; every bad line is reported at once."""
    kinds = {"休": DayKind.HOLIDAY, "holiday": DayKind.HOLIDAY, "假": DayKind.HOLIDAY,
             "班": DayKind.WORKDAY, "workday": DayKind.WORKDAY, "上班": DayKind.WORKDAY}
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
