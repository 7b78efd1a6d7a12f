"""Reception days (domain.md §4 进站接待): notice ahead, deputies confirm, served days reach duty records."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.contact import services
from renda.contact.choices import ReceptionStatus
from renda.contact.models import ReceptionDay
from renda.contact.signals import reception_served
from renda.core.errors import NotPermitted, Refused
from tests.factories.contact import DutyFactory, ReceptionDayFactory
from tests.factories.deputies import MandateFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_keeper_plans_and_publishes_ahead(
    station, keeper, mandate, deputy_user, django_capture_on_commit_callbacks
):
    day = services.plan_reception(
        station,
        on=TODAY() + dt.timedelta(days=10),
        starts=dt.time(9),
        ends=dt.time(11),
        mandates=[mandate],
        by=keeper,
    )
    with django_capture_on_commit_callbacks(execute=True):
        day = services.publish_reception(day, by=keeper)
    assert day.status == ReceptionStatus.PUBLISHED and deputy_user.notifications.exists()


def test_publishing_less_than_the_notice_period_ahead_is_refused(station, keeper, mandate):
    # domain.md §4: notice posted 3 days ahead (policy publish_lead_days)
    day = services.plan_reception(
        station,
        on=TODAY() + dt.timedelta(days=2),
        starts=dt.time(9),
        ends=dt.time(11),
        mandates=[mandate],
        by=keeper,
    )
    with pytest.raises(Refused) as exc:
        services.publish_reception(day, by=keeper)
    assert exc.value.code == "contact_reception_too_late"
    day.refresh_from_db()
    assert day.status == ReceptionStatus.PLANNED


def test_a_deputy_not_stationed_there_cannot_be_put_on_duty(station, keeper, county):
    with pytest.raises(Refused) as exc:
        services.plan_reception(
            station,
            on=TODAY() + dt.timedelta(days=9),
            starts=dt.time(9),
            ends=dt.time(11),
            mandates=[MandateFactory(body=county)],
            by=keeper,
        )
    assert exc.value.code == "contact_duty_not_member" and not ReceptionDay.objects.exists()


def test_outsider_cannot_plan_at_another_townships_station(station, outsider, mandate):
    with pytest.raises(NotPermitted):
        services.plan_reception(
            station,
            on=TODAY() + dt.timedelta(days=9),
            starts=dt.time(9),
            ends=dt.time(11),
            mandates=[mandate],
            by=outsider,
        )


def test_deputy_confirms_own_duty_only(station, mandate, deputy_user, staff):
    duty = DutyFactory(reception=ReceptionDayFactory(station=station, status="published"), mandate=mandate)
    services.confirm_duty(duty, by=deputy_user)
    duty.refresh_from_db()
    assert duty.confirmed_at is not None
    with pytest.raises(NotPermitted):
        services.confirm_duty(duty, by=staff)


def test_served_day_sends_reception_served_with_the_deputies(
    station, keeper, mandate, django_capture_on_commit_callbacks
):
    # crossapp contract: reception_served(reception, mandates, on) after commit
    day = ReceptionDayFactory(station=station, status="published", date=TODAY())
    DutyFactory(reception=day, mandate=mandate)
    got = []

    def listener(sender, **kw):
        got.append(kw)

    reception_served.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.mark_served(day, visitors=12, summary="接待选民 12 人次", by=keeper)
    finally:
        reception_served.disconnect(listener)
    assert (
        got
        and got[0]["mandates"] == [mandate]
        and got[0]["on"] == TODAY()
        and got[0]["reception"].pk == day.pk
    )


def test_a_future_day_cannot_be_marked_served(station, keeper):
    day = ReceptionDayFactory(station=station, status="published")
    with pytest.raises(Refused) as exc:
        services.mark_served(day, visitors=3, by=keeper)
    assert exc.value.code == "contact_reception_future"


def test_deputy_schedule_page_shows_and_confirms(login, station, mandate, deputy_user):
    duty = DutyFactory(reception=ReceptionDayFactory(station=station, status="published"), mandate=mandate)
    c = login(deputy_user)
    assert station.name in c.get("/work/contact/schedule/").content.decode()
    assert c.post(f"/work/contact/schedule/{duty.pk}/confirm/").status_code == 302
    duty.refresh_from_db()
    assert duty.confirmed_at


def test_posters_carry_a_qr_code_addressed_to_station_and_deputy(login, station, mandate, keeper):
    c = login(keeper)
    page = c.get(f"/work/contact/stations/{station.pk}/poster/").content.decode()
    assert "data:image/svg+xml" in page and f"?station={station.pk}" in page
    page = c.get(f"/work/contact/deputies/{mandate.pk}/poster/").content.decode()
    assert f"?deputy={mandate.pk}" in page and mandate.person.name in page


def test_deputy_public_profile_offers_a_message_button_and_reception_days(station, mandate):
    from django.test import Client

    ReceptionDayFactory(station=station, status="published", topic="x")
    DutyFactory(reception=ReceptionDay.objects.get(), mandate=mandate)
    page = Client().get(f"/deputies/{mandate.person_id}/").content.decode()
    assert f"/messages/?deputy={mandate.pk}" in page and "近期接待选民" in page
