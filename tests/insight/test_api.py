"""/api/v1/insight/…: the same selectors as the pages, bounded parameters, refusals as 403/409/422."""

import json

import pytest

from renda.insight import services


@pytest.fixture
def trained(history):
    services.retrain()
    return history


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_route_by_text_and_by_item(trained, staff, login):
    client = login(staff)
    r = _post(client, "/api/v1/insight/route", {"text": "路口红绿灯时间太短，行人过马路危险"})
    assert r.status_code == 200 and r.json()["ok"] and r.json()["category"][0]["value"] == "roads"
    r = _post(client, "/api/v1/insight/route", {"text": "😀"})
    assert r.status_code == 200 and not r.json()["ok"] and r.json()["category"] == []
    msg = trained["messages"][0]
    r = client.get(f"/api/v1/insight/message/{msg.pk}/route")
    assert r.status_code == 200 and r.json()["model_version"] == 1
    assert client.get("/api/v1/insight/other/1/route").status_code == 422


def test_route_is_for_staff_only_and_text_is_bounded(trained, staff, unit_user, login):
    assert _post(login(unit_user), "/api/v1/insight/route", {"text": "路灯"}).status_code == 403
    assert _post(login(staff), "/api/v1/insight/route", {"text": "路" * 20001}).status_code == 422


def test_hot_and_similar_and_hints(trained, staff, login):
    client = login(staff)
    r = client.get("/api/v1/insight/hot?limit=5")
    assert r.status_code == 200 and isinstance(r.json(), list)
    assert client.get("/api/v1/insight/hot?start=2026-06-30&end=2026-06-01").status_code == 409
    assert client.get("/api/v1/insight/hot?limit=500").status_code == 422
    r = _post(client, "/api/v1/insight/similar", {"text": "人民路路面坑洼严重，雨天积水"})
    assert r.status_code == 200 and r.json() and r.json()[0]["terms"]
    r = _post(client, "/api/v1/insight/reply-hints", {"message": "路灯坏了", "reply": "好"})
    assert r.status_code == 200 and r.json()[0]["axis"] == "完整性"
