"""Core periodic tasks. Huey runs them (`manage.py run_huey`; `make run` starts a consumer)."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import calendar
from .models import User
from .roles import Role


def warn_missing_calendar_year() -> int:
    """From 1 November, tell every system admin (once a year) that next year's holidays are missing."""
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


@db_periodic_task(crontab(hour="8", minute="0"))
def calendar_year_check() -> int:
    return warn_missing_calendar_year()
