"""Navigation, home-page waiting lines and portal links registered by the deputies app."""

import datetime as dt

import pytest

from renda.core import nav
from renda.deputies import services
from renda.deputies.choices import ChangeKind

pytestmark = pytest.mark.django_db


def test_staff_see_the_registry_in_the_navigation(staff, deputy_user):
    assert "deputies:list" in {i.url_name for i in nav.nav_for(staff)}
    assert "deputies:list" not in {i.url_name for i in nav.nav_for(deputy_user)}


def test_a_vacant_seat_shows_on_the_staff_home_page(login, staff, roster):
    con = roster["con_b"]
    con.seats = 1
    con.save()
    assert not [w for w in nav.waiting_for(staff) if "缺额" in w.label]
    services.end_mandate(
        roster["m_wang"], kind=ChangeKind.DECEASED, on=dt.date(2024, 1, 1), reason="去世", by=staff
    )
    line = next(w for w in nav.waiting_for(staff) if "缺额" in w.label)
    assert line.count == 1
    assert "选区代表缺额" in login(staff).get("/work/").content.decode()


def test_outsider_does_not_count_vacancies_of_another_township(outsider, roster, staff):
    services.end_mandate(
        roster["m_zhang_town"], kind=ChangeKind.RESIGNED, on=dt.date(2024, 1, 1), reason="辞职", by=staff
    )
    assert not [w for w in nav.waiting_for(outsider) if "缺额" in w.label]
