"""The API: /deputies with the staff filters (paginated, scoped, masked), /deputies/{id}, and the Popolo
export validated against the Popolo JSON Schemas with every *_id resolving."""

import json
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

pytestmark = pytest.mark.django_db
SCHEMAS = Path("/work/shared/data/popolo-schemas")


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


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT3)))
    return Registry().with_resources(resources)


def test_popolo_export_validates_against_the_schemas_and_every_id_resolves(roster):
    data = Client().get("/api/v1/popolo.json").json()
    registry = _registry()
    kinds = {
        "persons": "person",
        "organizations": "organization",
        "memberships": "membership",
        "posts": "post",
        "areas": "area",
    }
    for key, name in kinds.items():
        schema = json.loads((SCHEMAS / f"{name}.json").read_text())
        validator = Draft3Validator(schema, registry=registry)
        assert data[key], key
        for item in data[key]:
            errors = list(validator.iter_errors(item))
            assert not errors, (key, item, errors[0].message)
    ids = {key: {item["id"] for item in data[key]} for key in kinds}
    assert len(ids["persons"]) == 3 and len(data["memberships"]) == 4
    targets = {
        "person_id": "persons",
        "organization_id": "organizations",
        "post_id": "posts",
        "area_id": "areas",
        "on_behalf_of_id": "organizations",
        "parent_id": None,
        "legislative_period_id": "organizations",
    }
    for key, items in data.items():
        for item in items:
            for field, value in item.items():
                if field.endswith("_id") and value is not None:
                    target = targets[field] or key  # parent_id points within the same list
                    assert value in ids[target], (key, field, value)


def test_popolo_membership_is_on_behalf_of_the_delegation_and_holds_the_constituency_post(roster):
    data = Client().get("/api/v1/popolo.json").json()
    m = next(x for x in data["memberships"] if x["id"] == f"membership-{roster['m_zhang'].pk}")
    assert m["on_behalf_of_id"] == f"org-delegation-{roster['delegation'].pk}"
    assert m["post_id"] == f"post-constituency-{roster['con_a'].pk}"
    term = next(o for o in data["organizations"] if o["id"] == m["legislative_period_id"])
    assert term["classification"] == "legislative term" and "第十八届" in term["name"]


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
