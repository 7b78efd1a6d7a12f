"""The open API (issue 19): public data with no token, personal tokens with scopes and expiry, one error
shape `{code, message}` in Chinese for every bad input, Open311 intake, docs served locally."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from renda.contact.models import Message
from renda.core.models import AuditEntry
from renda.dashboards import services
from renda.dashboards.models import ApiToken
from tests.factories.deputies import MandateFactory, StationFactory

pytestmark = pytest.mark.django_db


def _bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_public_deputies_and_stations_need_no_session(client, county):
    seat = MandateFactory(body=county)
    station = StationFactory(body=county, name="城关联络站")
    station.members.add(seat)
    r = client.get("/api/v1/public/deputies")
    assert r.status_code == 200 and r.json()["count"] == 1
    row = r.json()["items"][0]
    assert row["name"] == seat.person.name and row["stations"] == [{"id": station.pk, "name": "城关联络站"}]
    assert "id_number" not in str(row) and "phone" not in row  # domain.md §7: never published
    s = client.get("/api/v1/public/stations").json()["items"][0]
    assert s["name"] == "城关联络站" and s["deputies"] == 1
    assert client.get(f"/api/v1/public/stations/{station.pk}").status_code == 200
    assert client.get("/api/v1/public/duty-publications").json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("?stat=open", 400, "unknown_parameter"),  # a typo of a filter must not list everything
        ("?offset=40", 404, "page_out_of_range"),
        ("?limit=0", 422, "invalid_input"),
        ("?body=abc", 422, "invalid_input"),
    ],
)
def test_bad_public_queries_answer_code_and_chinese_message(client, county, query, status, code):
    MandateFactory(body=county)
    r = client.get("/api/v1/public/deputies" + query)
    assert r.status_code == status and r.json()["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["message"])


def test_reversed_date_range_is_an_error(client):
    r = client.get("/api/v1/public/duty-publications?start=2026-05-01&end=2026-01-01")
    assert r.status_code == 409 and r.json()["code"] == "date_range_reversed"


def test_public_rate_limit(client, settings):
    settings.DASHBOARDS_LIMIT_PUBLIC = (2, 60)
    assert client.get("/api/v1/public/stations").status_code == 200
    assert client.get("/api/v1/public/stations").status_code == 200
    r = client.get("/api/v1/public/stations")
    assert r.status_code == 429 and r.json()["code"] == "rate_limited"


def test_a_token_reads_with_read_scope_and_is_refused_without_it(staff, county):
    _token, key = services.create_token(staff, name="统计脚本", scopes=["read"], days=30)
    c = Client()
    r = c.get("/api/v1/bodies", **_bearer(key))
    assert r.status_code == 200 and r.json()["count"] >= 1
    assert ApiToken.objects.get().last_used_at is not None
    # A write needs `write` (and a token bypasses no rule of the service behind it).
    r = c.post("/api/v1/duty-records", {}, content_type="application/json", **_bearer(key))
    assert r.status_code == 403 and r.json()["code"] == "token_scope_missing"
    assert AuditEntry.objects.filter(action="refused", object_id="token_scope_missing").exists()


def test_expired_revoked_and_unknown_tokens_are_401_json(staff):
    token, key = services.create_token(staff, name="对接", scopes=["read"], days=1)
    c = Client()
    assert c.get("/api/v1/bodies", **_bearer("rd_nonsense")).json()["code"] == "token_invalid"
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1), created_at=timezone.now() - dt.timedelta(days=2)
    )
    r = c.get("/api/v1/bodies", **_bearer(key))
    assert r.status_code == 401 and r.json() == {
        "code": "token_expired",
        "message": "接口令牌已过期，请重新创建",
    }
    token2, key2 = services.create_token(staff, name="对接2", scopes=["read"], days=5)
    services.revoke_token(token2, by=staff)
    r = c.get("/api/v1/bodies", **_bearer(key2))
    assert r.status_code == 401 and r.json()["code"] == "token_revoked"


def test_token_rules(staff, system_admin, leader):
    from renda.core.errors import NotPermitted, Refused

    with pytest.raises(Refused) as e:
        services.create_token(staff, name="x", scopes=["read"], days=999)
    assert e.value.code == "token_days_invalid"
    with pytest.raises(Refused):
        services.create_token(staff, name="x", scopes=["root"], days=9)
    with pytest.raises(NotPermitted):  # 三员分立: admins hold no business-data tokens
        services.create_token(system_admin, name="x", scopes=["read"], days=9)
    token, _key = services.create_token(staff, name="mine", scopes=["read"], days=9)
    with pytest.raises(NotPermitted):
        services.revoke_token(token, by=leader)
    assert AuditEntry.objects.filter(action="dashboards.token_create").count() == 1


def test_token_pages_show_the_key_once_and_the_security_admin_lists_them(login, staff, security_admin):
    c = login(staff)
    r = c.post("/work/dashboards/tokens/", {"name": "12345 对接", "scopes": ["read", "open311"], "days": 90})
    html = r.content.decode()
    key = html.split('aria-label="新令牌" value="', 1)[1].split('"', 1)[0]
    assert key.startswith("rd_") and key not in c.get("/work/dashboards/tokens/").content.decode()
    listing = login(security_admin).get("/work/admin/api-tokens/").content.decode()
    assert "12345 对接" in listing and key not in listing
    assert login(staff).get("/work/admin/api-tokens/").status_code == 403


def test_open311_services_submit_and_track(client, staff, county):
    station = StationFactory(body=county)
    services_list = client.get("/api/v1/open311/v2/services.json").json()
    assert {"service_code": "roads", "service_name": "道路交通"}.items() <= services_list[1].items()
    _t, key = services.create_token(staff, name="12345", scopes=["open311"], days=30)
    body = {
        "service_code": "roads",
        "description": "幸福路路灯坏了一个月",
        "station_id": station.pk,
        "phone": "13800000000",
    }
    r = Client().post(
        "/api/v1/open311/v2/requests.json", body, content_type="application/json", **_bearer(key)
    )
    assert r.status_code == 201, r.content
    code = r.json()[0]["token"]
    m = Message.objects.get()
    assert m.channel == "api" and m.registered_by == staff and m.category == "roads"
    st = client.get(f"/api/v1/open311/v2/requests/{code}.json").json()[0]
    assert st["status"] == "open" and st["service_code"] == "roads" and "13800000000" not in str(st)
    assert client.get(f"/api/v1/open311/v2/tokens/{code}.json").json()[0]["service_request_id"] == code
    mine = Client().get("/api/v1/open311/v2/requests.json", **_bearer(key)).json()
    assert len(mine) == 1
    bad = Client().get(
        "/api/v1/open311/v2/requests.json?start_date=2026-05-02&end_date=2026-05-01", **_bearer(key)
    )
    assert bad.status_code == 409 and bad.json()["code"] == "date_range_reversed"


def test_open311_refusals(client, staff, county):
    _t, read_only = services.create_token(staff, name="r", scopes=["read"], days=30)
    body = {"service_code": "roads", "description": "幸福路路灯坏了一个月", "township_id": 999}
    r = Client().post(
        "/api/v1/open311/v2/requests.json", body, content_type="application/json", **_bearer(read_only)
    )
    assert r.status_code == 403 and r.json()["code"] == "token_scope_missing"
    _t, key = services.create_token(staff, name="o", scopes=["open311"], days=30)
    r = Client().post(
        "/api/v1/open311/v2/requests.json",
        {**body, "service_code": "ufo"},
        content_type="application/json",
        **_bearer(key),
    )
    assert r.status_code == 400 and r.json()["code"] == "service_unknown"
    r = Client().post(
        "/api/v1/open311/v2/requests.json",
        {"service_code": "roads", "description": "幸福路路灯坏了"},
        content_type="application/json",
        **_bearer(key),
    )
    assert r.json()["code"] == "addressee_missing"
    assert client.get("/api/v1/open311/v2/requests/ABCD-EFGH-JKLM.json").status_code == 404
    assert Message.objects.count() == 0


def test_docs_page_loads_nothing_from_another_host(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html and "cdn" not in html.lower() and "https://" not in html
    schema = client.get("/api/v1/openapi.json").json()
    assert (
        "/api/v1/public/deputies" in schema["paths"] and "/api/v1/open311/v2/requests.json" in schema["paths"]
    )


def test_public_stations_filter_and_page(client, county, township_a):
    StationFactory(body=county, name="城关联络站", address="人民路1号")
    StationFactory(body=township_a, name="东门代表之家", address="东门街_5%号")
    assert client.get("/api/v1/public/stations").json()["count"] == 2
    assert [s["name"] for s in client.get("/api/v1/public/stations?q=东门").json()["items"]] == [
        "东门代表之家"
    ]
    assert client.get("/api/v1/public/stations?q=_5%25").json()["count"] == 1  # LIKE wildcards are literal
    assert client.get("/api/v1/public/stations?q=%25").json()["count"] == 1
    assert client.get(f"/api/v1/public/stations?body={township_a.pk}").json()["count"] == 1
    assert client.get("/api/v1/public/stations?limit=1&offset=1").json()["count"] == 2
    assert client.get("/api/v1/public/stations?offset=2").json()["code"] == "page_out_of_range"
