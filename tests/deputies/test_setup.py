"""Setting up a congress without a developer (issue 14): terms, delegations, constituencies, groups, and the
`setup_congress` command that takes an empty install to a congress whose roster can be imported."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry, Body, BodyKind, User
from renda.deputies.models import Constituency, Delegation, DeputyGroup, Term
from renda.deputies.services import setup
from tests.factories.deputies import ConstituencyFactory, MandateFactory, TermFactory

D = dt.date


def test_create_term_is_audited(county, staff):
    term = setup.create_term(county, number=19, start_date=D(2027, 1, 10), end_date=D(2031, 12, 31), by=staff)
    assert Term.objects.get(pk=term.pk).number == 19
    assert AuditEntry.objects.filter(action="deputies.term.create", object_id=str(term.pk)).exists()


def test_term_end_before_start_is_refused(county, staff):
    with pytest.raises(Refused) as exc:
        setup.create_term(county, number=19, start_date=D(2027, 1, 10), end_date=D(2027, 1, 9), by=staff)
    assert exc.value.code == "term_end_before_start"
    assert not Term.objects.exists()


def test_overlapping_term_of_same_body_is_refused(county, staff, township_a):
    setup.create_term(county, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31), by=staff)
    with pytest.raises(Refused) as exc:
        setup.create_term(county, number=19, start_date=D(2026, 6, 1), end_date=D(2031, 5, 31), by=staff)
    assert exc.value.code == "term_overlaps"
    assert "重叠" in exc.value.message
    # The next term may start the day the last one ends; another body's terms do not count.
    setup.create_term(county, number=19, start_date=D(2026, 12, 31), end_date=D(2031, 12, 31), by=staff)
    setup.create_term(township_a, number=18, start_date=D(2026, 6, 1), by=staff)
    assert Term.objects.count() == 3


def test_open_ended_term_blocks_a_later_one_until_closed(county, staff):
    term = setup.create_term(county, number=18, start_date=D(2021, 10, 1), end_date=None, by=staff)
    with pytest.raises(Refused) as exc:
        setup.create_term(county, number=19, start_date=D(2027, 1, 1), by=staff)
    assert exc.value.code == "term_overlaps"
    setup.update_term(term, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31), by=staff)  # close
    assert setup.create_term(county, number=19, start_date=D(2027, 1, 1), by=staff).number == 19


def test_duplicate_term_number_is_refused(county, staff):
    setup.create_term(county, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31), by=staff)
    with pytest.raises(Refused) as exc:
        setup.create_term(county, number=18, start_date=D(2030, 1, 1), by=staff)
    assert exc.value.code == "term_number_taken"


def test_subdistrict_committee_gets_no_term(county, staff):
    # 地方组织法 Art. 59: a 街道工委 has no deputies of its own.
    street = Body.objects.create(
        name="东城街道人大工委", kind=BodyKind.SUBDISTRICT_COMMITTEE, level="township", parent=county
    )
    with pytest.raises(Refused) as exc:
        setup.create_term(street, number=1, start_date=D(2027, 1, 1), by=staff)
    assert exc.value.code == "setup_not_a_congress"


def test_outsider_cannot_set_up_another_township(township_a, outsider):
    with pytest.raises(NotPermitted):
        setup.create_term(township_a, number=19, start_date=D(2027, 1, 1), by=outsider)
    with pytest.raises(NotPermitted):
        setup.add_orgs_bulk("delegations", township_a, text="甲\n乙", by=outsider)
    assert not Term.objects.exists() and not Delegation.objects.exists()


def test_leader_cannot_set_up(county, leader):
    with pytest.raises(NotPermitted):
        setup.create_term(county, number=19, start_date=D(2027, 1, 1), by=leader)


def test_bulk_paste_twice_adds_nothing_the_second_time(county, staff):
    text = "城关镇代表团\n  青石镇代表团 \n\n城关镇代表团\nＡ镇代表团\n"
    first = setup.add_orgs_bulk("delegations", county, text=text, by=staff)
    assert first.created == ["城关镇代表团", "青石镇代表团", "A镇代表团"]
    assert first.repeated == ["城关镇代表团"]
    second = setup.add_orgs_bulk("delegations", county, text=text, by=staff)
    assert second.created == [] and len(second.existing) == 3
    assert Delegation.objects.filter(body=county).count() == 3


def test_bulk_paste_with_a_too_long_line_adds_nothing(county, staff):
    with pytest.raises(Refused) as exc:
        setup.add_orgs_bulk("constituencies", county, text="第1选区\n" + "长" * 61, by=staff)
    assert exc.value.code == "setup_bulk_invalid" and "第 2 行" in exc.value.message
    assert not Constituency.objects.exists()


def test_add_one_refuses_a_taken_name_and_a_foreign_township(county, staff, township_a):
    other_county = Body.objects.create(name="红河县人民代表大会", kind=BodyKind.CONGRESS, level="county")
    far = Body.objects.create(
        name="远镇人大主席团", kind=BodyKind.PRESIDIUM, level="township", parent=other_county
    )
    setup.add_org("constituencies", county, name="城关镇第1选区", township=township_a, seats=3, by=staff)
    with pytest.raises(Refused) as exc:
        setup.add_org("constituencies", county, name="城关镇第1选区", by=staff)
    assert exc.value.code == "setup_name_taken"
    with pytest.raises(Refused) as exc:
        setup.add_org("constituencies", county, name="远镇第1选区", township=far, by=staff)
    assert exc.value.code == "setup_township_foreign"
    assert Constituency.objects.count() == 1


def test_group_in_a_delegation_of_its_congress(county, staff, township_a):
    d = setup.add_org("delegations", county, name="城关镇代表团", by=staff)
    g = setup.add_org("groups", county, name="城关镇第一小组", delegation=d, by=staff)
    assert g.delegation == d
    foreign = setup.add_org("delegations", township_a, name="某代表团", by=staff)
    with pytest.raises(Refused) as exc:
        setup.add_org("groups", county, name="另一小组", delegation=foreign, by=staff)
    assert exc.value.code == "setup_delegation_foreign"


def test_rename_refuses_a_duplicate(county, staff):
    a = setup.add_org("groups", county, name="甲小组", by=staff)
    setup.add_org("groups", county, name="乙小组", by=staff)
    with pytest.raises(Refused):
        setup.rename_org(a, name="乙小组", by=staff)
    assert setup.rename_org(a, name="丙小组", by=staff).name == "丙小组"
    assert DeputyGroup.objects.get(pk=a.pk).name == "丙小组"


def test_nothing_with_seats_is_deleted(county, staff):
    term = TermFactory(body=county, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31))
    con = ConstituencyFactory(body=county, name="城关镇第1选区")
    MandateFactory(body=county, term=term, constituency=con)
    with pytest.raises(Refused) as exc:
        setup.remove_org(con, by=staff)
    assert exc.value.code == "setup_has_seats" and "1 个代表席位" in exc.value.message
    with pytest.raises(Refused) as exc:
        setup.remove_term(term, by=staff)
    assert exc.value.code == "term_has_seats"
    assert Constituency.objects.filter(pk=con.pk).exists() and Term.objects.filter(pk=term.pk).exists()
    empty = setup.add_org("constituencies", county, name="空选区", by=staff)
    setup.remove_org(empty, by=staff)
    assert not Constituency.objects.filter(pk=empty.pk).exists()


def test_term_dates_cannot_leave_seats_outside(county, staff):
    term = TermFactory(body=county, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31))
    MandateFactory(body=county, term=term, start_date=D(2021, 10, 1))
    with pytest.raises(Refused) as exc:
        setup.update_term(term, number=18, start_date=D(2021, 11, 1), end_date=D(2026, 12, 31), by=staff)
    assert exc.value.code == "term_start_after_seats"
    assert Term.objects.get(pk=term.pk).start_date == D(2021, 10, 1)


SPEC = """
name: 青山县
level: county
region_code: "360925"
term: {number: 18, start: 2021-10-20, end: 2026-12-31}
delegations: [城关镇代表团, 青石镇代表团]
constituencies: [城关镇第1选区, 城关镇第2选区, 青石镇第1选区]
groups: [城关镇代表小组]
accounts:
  - {username: admin, full_name: 系统管理员, role: system_admin, password_env: T_ADMIN_PW}
  - {username: wang, full_name: 王工作, role: staff, password_env: T_STAFF_PW}
"""


@pytest.mark.django_db
def test_setup_command_from_empty_install_is_idempotent(tmp_path, monkeypatch):
    monkeypatch.setenv("T_ADMIN_PW", "Qingshan-admin-2027")
    monkeypatch.setenv("T_STAFF_PW", "Qingshan-staff-2027")
    path = tmp_path / "congress.yaml"
    path.write_text(SPEC, encoding="utf-8")
    assert not Body.objects.exists() and not User.objects.exists()
    out = io.StringIO()
    call_command("setup_congress", str(path), stdout=out)
    congress = Body.objects.get(name="青山县人民代表大会")
    sc = Body.objects.get(name="青山县人大常委会", parent=congress)
    assert Term.objects.get(body=congress).number == 18
    assert Constituency.objects.filter(body=congress).count() == 3
    staff = User.objects.get(username="wang")
    assert staff.body == sc and staff.check_password("Qingshan-staff-2027")
    # The staff account it made may manage the congress it made.
    from renda.deputies.permissions import can_manage

    assert can_manage(staff, congress)
    call_command("setup_congress", str(path), stdout=out)
    assert Body.objects.count() == 2 and User.objects.count() == 2
    assert Constituency.objects.count() == 3 and Delegation.objects.count() == 2 and Term.objects.count() == 1
    assert "新增 0 个，已有 3 个" in out.getvalue()


@pytest.mark.django_db
def test_setup_command_refuses_bad_term_and_writes_nothing(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        '{"name": "白水镇", "level": "township", "term": {"number": 5, "start": "2027-01-01", "end": "2026-01-01"}}',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="须晚于起始日期"):
        call_command("setup_congress", str(path), stdout=io.StringIO())
    assert not Body.objects.exists()


# --- pages ---


def test_staff_sets_up_through_the_page_and_reaches_import(county, staff, login):
    c = login(staff)
    url = f"/work/deputies/setup/{county.pk}/"
    assert c.get("/work/deputies/setup/").status_code == 200
    r = c.post(
        url, {"action": "term_create", "number": "19", "start_date": "2027-01-10", "end_date": "2027-01-01"}
    )
    assert r.status_code == 422
    html = r.content.decode()
    assert (
        "须晚于起始日期" in html and 'value="19"' in html and 'value="2027-01-10"' in html
    )  # typed values kept
    r = c.post(
        url, {"action": "term_create", "number": "19", "start_date": "2027-01-10", "end_date": "2031-12-31"}
    )
    assert r.status_code == 302 and Term.objects.filter(body=county, number=19).exists()
    for _ in range(2):
        c.post(url, {"action": "bulk", "kind": "delegations", "names": "城关镇代表团\n青石镇代表团"})
    assert Delegation.objects.filter(body=county).count() == 2
    page = c.get(f"/work/deputies/import/?body={county.pk}").content.decode()
    assert "第十九届" in page and f'<option value="{county.pk}" selected' in page


def test_bulk_error_keeps_the_pasted_text(county, staff, login):
    r = login(staff).post(
        f"/work/deputies/setup/{county.pk}/",
        {"action": "bulk", "kind": "groups", "names": "甲小组\n" + "长" * 61},
    )
    assert r.status_code == 422 and "第 2 行" in r.content.decode() and "甲小组" in r.content.decode()
    assert not DeputyGroup.objects.exists()


def test_outsider_cannot_see_or_change_another_township(township_a, outsider, login):
    c = login(outsider)
    url = f"/work/deputies/setup/{township_a.pk}/"
    assert c.get(url).status_code == 404
    assert c.post(url, {"action": "bulk", "kind": "delegations", "names": "甲"}).status_code == 404
    assert not Delegation.objects.exists()


def test_leader_sees_but_cannot_change(county, leader, login):
    c = login(leader)
    url = f"/work/deputies/setup/{county.pk}/"
    assert "设立新一届" not in c.get(url).content.decode()
    r = c.post(url, {"action": "term_create", "number": "19", "start_date": "2027-01-10"})
    assert r.status_code == 422 and not Term.objects.exists()


def test_deleting_constituency_with_seats_is_refused_on_the_page(county, staff, login):
    term = TermFactory(body=county, number=18, start_date=D(2021, 10, 1), end_date=D(2026, 12, 31))
    con = ConstituencyFactory(body=county, name="城关镇第1选区")
    MandateFactory(body=county, term=term, constituency=con)
    r = login(staff).post(
        f"/work/deputies/setup/{county.pk}/", {"action": "delete", "kind": "constituencies", "pk": con.pk}
    )
    assert r.status_code == 422 and "不能删除" in r.content.decode()
    assert Constituency.objects.filter(pk=con.pk).exists()
