"""Standing-committee members as the meetings tests need them: county deputies with accounts, mandates and a
membership of the committee; and meeting times in local days from today."""

import datetime as dt

from django.utils import timezone

from renda.core.roles import Role
from renda.meetings.models import Membership
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory


def committee_members(county, standing_committee, n: int = 5) -> list:
    users = []
    for k in range(n):
        u = UserFactory(username=f"m{k}", full_name=f"委员{k}", role=Role.DEPUTY, body=county)
        MandateFactory(
            body=county, person=PersonFactory(name=f"委员{k}", user=u), start_date=dt.date(2021, 10, 1)
        )
        Membership.objects.create(body=standing_committee, user=u, start_date=dt.date(2021, 10, 1))
        users.append(u)
    return users


def at(days: int, hour: int = 9) -> dt.datetime:
    """A local time `days` from today (Beijing's date, not UTC's: after 16:00 UTC they differ)."""
    return dt.datetime.combine(
        timezone.localdate() + dt.timedelta(days=days), dt.time(hour), tzinfo=timezone.get_current_timezone()
    )
