"""The API: /deputies with the staff filters (paginated, scoped, masked), /deputies/{id}, and the Popolo
export validated against the Popolo JSON Schemas with every *_id resolving."""

import pytest
from django.test import Client

from tests.deputies.popolo_check import validate

pytestmark = pytest.mark.django_db


def test_list_filters_and_paginates(login, staff, roster, county):
    client = login(staff)
    data = client.get("/api/v1/deputies", {"q": "zw"}).json()
    assert data["count"] == 2 and {i["person"]["name"] for i in data["items"]} == {"张伟"}
    page = client.get("/api/v1/deputies", {"body": county.pk, "limit": 2, "offset": 2}).json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert client.get("/api/v1/deputies", {"party": "cdl"}).json()["items"][0]["person"]["name"] == "王强"


def test_list_masks_id_and_phone(login, staff, roster):
    body = login(staff).get("/api/v1/deputies", {"q": "张伟"}).content.decode()
    assert roster["zhang"].id_number not in body and "13800001111" not in body and "138****1111" in body


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"q": "a\x00b"}, {"body": 0}]
)
def test_bad_parameters_are_422(login, staff, roster, params):
    assert login(staff).get("/api/v1/deputies", params).status_code == 422


def test_detail_includes_changes_and_groups(login, staff, roster):
    data = login(staff).get(f"/api/v1/deputies/{roster['m_zhang'].pk}").json()
    assert data["professional_groups"] == ["法制专业小组"] and data["stations"] == ["城关镇人大代表联络站"]


def test_township_b_cannot_read_township_a_deputies_through_the_api(login, outsider, roster):
    client = login(outsider)
    assert client.get("/api/v1/deputies").json()["count"] == 0
    assert client.get(f"/api/v1/deputies/{roster['m_zhang_town'].pk}").status_code == 404


def test_anonymous_and_admins_are_refused(login, system_admin, roster):
    assert Client().get("/api/v1/deputies").status_code == 401
    r = login(system_admin).get("/api/v1/deputies")
    # The API refuses the three admins before any endpoint runs (renda/api/auth.py).
    assert r.status_code == 403 and r.json()["code"] == "admin_reads_no_business_data"


def test_popolo_export_validates_against_the_schemas_and_every_id_resolves(roster):
    ids = validate(Client().get("/api/v1/popolo.json").json())
    assert len(ids["persons"]) == 3 and len(ids["memberships"]) == 4 and len(ids["events"]) == 2


def test_popolo_membership_is_on_behalf_of_the_delegation_and_holds_the_constituency_post(roster):
    data = Client().get("/api/v1/popolo.json").json()
    m = next(x for x in data["memberships"] if x["id"] == f"membership-{roster['m_zhang'].pk}")
    assert m["on_behalf_of_id"] == f"org-delegation-{roster['delegation'].pk}"
    assert m["post_id"] == f"post-constituency-{roster['con_a'].pk}"
    term = next(e for e in data["events"] if e["id"] == m["legislative_period_id"])
    assert term["classification"] == "legislative period" and "第十八届" in term["name"]
    assert term["organization_id"] == m["organization_id"]


def test_popolo_export_publishes_no_private_data(roster):
    body = Client().get("/api/v1/popolo.json").content.decode()
    for secret in (roster["zhang"].id_number, "13800001111", "QS18-0001"):
        assert secret not in body


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(login, staff, roster, grow):
    client = login(staff)
    client.get("/api/v1/deputies")
    small = _queries(client, "/api/v1/deputies")
    grow(20)
    assert _queries(client, "/api/v1/deputies") == small <= 10


def test_popolo_export_query_count_does_not_grow_with_rows(roster, grow):
    small = _queries(Client(), "/api/v1/popolo.json")
    grow(20)
    assert _queries(Client(), "/api/v1/popolo.json") == small <= 10


def test_popolo_export_of_the_demo_congresses_validates():
    from renda.core.demo_data import build_core
    from renda.deputies import demo

    demo.load(build_core())
    ids = validate(Client().get("/api/v1/popolo.json").json())
    assert len(ids["memberships"]) > 1000 and len(ids["events"]) > 1
