"""Public pages: deputy list, profile and find-my-deputy show no private data and answer in a constant
number of queries whatever the roster size (issue 6, Performance)."""

import datetime as dt

import pytest
from django.test import Client

from renda.deputies import hooks, services
from renda.deputies.choices import MandateStatus

pytestmark = pytest.mark.django_db


def test_public_list_hides_private_data_and_suspended_deputies(roster, staff):
    services.suspend_mandate(roster["m_wang"], on=dt.date(2024, 1, 1), reason="x", by=staff)
    html = Client().get("/deputies/").content.decode()
    assert "张伟" in html and "李芳" in html and "王强" not in html
    for secret in (roster["zhang"].id_number, "13800001111", "138****1111", roster["li"].id_number):
        assert secret not in html


def test_profile_shows_public_fields_only(roster):
    r = Client().get(f"/deputies/{roster['zhang'].pk}/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "城关镇第1选区" in html and "城关镇人大代表联络站" in html and "县人大代表城关镇小组" in html
    assert roster["zhang"].id_number not in html and "13800001111" not in html and "QS18-0001" not in html


def test_profile_of_someone_without_an_active_mandate_is_not_found(roster):
    m = roster["m_wang"]
    m.status, m.end_date = MandateStatus.ENDED, dt.date(2024, 1, 1)
    m.save()
    assert Client().get(f"/deputies/{roster['wang'].pk}/").status_code == 404


def test_find_my_deputy_by_township_lists_every_level(roster, township_a):
    r = Client().get("/deputies/find/", {"township": township_a.pk})
    found = {(m.person.name, m.level) for _title, rows in r.context["groups"] for m in rows}
    assert found == {("张伟", "county"), ("李芳", "county"), ("张伟", "township")}
    assert r.context["places"] == ["城南社区", "城北村"]


def test_find_my_deputy_by_place_name(roster):
    r = Client().get("/deputies/find/", {"q": "青石村"})
    assert {m.person.name for _t, rows in r.context["groups"] for m in rows} == {"王强"}


def test_find_my_deputy_by_village_within_township(roster, township_a):
    r = Client().get("/deputies/find/", {"township": township_a.pk, "place": "城北村"})
    assert {(m.person.name, m.level) for _t, rows in r.context["groups"] for m in rows} == {
        ("张伟", "county"),
        ("李芳", "county"),
    }


def test_public_list_and_find_use_a_constant_number_of_queries(
    roster, grow, township_a, django_assert_max_num_queries
):
    client = Client()
    client.get("/deputies/")
    with django_assert_max_num_queries(6):
        client.get("/deputies/")
    with django_assert_max_num_queries(6):
        client.get("/deputies/find/", {"township": township_a.pk})
    grow(30)
    with django_assert_max_num_queries(6):
        assert client.get("/deputies/").status_code == 200
    with django_assert_max_num_queries(6):
        r = client.get("/deputies/find/", {"township": township_a.pk})
    assert r.context["count"] == 33


def test_other_apps_can_add_a_panel_and_a_message_button(roster, monkeypatch):
    monkeypatch.setattr(hooks, "PROFILE_PANELS", [])
    monkeypatch.setattr(hooks, "PROFILE_ACTIONS", [])
    hooks.register_profile_panel(10, lambda request, person, mandates: "<section>履职摘要</section>")
    hooks.register_profile_action(
        10, "给代表留言", lambda person, mandates: f"/contact/new/?person={person.pk}"
    )
    html = Client().get(f"/deputies/{roster['zhang'].pk}/").content.decode()
    assert "<section>履职摘要</section>" in html and "给代表留言" in html


def test_portal_home_links_to_find_my_deputy(db):
    html = Client().get("/").content.decode()
    assert "/deputies/find/" in html
