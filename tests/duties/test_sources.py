"""Automatic records from other modules' signals (crossapp contract), wired in AppConfig.ready.
Both source apps are part of renda now, so these run unconditionally."""

import datetime as dt

from renda.duties.choices import Source
from renda.duties.models import DutyRecord


def test_accepted_suggestion_records_a_duty_for_each_mandate_once(own_mandate, other_mandate, staff):
    from renda.suggestions.signals import suggestion_accepted

    for _ in range(2):  # idempotent per source and mandate
        suggestion_accepted.send(
            sender=None, suggestion=staff, mandates=[own_mandate, other_mandate], on=dt.date(2025, 6, 1)
        )
    recs = DutyRecord.objects.filter(source=Source.AUTOMATIC, duty_type__code="suggestion")
    assert recs.count() == 2 and {r.mandate_id for r in recs} == {own_mandate.pk, other_mandate.pk}


def test_reception_served_records_a_reception_day(own_mandate, staff):
    from renda.contact.signals import reception_served

    reception_served.send(sender=None, reception=staff, mandates=[own_mandate], on=dt.date(2025, 7, 15))
    assert DutyRecord.objects.get().duty_type.code == "reception_day"


def test_a_date_outside_the_mandate_is_skipped_without_breaking_the_sender(own_mandate, staff):
    from renda.suggestions.signals import suggestion_accepted

    suggestion_accepted.send(sender=None, suggestion=staff, mandates=[own_mandate], on=dt.date(2019, 1, 1))
    assert not DutyRecord.objects.exists()


def test_nightly_task_raises_triggers_and_tells_the_deputy_once(county, own_mandate, deputy_user):
    # The nightly evaluation (scheduled in renda/core/tasks.py) tells a deputy once what the year still lacks;
    # the minimum is flagged from September (a fixed autumn day, so the rule is checked on any run date).
    from renda.core import tasks
    from renda.duties import services
    from renda.notify.models import Notification
    from tests.factories.duties import DutyRecordFactory

    on = dt.date(dt.date.today().year, 10, 15)
    DutyRecordFactory(mandate=own_mandate, on=on - dt.timedelta(days=1))
    services.evaluate_all(on)
    services.evaluate_all(on)
    assert Notification.objects.filter(user=deputy_user).count() == 1
    tasks.duties_evaluate_triggers.call_local()  # the scheduled task runs the same service
