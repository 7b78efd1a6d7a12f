"""Every periodic task of renda, with its schedule: the one place to read what runs when.

Huey runs them (`manage.py run_huey`; `make run` starts a consumer). Each task only calls a service of its
app, which is safe to run twice; the services are what the tests call.
"""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="2", minute="15"))
def contact_close_finished() -> int:
    """Close rated messages and replies whose rating window has passed (contact)."""
    from renda.contact.services import close_finished

    return close_finished()


@db_periodic_task(crontab(hour="5", minute="40"))
def duties_evaluate_triggers() -> dict:
    """Talk cases, resignation recommendations and missing-minimum flags for every body (duties)."""
    from renda.duties.services import evaluate_all

    return evaluate_all()


@db_periodic_task(crontab(hour="6", minute="15"))
def suggestions_deadline_scan() -> dict:
    """Mark due-soon/overdue suggestions at each stage and remind the people who must act (suggestions)."""
    from django.utils import timezone

    from renda.suggestions.services.deadlines import scan

    report = scan(timezone.localdate())
    return {
        "marked": {(str(k) or "ok"): v for k, v in report.marked.items()},
        "reminders": report.reminders,
        "feedback_reminded": report.feedback_reminded,
        "lapsed": report.lapsed,
    }


@db_periodic_task(crontab(hour="7", minute="30"))
def contact_deadline_scan() -> int:
    """Due-soon and overdue reminders for voters' messages (contact)."""
    from renda.contact.services import scan_deadlines

    return scan_deadlines()


@db_periodic_task(crontab(hour="8", minute="0"))
def calendar_year_check() -> int:
    """From 1 November, tell the system admins once that next year's holidays are missing (core)."""
    from .services import warn_missing_calendar_year

    return warn_missing_calendar_year()


@db_periodic_task(crontab(hour="3", minute="10"))
def audit_check_and_archive() -> dict:
    """The audit log's hash chain checked (admins told of a break), then entries past retention archived."""
    from renda.core import audit_retention

    report = audit_retention.check_chain()
    archived = audit_retention.archive_expired() if report.ok else None
    return {"ok": report.ok, "checked": report.checked, "archived": archived.entries if archived else 0}


@db_periodic_task(crontab(hour="3", minute="40"))
def contact_clear_expired_personal_data() -> dict:
    """Voters' personal data past its retention period cleared (contact/privacy.py RETENTION)."""
    from renda.contact import privacy

    return privacy.clear_expired()


@db_periodic_task(crontab(minute="*/15"))
def meetings_remind_due() -> int:
    """Reminders to everyone called to a noticed meeting starting within its body's reminder hours (meetings;
    the notifications' dedupe key makes a second run send nothing)."""
    from renda.meetings.services import remind_due

    return remind_due()


@db_periodic_task(crontab(hour="4", minute="20"))
def insight_retrain() -> dict:
    """Retrain the routing model from hand-overs and staff corrections when they changed (insight)."""
    from renda.insight.services import retrain

    return retrain()


@db_periodic_task(crontab(minute="*/10"))
def surveys_seal_closed() -> int:
    """Surveys that closed by the clock sealed: anonymous answers rewritten in random order (surveys)."""
    from renda.surveys.services import seal_closed

    return seal_closed()


@db_periodic_task(crontab(hour="7", minute="20"))
def liaison_activity_notices() -> int:
    """Deputies told of the annual plan's activities N days ahead (liaison; dedupe keys make it safe twice)."""
    from renda.liaison.services import notify_due

    return notify_due()


@db_periodic_task(crontab(minute="*/5"))
def dashboards_refresh() -> int:
    """Recompute the dashboard's and the big screen's cached figures for every staff and leader scope."""
    from renda.dashboards.aggregates import refresh

    return refresh()


@db_periodic_task(crontab(hour="7", minute="45"))
def supervision_deadline_scan() -> dict:
    """Due-soon and overdue marks and reminders for deliberation opinions and follow-ups (supervision)."""
    from renda.supervision.services.followups import scan_today

    return scan_today()


@db_periodic_task(crontab(minute="*"))
def notify_run() -> dict:
    """Deliver the notification outbox, check unknown results, queue the date-keyed digests (notify)."""
    from renda.notify.services import run

    return run()
