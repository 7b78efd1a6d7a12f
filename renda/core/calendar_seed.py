"""Seed the holiday table from chinesecalendar (only at migrate time or by command, never per request)."""

from datetime import date, timedelta


def chinesecalendar_days(year: int) -> list[tuple[date, str, str]]:
    """Every exception to Monday–Friday that chinesecalendar knows for `year`, with the festival name."""
    import chinese_calendar

    days = []
    day = date(year, 1, 1)
    while day.year == year:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        weekday = day.weekday() < 5
        if on_holiday and (weekday or name):
            days.append((day, "holiday", _zh(name)))
        elif not on_holiday and not weekday:
            days.append((day, "workday", _zh(name)))
        day += timedelta(days=1)
    return days


def known_years() -> range:
    import chinese_calendar

    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _zh(name) -> str:
    return NAMES.get(str(name), str(name or ""))


def source_for(year: int) -> str:
    import chinese_calendar

    version = getattr(chinese_calendar, "__version__", "")
    return f"国务院办公厅关于{year}年部分节假日安排的通知（经 chinesecalendar {version} 导入）"
