"""Working days and calendar months, counted from the project's own holiday table.

domain.md §1.3 counts many deadlines in working days (工作日) and some in months. The State Council
publishes each year's holidays and make-up working days (调休上班) late in the year before, so the
table can lack a year a deadline reaches: then that year is counted Monday–Friday and the result is
marked `estimated` until the notice is entered (deadlines.recount_year).
"""

import calendar as _cal
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .models import CalendarDay, DayKind

ESTIMATE_NOTE = "按周一至周五估算，待公布放假安排后重算"


@dataclass
class Year:
    holidays: dict[date, str]
    workdays: dict[date, str]
    known: bool

    def is_working(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5


class Calendar:
    """Loads each year it touches once (one query a year); cheap enough per request."""

    def __init__(self) -> None:
        self._years: dict[int, Year] = {}

    def year(self, y: int) -> Year:
        if y not in self._years:
            holidays: dict[date, str] = {}
            workdays: dict[date, str] = {}
            for day, kind, name in CalendarDay.objects.filter(date__year=y).values_list(
                "date", "kind", "name"
            ):
                (holidays if kind == DayKind.HOLIDAY else workdays)[day] = name
            self._years[y] = Year(holidays, workdays, known=bool(holidays))
        return self._years[y]

    def is_working(self, day: date) -> bool:
        return self.year(day.year).is_working(day)


@dataclass
class Counted:
    """A due date and how it was counted, for the "how was this counted" panel."""

    start: date
    amount: int
    unit: str  # "working_days" | "months"
    due: date
    cite: str = ""
    skipped_holidays: list[tuple[date, str]] = field(default_factory=list)
    counted_workdays: list[tuple[date, str]] = field(default_factory=list)
    estimated_years: list[int] = field(default_factory=list)

    @property
    def estimated(self) -> bool:
        return bool(self.estimated_years)

    def explain(self) -> str:
        unit = "个工作日" if self.unit == "working_days" else "个月"
        parts = [f"自 {self.start:%Y-%m-%d} 起算 {self.amount}{unit}，到期 {self.due:%Y-%m-%d}"]
        if self.skipped_holidays:
            names = sorted({n or "节假日" for _, n in self.skipped_holidays})
            parts.append(f"跳过法定节假日 {len(self.skipped_holidays)} 天（{'、'.join(names)}）")
        if self.counted_workdays:
            days = "、".join(f"{d:%m-%d}" for d, _ in self.counted_workdays)
            parts.append(f"计入调休上班日 {days}")
        if self.estimated:
            years = "、".join(str(y) for y in self.estimated_years)
            parts.append(f"{years} 年{ESTIMATE_NOTE}")
        if self.cite:
            parts.append(f"依据：{self.cite}")
        return "；".join(parts)


def _note_year(result: Counted, cal: Calendar, day: date) -> None:
    y = cal.year(day.year)
    if not y.known and day.year not in result.estimated_years:
        result.estimated_years.append(day.year)


def add_working_days(start: date, n: int, *, cite: str = "", cal: Calendar | None = None) -> Counted:
    """The n-th working day after `start` (the start day itself is not counted)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    cal = cal or Calendar()
    result = Counted(start=start, amount=n, unit="working_days", due=start, cite=cite)
    day = start
    remaining = n
    while remaining:
        day += timedelta(days=1)
        _note_year(result, cal, day)
        year = cal.year(day.year)
        if day in year.holidays:
            if day.weekday() < 5:
                result.skipped_holidays.append((day, year.holidays[day]))
            continue
        if day in year.workdays:
            result.counted_workdays.append((day, year.workdays[day]))
            remaining -= 1
        elif day.weekday() < 5:
            remaining -= 1
    result.due = day
    return result


def add_months(start: date, n: int, *, cite: str = "", cal: Calendar | None = None) -> Counted:
    """Same day n months later (month end if that day does not exist); a last day that is not a
    working day moves to the next working day (民法典 Art. 201–203)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    cal = cal or Calendar()
    month_index = start.month - 1 + n
    y, m = start.year + month_index // 12, month_index % 12 + 1
    day = date(y, m, min(start.day, _cal.monthrange(y, m)[1]))
    result = Counted(start=start, amount=n, unit="months", due=day, cite=cite)
    _note_year(result, cal, day)
    while not cal.is_working(day):
        year = cal.year(day.year)
        if day in year.holidays and day.weekday() < 5:
            result.skipped_holidays.append((day, year.holidays[day]))
        day += timedelta(days=1)
        _note_year(result, cal, day)
    result.due = day
    return result


def add_hours(start: datetime, hours: int) -> datetime:
    """Clock hours: the 12345 standard's short deadlines (2 h, 24 h) run around the clock, holidays
    included (domain.md §2.3: units sign for orders 7×24), so no calendar is consulted."""
    if hours < 0:
        raise ValueError("hours must be >= 0")
    return start + timedelta(hours=hours)


def count(start: date, amount: int, unit: str, *, cite: str = "", cal: Calendar | None = None) -> Counted:
    if unit == "working_days":
        return add_working_days(start, amount, cite=cite, cal=cal)
    if unit == "months":
        return add_months(start, amount, cite=cite, cal=cal)
    raise ValueError(f"unknown unit {unit!r}")


def known_years() -> list[int]:
    return sorted({d.year for d in CalendarDay.objects.filter(kind=DayKind.HOLIDAY).dates("date", "year")})


def missing_next_year(today: date) -> int | None:
    """From 1 November, the next year if its holidays have not been entered yet."""
    if today.month < 11:
        return None
    nxt = today.year + 1
    return None if CalendarDay.objects.filter(date__year=nxt, kind=DayKind.HOLIDAY).exists() else nxt


def year_days(year: int) -> list[CalendarDay]:
    return list(CalendarDay.objects.filter(date__year=year).order_by("date"))
