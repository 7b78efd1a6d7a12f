"""The deadline scan (issue 7 "Deadlines and chasing"; domain.md §1.3 steps 7 and 9)."""

from datetime import date, timedelta

from renda.notify.models import Notification
from renda.suggestions.models import DueState, State
from renda.suggestions.services.deadlines import scan


def test_overdue_reply_is_marked_and_the_unit_reminded_once(handling, unit_user):
    handling.reply_due = date.today() - timedelta(days=1)
    handling.save()
    scan(date.today())
    scan(date.today())
    handling.refresh_from_db()
    assert handling.due_state == DueState.OVERDUE
    assert Notification.objects.filter(user=unit_user, title__startswith="答复已超期").count() == 1


def test_due_soon_is_marked(handling):
    handling.reply_due = date.today() + timedelta(days=2)
    handling.save()
    scan(date.today())
    handling.refresh_from_db()
    assert handling.due_state == DueState.SOON


def test_feedback_reminded_once_then_lapsed(replied, deputy_user):
    # domain.md §1.3 step 9: one reminder, then excluded from the satisfaction figures
    replied.feedback_due = date.today() - timedelta(days=1)
    replied.save()
    scan(date.today())
    replied.refresh_from_db()
    assert replied.feedback_reminded_on == date.today() and replied.state == State.REPLIED
    assert Notification.objects.filter(user=deputy_user, title__startswith="请评价答复").count() == 1
    replied.feedback_due = date.today() - timedelta(days=1)
    replied.save()
    scan(date.today())
    replied.refresh_from_db()
    assert replied.state == State.EVALUATED and replied.unrated


def test_periodic_task_marks_the_overdue_item(handling):
    # The scheduled task (renda/core/tasks.py) runs the scan: an item past its reply date is marked overdue.
    from renda.core.tasks import suggestions_deadline_scan

    handling.reply_due = date.today() - timedelta(days=1)
    handling.save()
    result = suggestions_deadline_scan.call_local()
    assert result["marked"][str(DueState.OVERDUE)] == 1


def test_reminders_are_in_the_timeline(handling):
    handling.reply_due = date.today() - timedelta(days=1)
    handling.save()
    scan(date.today())
    scan(date.today())
    assert handling.timeline.filter(action="reminder").count() == 1


def test_cohandler_opinion_due_reminds_the_cohandler(handling, other_unit_user):
    # domain.md §1.3 step 4
    a = handling.assignments.get(unit=other_unit_user.unit)
    a.cohandler_due = date.today() + timedelta(days=1)
    a.save()
    scan(date.today())
    assert (
        Notification.objects.filter(user=other_unit_user, title__startswith="协办意见即将到期").count() == 1
    )


def test_first_contact_reminder_stops_once_the_unit_has_contacted(handling, unit_user):
    # domain.md §1.3 step 6: contact the deputy within 20 working days of receipt (Chongqing Art. 18)
    from renda.suggestions import services

    a = handling.assignments.get(unit=unit_user.unit)
    a.contact_due = date.today() - timedelta(days=1)
    a.save()
    scan(date.today())
    assert Notification.objects.filter(user=unit_user, title__startswith="联系代表已超期").count() == 1
    services.record_contact(
        handling, stage="before", on=date.today(), form="phone", content="电话沟通", by=unit_user
    )
    a.contact_due = date.today() - timedelta(days=2)
    a.save()
    scan(date.today())
    assert Notification.objects.filter(user=unit_user, title__startswith="联系代表").count() == 1


def test_overdue_promise_reminds_the_unit_once(replied, unit_user):
    # domain.md §1.3 step 11: promised items are reported until done
    from renda.suggestions.models import Promise

    Promise.objects.create(
        suggestion=replied,
        unit=unit_user.unit,
        text="年内完成改造",
        due=date.today() - timedelta(days=1),
        by=unit_user,
    )
    scan(date.today())
    scan(date.today())
    assert Notification.objects.filter(user=unit_user, title__startswith="承诺事项逾期未落实").count() == 1


def test_a_scan_stopped_between_a_reminder_and_its_timeline_entry_keeps_neither(
    handling, unit_user, monkeypatch
):
    # issue 21 "worker killed mid-task": the reminder (dedupe-keyed) and its timeline entry are one transaction,
    # so the next scan sends it and writes it; before, the next scan found it sent and never wrote the entry.
    import pytest

    from renda.suggestions.services import deadlines

    handling.reply_due = date.today() - timedelta(days=1)
    handling.save()
    real = deadlines._timeline

    def dies(item, label):
        raise SystemExit("worker killed")

    monkeypatch.setattr(deadlines, "_timeline", dies)
    with pytest.raises(SystemExit):
        scan(date.today())
    assert not Notification.objects.filter(user=unit_user, title__startswith="答复已超期").exists()
    monkeypatch.setattr(deadlines, "_timeline", real)
    scan(date.today())
    assert Notification.objects.filter(user=unit_user, title__startswith="答复已超期").count() == 1
    assert handling.timeline.filter(action="reminder").count() == 1
