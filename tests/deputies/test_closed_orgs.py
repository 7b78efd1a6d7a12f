"""Closed delegations and deputy groups (停用): offered for no new seat in the forms and the import, kept on
the seats and in the history that name them; the setup page closes and reopens them after a prompt."""

import datetime as dt

import pytest

from renda.core.errors import Refused
from renda.core.models import AuditEntry
from renda.deputies import importing, services
from renda.deputies.forms import ElectForm, MandateForm
from renda.deputies.importing.template import template_xlsx
from renda.deputies.models import Mandate, Person
from renda.deputies.services import setup
from tests.deputies.test_import import xlsx
from tests.deputies.test_pages import names

pytestmark = pytest.mark.django_db

HEADER = ["姓名", "性别", "民族", "届次", "选区", "代表团", "代表证号", "当选日期"]


def _close(roster, staff):
    setup.set_org_closed(roster["delegation"], closed=True, by=staff)
    setup.set_org_closed(roster["group"], closed=True, by=staff)
    roster["delegation"].refresh_from_db()
    roster["group"].refresh_from_db()


def test_setup_page_closes_and_reopens_after_a_prompt(login, staff, county, roster):
    c = login(staff)
    url = f"/work/deputies/setup/{county.pk}/"
    page = c.get(url).content.decode()
    assert 'value="close" data-confirm="确认停用代表团“城关镇代表团”？' in page
    d = roster["delegation"]
    r = c.post(url, {"action": "close", "kind": "delegations", "pk": d.pk})
    assert r.status_code == 302
    d.refresh_from_db()
    assert d.closed
    assert AuditEntry.objects.filter(action="deputies.delegation.close", object_id=str(d.pk)).exists()
    page = c.get(url).content.decode()
    assert "已停用" in page and 'value="reopen" data-confirm="确认重新启用代表团“城关镇代表团”？' in page
    c.post(url, {"action": "reopen", "kind": "delegations", "pk": d.pk})
    d.refresh_from_db()
    assert not d.closed


def test_a_constituency_cannot_be_closed(login, staff, county, roster):
    r = login(staff).post(
        f"/work/deputies/setup/{county.pk}/",
        {"action": "close", "kind": "constituencies", "pk": roster["con_a"].pk},
    )
    assert r.status_code == 422 and "只有代表团和代表小组可以停用" in r.content.decode()


def test_closed_ones_are_not_offered_for_a_new_seat(staff, county, roster):
    _close(roster, staff)
    form = ElectForm(bodies=county.__class__.objects.filter(pk=county.pk))
    assert roster["delegation"] not in form.fields["delegation"].queryset
    assert roster["group"] not in form.fields["group"].queryset
    assert b"\xe5\x9f\x8e\xe5\x85\xb3\xe9\x95\x87\xe4\xbb\xa3\xe8\xa1\xa8\xe5\x9b\xa2" not in template_xlsx(
        county
    )


def test_electing_into_a_closed_delegation_is_refused_and_changes_nothing(staff, county_term, roster):
    _close(roster, staff)
    seats = Mandate.objects.count()
    with pytest.raises(Refused) as exc:
        services.elect(
            roster["wang"],
            term=county_term,
            on=dt.date(2024, 3, 1),
            by=staff,
            kind="by_election",
            delegation=roster["delegation"],
        )
    assert exc.value.code == "org_closed"
    assert Mandate.objects.count() == seats


def test_a_seat_keeps_its_closed_delegation_but_no_seat_moves_into_it(staff, county, roster):
    _close(roster, staff)
    m = roster["m_zhang"]  # has the delegation and the group
    form = MandateForm(body=county, initial={"delegation": m.delegation, "group": m.group})
    assert roster["delegation"] in form.fields["delegation"].queryset  # still shown on its own seat
    services.update_mandate(
        m, by=staff, delegation=roster["delegation"], group=roster["group"], card_number="X1"
    )
    m.refresh_from_db()
    assert m.delegation_id == roster["delegation"].pk and m.card_number == "X1"
    other = roster["m_li"]
    with pytest.raises(Refused) as exc:
        services.update_mandate(other, by=staff, delegation=roster["delegation"])
    assert exc.value.code == "org_closed"
    other.refresh_from_db()
    assert other.delegation_id is None


def test_import_refuses_a_new_seat_in_a_closed_delegation_but_keeps_existing_seats(staff, county, roster):
    _close(roster, staff)
    rows = [
        ["张伟", "男", "汉族", "18", "城关镇第1选区", "城关镇代表团", "QS18-0001", "2021-10-20"],  # has it
        ["新人", "男", "汉族", "18", "城关镇第1选区", "城关镇代表团", "", "2021-10-20"],
    ]
    report = importing.check_file(xlsx(rows, HEADER), "r.xlsx", body=county)
    assert [e["line"] for e in report.errors] == [3]
    assert "代表团“城关镇代表团”已停用" in report.errors[0]["reasons"][0]
    result = importing.import_file(xlsx(rows, HEADER), "r.xlsx", body=county, by=staff, valid_only=True)
    assert result.counts.created == 0 and result.counts.updated + result.counts.unchanged == 1
    assert not Person.objects.filter(name="新人").exists()
    roster["m_zhang"].refresh_from_db()
    assert roster["m_zhang"].delegation_id == roster["delegation"].pk


def test_the_registry_still_filters_by_a_closed_delegation_and_says_it_is_closed(
    login, staff, county, roster
):
    _close(roster, staff)
    c = login(staff)
    page = c.get("/work/deputies/", {"body": county.pk}).content.decode()
    assert "城关镇代表团（已停用）" in page
    r = c.get("/work/deputies/", {"body": county.pk, "delegation": roster["delegation"].pk})
    assert names(r) == {"张伟"}
