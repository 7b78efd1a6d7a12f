"""The API honours the same permissions, states and scopes as the pages."""

from renda.suggestions.models import State


def test_list_is_scoped_to_the_caller(login, submitted, staff, outsider, deputy_user, unit_user):
    assert login(staff).get("/api/v1/suggestions").json()["count"] == 1
    assert login(deputy_user).get("/api/v1/suggestions").json()["count"] == 1
    assert login(outsider).get("/api/v1/suggestions").json()["count"] == 0
    assert login(unit_user).get("/api/v1/suggestions").json()["count"] == 0


def test_detail_of_another_township_is_not_found(login, submitted, outsider):
    resp = login(outsider).get(f"/api/v1/suggestions/{submitted.pk}")
    assert resp.status_code == 404


def test_transition_by_api_calls_the_service(login, submitted, staff):
    resp = login(staff).post(
        f"/api/v1/suggestions/{submitted.pk}/transitions/accept", {}, content_type="application/json"
    )
    assert resp.status_code == 200 and resp.json()["state"] == State.ACCEPTED


def test_wrong_role_transition_is_403_and_changes_nothing(login, submitted, deputy_user):
    resp = login(deputy_user).post(
        f"/api/v1/suggestions/{submitted.pk}/transitions/accept", {}, content_type="application/json"
    )
    assert resp.status_code == 403 and resp.json()["code"] == "role_not_allowed"
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_transition_not_allowed_in_state_is_409(login, submitted, staff, unit):
    resp = login(staff).post(
        f"/api/v1/suggestions/{submitted.pk}/transitions/hand_over",
        {"lead_unit": unit.pk},
        content_type="application/json",
    )
    assert resp.status_code == 409 and resp.json()["code"] == "transition_not_allowed"


def test_public_api_shows_only_published(client, replied, staff):
    from renda.suggestions import services

    assert client.get("/api/v1/public/suggestions").json()["count"] == 0
    services.publish(replied, by=staff)
    body = client.get("/api/v1/public/suggestions").json()
    assert body["count"] == 1 and "13900001111" not in str(body)


def test_deputy_drafts_and_submits_by_api(login, deputy_user, mandate):
    c = login(deputy_user)
    resp = c.post(
        "/api/v1/suggestions",
        {
            "mandate_id": mandate.pk,
            "title": "关于修缮村道的建议",
            "facts": "村道破损",
            "proposals": "建议修缮",
            "contact": "139",
        },
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["state"] == State.DRAFT
    pk = resp.json()["id"]
    resp = c.post(f"/api/v1/suggestions/{pk}/transitions/submit", {}, content_type="application/json")
    assert resp.json()["state"] == State.SUBMITTED


def test_deputy_cannot_draft_for_another_deputy_by_api(login, deputy_user, cosigners):
    resp = login(deputy_user).post(
        "/api/v1/suggestions",
        {"mandate_id": cosigners[0].pk, "title": "x", "facts": "y"},
        content_type="application/json",
    )
    assert resp.status_code == 403 and resp.json()["code"] == "not_own_mandate"
