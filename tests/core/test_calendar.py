"""Working-day calendar (issue 4; domain.md §1.3 counts deadlines in working days and months)."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from renda.core import calendar, deadlines, services
from renda.core.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_day_matches_chinesecalendar(year):
    cal = calendar.Calendar()
    day = date(year, 1, 1)
    while day.year == year:
        assert cal.is_working(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_national_day_2025_is_eight_days_with_two_makeup_saturdays():
    cal = calendar.Calendar()
    assert all(not cal.is_working(date(2025, 10, d)) for d in range(1, 9))
    assert cal.is_working(date(2025, 9, 28))  # Sunday, 调休上班
    assert cal.is_working(date(2025, 10, 11))  # Saturday, 调休上班
    assert cal.is_working(date(2025, 10, 9))


def test_spring_festival_2026():
    cal = calendar.Calendar()
    assert all(not cal.is_working(date(2026, 2, d)) for d in range(15, 24))  # 2.15–2.23, nine days
    assert cal.is_working(date(2026, 2, 14))  # Saturday, 调休上班
    assert cal.is_working(date(2026, 2, 28))  # Saturday, 调休上班
    assert cal.is_working(date(2026, 2, 24))


def test_spring_festival_2025_and_national_day_2026():
    cal = calendar.Calendar()
    assert all(not cal.is_working(date(2025, 1, d)) for d in range(28, 32))
    assert cal.is_working(date(2025, 1, 26)) and cal.is_working(date(2025, 2, 8))
    assert all(not cal.is_working(date(2026, 10, d)) for d in range(1, 8))


def test_working_days_skip_national_day_and_count_makeup_day():
    # 5 working days from 2025-09-30: 10-1..10-8 off, so 10-9, 10-10, 10-11 (调休), 10-13, 10-14.
    counted = calendar.add_working_days(date(2025, 9, 30), 5, cite="青岛 Art. 14")
    assert counted.due == date(2025, 10, 14)
    assert (date(2025, 10, 11), "国庆节") in counted.counted_workdays
    assert len(counted.skipped_holidays) == 6  # the weekdays 10-1..10-3, 10-6..10-8
    assert not counted.estimated
    assert "国庆节" in counted.explain() and "青岛 Art. 14" in counted.explain()


def test_deadline_crossing_into_unknown_year_is_estimated_not_an_error():
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    counted = calendar.add_months(date(2026, 11, 25), 3, cite="§1.3 step 7")
    assert counted.due == date(2027, 2, 25)
    assert counted.estimated and counted.estimated_years == [2027]
    assert calendar.ESTIMATE_NOTE in counted.explain()
    working = calendar.add_working_days(date(2026, 12, 28), 10)
    assert working.estimated and working.due == date(2027, 1, 11)  # Monday–Friday only, 1-1 included


def test_months_clamp_to_month_end():
    # 民法典 Art. 202: no 31 September, so the period ends on its last day (a Tuesday, a working day).
    assert calendar.add_months(date(2025, 8, 31), 1).due == date(2025, 9, 30)
    assert calendar.add_months(date(2024, 1, 31), 1).due == date(2024, 2, 29)


def test_month_end_that_is_a_holiday_moves_to_next_working_day():
    # Three months after 2025-07-01 is 2025-10-01 (National Day): the deadline is 2025-10-09.
    assert calendar.add_months(date(2025, 7, 1), 3).due == date(2025, 10, 9)


def test_entering_a_year_recounts_estimated_deadlines(staff, system_admin):
    # core has no dated business record yet; any model field shows the recount reaching the record.
    from renda.core.models import Body

    body = staff.body
    counted = deadlines.set_due(body, "region_code", start=date(2026, 12, 30), amount=3, unit="working_days")
    row = deadlines.recipe(body, "region_code")
    assert row.estimated and row.due == date(2027, 1, 4)
    days = [(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"), (date(2027, 1, 4), DayKind.HOLIDAY, "元旦")]
    recounted = services.set_calendar_year(
        2027, days, source="国务院办公厅关于2027年部分节假日安排的通知", by=system_admin
    )
    row.refresh_from_db()
    assert recounted == 1 and not row.estimated and row.due == date(2027, 1, 6)
    assert Body.objects.get(pk=body.pk).region_code == "2027-01-06"
    assert counted.estimated


def test_only_system_admin_may_edit_calendar(staff):
    from renda.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.set_calendar_year(2027, [(date(2027, 1, 1), "holiday", "元旦")], source="通知", by=staff)
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_bad_calendar_lines_are_all_reported_and_nothing_changes():
    from renda.core.errors import Refused

    with pytest.raises(Refused) as exc:
        services.parse_calendar_lines("2027-01-01 休 元旦\n2027-13-01 休 x\n2027-01-02 放 y\n")
    assert "第 2 行" in exc.value.message and "第 3 行" in exc.value.message


def test_calendar_api_reports_notice_or_estimate(client):
    known = client.get("/api/v1/calendar/2026").json()
    assert known["source"] == "notice"
    days = {d["date"]: (d["kind"], d["name"]) for d in known["days"]}
    assert days["2026-10-01"] == ("holiday", "国庆节")
    assert days["2026-02-14"] == ("workday", "春节")
    unknown = client.get("/api/v1/calendar/2027").json()
    assert unknown["source"] == "estimate" and unknown["days"] == []
    assert client.get("/api/v1/calendar/1800").status_code == 422


def test_admin_page_enters_a_year_and_warns_from_november(login, system_admin, monkeypatch):
    from django.utils import timezone

    c = login(system_admin)
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 1))
    page = c.get("/work/")
    assert "2027 年放假安排尚未录入" in page.content.decode()
    r = c.post(
        "/work/admin/calendar/save/",
        {
            "year": 2027,
            "source": "国务院办公厅关于2027年部分节假日安排的通知",
            "lines": "2027-01-01 休 元旦\n2027-02-06 休 春节\n2027-02-20 班 春节\n",
        },
    )
    assert r.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027).count() == 3
    assert "尚未录入" not in c.get("/work/").content.decode()
    bad = c.post(
        "/work/admin/calendar/save/", {"year": 2028, "source": "通知", "lines": "2027-01-01 休 元旦"}
    )
    assert bad.status_code == 422 and "不属于 2028 年" in bad.content.decode()
    assert not CalendarDay.objects.filter(date__year=2028).exists()


def test_staff_cannot_open_calendar_admin(login, staff):
    assert login(staff).get("/work/admin/calendar/").status_code == 404


def test_calendar_set_command(tmp_path):
    from django.core.management import call_command

    f = tmp_path / "2027.txt"
    f.write_text("2027-01-01 休 元旦\n2027-10-09 班 国庆节\n", encoding="utf-8")
    call_command("calendar_set", 2027, str(f), source="国务院办公厅关于2027年部分节假日安排的通知")
    assert calendar.Calendar().is_working(date(2027, 10, 9)) and not calendar.Calendar().is_working(
        date(2027, 1, 1)
    )


def test_system_admins_are_notified_once_from_november(system_admin, staff, monkeypatch):
    from django.utils import timezone

    from renda.core.services import warn_missing_calendar_year
    from renda.notify.models import Notification

    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 10, 31))
    assert warn_missing_calendar_year() == 0
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 1))
    assert warn_missing_calendar_year() == 1
    assert warn_missing_calendar_year() == 0  # once, not every day
    assert list(Notification.objects.values_list("user", flat=True)) == [system_admin.pk]


def test_every_scan_classifies_a_deadline_the_same_way(db):
    # One classification for suggestions (warning period in working days, domain.md §1.3) and contact
    # (calendar days): Friday 2025-06-06 with a 2-day warning reaches Tuesday, or only Sunday.
    from renda.core import deadlines

    friday = date(2025, 6, 6)
    tuesday, monday = date(2025, 6, 10), date(2025, 6, 9)
    assert deadlines.due_state(tuesday, on=friday, soon_days=2) == deadlines.SOON
    assert deadlines.due_state(monday, on=friday, soon_days=2, working_days=False) == deadlines.OK
    assert deadlines.due_state(date(2025, 6, 5), on=friday, soon_days=2) == deadlines.OVERDUE
    assert deadlines.due_state(None, on=friday, soon_days=2) == deadlines.OK
