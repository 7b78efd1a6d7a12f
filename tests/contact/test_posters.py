"""Posters (QR codes) follow the data scope of the pages they stand for (issue 14 "Found by black-box checks";
domain.md §4 码上见代表): another township's station or deputy is 404 to staff outside that scope, an ended
mandate has no poster, and roles with no such pages get 403."""

import datetime as dt

import pytest

from renda.core.roles import Role
from renda.deputies.choices import MandateStatus
from tests.factories.core import UserFactory
from tests.factories.deputies import MandateFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _station(pk):
    return f"/work/contact/stations/{pk}/poster/"


def _deputy(pk):
    return f"/work/contact/deputies/{pk}/poster/"


@pytest.fixture
def township_b_deputy(township_b):
    return MandateFactory(body=township_b, person=PersonFactory(name="青石镇代表"))


def test_staff_in_scope_and_the_keeper_print_the_station_poster(login, staff, keeper, station):
    for user in (staff, keeper):
        r = login(user).get(_station(station.pk))
        assert r.status_code == 200 and "扫码给代表留言" in r.content.decode()


def test_another_townships_station_and_deputy_are_not_found(
    login, outsider, station, mandate, township_b_deputy
):
    c = login(outsider)  # staff of 青石镇: neither 城关镇's station nor a county deputy is in their scope
    assert c.get(_station(station.pk)).status_code == 404
    assert c.get(_deputy(mandate.pk)).status_code == 404
    assert c.get(_deputy(township_b_deputy.pk)).status_code == 200  # their own township's deputy


def test_a_keeper_of_another_township_cannot_print_this_station(login, station, township_b):
    other = UserFactory(username="keeper_b", role=Role.STATION_KEEPER, body=township_b)
    assert login(other).get(_station(station.pk)).status_code == 404


def test_an_ended_mandate_has_no_poster(login, staff, mandate):
    assert login(staff).get(_deputy(mandate.pk)).status_code == 200
    mandate.status, mandate.end_date = MandateStatus.ENDED, dt.date(2025, 6, 30)
    mandate.save(update_fields=["status", "end_date"])
    assert login(staff).get(_deputy(mandate.pk)).status_code == 404


def test_the_deputy_prints_their_own_poster_not_anothers(login, deputy_user, mandate, township_b_deputy):
    c = login(deputy_user)
    assert c.get(_deputy(mandate.pk)).status_code == 200
    assert c.get(_deputy(township_b_deputy.pk)).status_code == 404


def test_a_unit_user_has_no_poster_pages(login, unit_user, station, mandate):
    c = login(unit_user)
    assert c.get(_station(station.pk)).status_code == 403
    assert c.get(_deputy(mandate.pk)).status_code == 403


def test_the_keeper_prints_posters_of_deputies_at_their_station(
    login, keeper, station, mandate, township_b_deputy
):
    c = login(keeper)  # a county deputy who sits at the keeper's station
    assert c.get(_deputy(mandate.pk)).status_code == 200
    assert c.get(_deputy(township_b_deputy.pk)).status_code == 404
