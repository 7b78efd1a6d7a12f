"""Staff screens: list with filters and pinyin search, person page, stats, export, roster, change form;
data scope (township A cannot see township B) and the admin roles see nothing."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from renda.core.models import AuditEntry
from renda.deputies.choices import MandateStatus
from renda.deputies.models import MandateChange

pytestmark = pytest.mark.django_db


def names(response) -> set[str]:
    return {m.person.name for m in response.context["page"]}


@pytest.mark.parametrize("q", ["张伟", "zhangwei", "zhang", "zw", "ZW", "QS18-0001"])
def test_search_by_name_pinyin_initials_or_card_number(login, staff, roster, q):
    r = login(staff).get("/work/deputies/", {"q": q})
    assert r.status_code == 200
    assert names(r) == {"张伟"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"level": "township"}, {"张伟"}),
        ({"party": "cdl"}, {"王强"}),
        ({"gender": "F"}, {"李芳"}),
        ({"ethnicity": "畲族"}, {"李芳"}),
        ({"constituency": "con_b"}, {"王强"}),
        ({"group": "group"}, {"张伟"}),
        ({"delegation": "delegation"}, {"张伟"}),
        ({"professional_group": "prof"}, {"张伟"}),
    ],
)
def test_list_filters(login, staff, roster, county, params, expected):
    params = {k: (roster[v].pk if v in roster else v) for k, v in params.items()}
    r = login(staff).get(
        "/work/deputies/", {"body": county.pk, **params} if "level" not in params else params
    )
    assert names(r) == expected


def test_status_filter_shows_ended_mandates_only_when_asked(login, staff, roster):
    m = roster["m_wang"]
    m.status, m.end_date = MandateStatus.ENDED, dt.date(2024, 1, 1)
    m.save()
    client = login(staff)
    assert "王强" not in names(client.get("/work/deputies/"))
    assert names(client.get("/work/deputies/", {"status": "ended"})) == {"王强"}


def test_list_masks_phone_numbers(login, staff, roster):
    html = login(staff).get("/work/deputies/").content.decode()
    assert "13800001111" not in html and "138****1111" in html


def test_list_query_count_does_not_grow_with_rows(login, staff, roster, grow, django_assert_max_num_queries):
    client = login(staff)
    client.get("/work/deputies/")
    with django_assert_max_num_queries(12):
        client.get("/work/deputies/")
    grow(25)
    with django_assert_max_num_queries(12):
        assert client.get("/work/deputies/").status_code == 200


def test_township_staff_see_only_their_townships_deputies(login, township_staff, outsider, roster):
    r = login(township_staff).get("/work/deputies/")
    assert names(r) == {"张伟"}  # the township A seat only
    assert {m.body.pk for m in r.context["page"]} == {roster["m_zhang_town"].body_id}
    assert login(outsider).get("/work/deputies/").context["page"].paginator.count == 0


def test_outsider_cannot_open_a_person_of_another_township(login, outsider, roster):
    assert login(outsider).get(f"/work/deputies/people/{roster['zhang'].pk}/").status_code == 404


def test_admin_roles_and_deputies_cannot_read_the_registry(login, system_admin, deputy_user, roster):
    assert login(system_admin).get("/work/deputies/").status_code == 403
    assert login(deputy_user).get("/work/deputies/").status_code == 403


def test_person_page_shows_both_mandates_and_their_history(login, staff, roster):
    r = login(staff).get(f"/work/deputies/people/{roster['zhang'].pk}/")
    html = r.content.decode()
    assert r.status_code == 200 and len(r.context["rows"]) == 2
    assert "城关镇人大代表联络站" in html and "3609" in html and "13800001111" not in html


def test_statistics_report_composition_shares(login, staff, roster):
    r = login(staff).get("/work/deputies/stats/")
    figures = r.context["figures"]
    assert figures["total"] == 3 and figures["seats"] == 4
    assert figures["women"] == 1 and figures["minority"] == 1
    assert {row["label"]: row["count"] for row in figures["party"]} == {
        "中共党员": 1,
        "群众": 1,
        "民盟盟员": 1,
    }
    html = r.content.decode()
    assert 'id="deputy-charts"' in html and "deputies/stats.js" in html and "<script>" not in html


def test_export_is_xlsx_with_masked_numbers_and_audited(login, staff, roster):
    r = login(staff).get("/work/deputies/export.xlsx", {"q": "zw"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][0] == "姓名" and len(rows) == 4  # title with the filters, header + Zhang's two seats
    assert "关键词=zw" in rows[0][0]
    assert all("13800001111" not in str(c) for row in rows for c in row)
    assert AuditEntry.objects.filter(action="deputies.export").exists()


def test_roster_on_a_past_date_page(login, staff, county, roster):
    client = login(staff)
    client.post(
        f"/work/deputies/mandates/{roster['m_wang'].pk}/change/",
        {"kind": "resigned", "on": "2024-05-01", "reason": "工作调动"},
    )
    before = client.get("/work/deputies/roster/", {"body": county.pk, "on": "2024-01-01"})
    after = client.get("/work/deputies/roster/", {"body": county.pk, "on": "2024-06-01"})
    assert {m.person.name for m, _, _ in before.context["rows"]} == {"张伟", "李芳", "王强"}
    assert {m.person.name for m, _, _ in after.context["rows"]} == {"张伟", "李芳"}


def test_change_form_records_a_suspension(login, staff, roster):
    r = login(staff).post(
        f"/work/deputies/mandates/{roster['m_li'].pk}/change/",
        {"kind": "suspended", "on": "2024-05-01", "reason": "被采取强制措施"},
    )
    assert r.status_code == 302
    roster["m_li"].refresh_from_db()
    assert roster["m_li"].status == MandateStatus.SUSPENDED


def test_change_form_refusal_shows_reason_and_changes_nothing(login, staff, roster):
    r = login(staff).post(
        f"/work/deputies/mandates/{roster['m_li'].pk}/change/",
        {"kind": "resigned", "on": "2019-01-01", "reason": "x"},
    )
    assert r.status_code == 422 and "不能早于任职起始日期" in r.content.decode()
    assert not MandateChange.objects.filter(mandate=roster["m_li"]).exists()


def test_new_person_with_a_seat(login, staff, county_term, roster):
    r = login(staff).post(
        "/work/deputies/new/",
        {
            "name": "孙 丽",
            "gender": "F",
            "ethnicity": "汉族",
            "birth_date": "1980-01-02",
            "party": "cpc",
            "occupation_category": "other",
            "id_number": "",
            "phone": "",
            "seat-term": county_term.pk,
            "seat-kind": "by_election",
            "seat-on": "2024-03-01",
            "seat-constituency": roster["con_a"].pk,
        },
    )
    assert r.status_code == 302
    from renda.deputies.models import Person

    person = Person.objects.get(name="孙丽")
    assert person.mandates.get().changes.get().kind == "by_election"


def test_new_person_with_an_id_already_registered_is_refused(login, staff, county_term, roster):
    from renda.deputies.models import Person

    before = Person.objects.count()
    r = login(staff).post(
        "/work/deputies/new/",
        {
            "name": "张三",
            "gender": "M",
            "ethnicity": "汉族",
            "party": "cpc",
            "occupation_category": "other",
            "id_number": roster["zhang"].id_number,
            "seat-term": county_term.pk,
            "seat-kind": "elected",
            "seat-on": "2021-10-01",
        },
    )
    assert r.status_code == 422 and "已属于另一位代表" in r.content.decode()
    assert Person.objects.count() == before


def test_township_staff_cannot_change_a_county_mandate_page(login, township_staff, roster):
    assert (
        login(township_staff).get(f"/work/deputies/mandates/{roster['m_li'].pk}/change/").status_code == 404
    )


def test_mandate_edit_sets_groups_and_stations(login, staff, roster):
    from tests.factories.deputies import StationFactory

    m = roster["m_wang"]
    station = roster["station"]
    r = login(staff).post(
        f"/work/deputies/mandates/{m.pk}/edit/",
        {
            "group": roster["group"].pk,
            "professional_groups": [roster["prof"].pk],
            "stations": [station.pk],
            "card_number": "QS18-0003",
        },
    )
    assert r.status_code == 302
    assert list(m.stations.all()) == [station] and m.professional_groups.get() == roster["prof"]
    foreign = StationFactory(
        body=roster["m_zhang_town"].body.parent.children.exclude(pk=roster["m_zhang_town"].body_id).first()
    )
    from renda.core.errors import Refused
    from renda.deputies import services

    with pytest.raises(Refused) as exc:
        services.set_mandate_stations(roster["m_zhang_town"], stations=[foreign], by=staff)
    assert exc.value.code == "station_foreign"
    assert roster["m_zhang_town"].stations.get() == station


def test_staff_create_a_station_with_a_keeper(login, staff, township_a, roster):
    from renda.core.roles import Role
    from renda.deputies.models import Station
    from tests.factories.core import UserFactory

    keeper = UserFactory(role=Role.STATION_KEEPER, body=township_a)
    r = login(staff).post(
        "/work/deputies/stations/new/",
        {
            "body": township_a.pk,
            "name": "城南社区代表联络点",
            "kind": "station",
            "keeper": keeper.pk,
            "active": "on",
        },
    )
    assert r.status_code == 302
    assert Station.objects.get(name="城南社区代表联络点").keeper == keeper


def test_outsider_cannot_edit_another_townships_station(login, outsider, roster):
    assert login(outsider).get(f"/work/deputies/stations/{roster['station'].pk}/edit/").status_code == 404


def test_outsider_cannot_edit_a_person_through_the_service(outsider, roster):
    from renda.core.errors import NotPermitted
    from renda.deputies import services

    with pytest.raises(NotPermitted):
        services.save_person(roster["zhang"], by=outsider, occupation="篡改")
    roster["zhang"].refresh_from_db()
    assert roster["zhang"].occupation == "教师"


def test_township_staff_may_edit_a_person_who_sits_in_their_township(township_staff, roster):
    from renda.deputies import services

    services.save_person(roster["zhang"], by=township_staff, occupation="校长")
    roster["zhang"].refresh_from_db()
    assert roster["zhang"].occupation == "校长"


def test_statistics_export_as_xlsx(login, staff, roster):
    r = login(staff).get("/work/deputies/stats/", {"format": "xlsx"})
    ws = load_workbook(BytesIO(r.content)).active
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "妇女代表" in cells and "民盟盟员" in cells
