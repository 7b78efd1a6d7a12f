"""Periodic work of the suggestions app (Huey). One place, with its schedule."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="6", minute="15"))
def scan_deadlines() -> dict:
    """Every morning: mark due-soon/overdue items at each stage and remind the people who must act."""
    from .services.deadlines import scan

    report = scan(timezone.localdate())
    return {
        "marked": {(str(k) or "ok"): v for k, v in report.marked.items()},
        "reminders": report.reminders,
        "feedback_reminded": report.feedback_reminded,
        "lapsed": report.lapsed,
    }
