"""Rate-limit audit over every public form (issue 21 "every public form rate-limited"; domain.md §7).

Generated from the URL conf and the OpenAPI schema, so a new public form cannot be forgotten:
- every page an anonymous visitor reaches (`@login_not_required`) whose view reads a POST is in FORMS, and
  every operation of /api/v1/ without a security scheme that writes is in API_WRITES — a new one fails
  `test_every_public_form_is_in_the_audit` until a flood for it is added here;
- each flood lowers the form's limit (its setting), posts past it from one address with a fresh client each
  time (a flooder drops its cookies), and checks that the answers past the limit are refused — 429 with a
  `Retry-After` of whole seconds within the window, and the Chinese refusal saying when to try again — and
  that nothing is stored beyond the limit; an API flood also finds the 429 (and its header) in the OpenAPI.
The limits themselves are listed per form in docs/security.md ("Rate limits per public form").
"""

import inspect
import json
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from renda.core import ratelimit
from renda.surveys.models import Response
from tests.contact.conftest import keeper, mandate, station  # noqa: F401 — fixtures
from tests.contact.helpers import form_data, solve
from tests.duties.conftest import mandate_a  # noqa: F401 — fixture
from tests.voting.conftest import make_poll, members  # noqa: F401 — fixtures

pytestmark = pytest.mark.django_db

ADDR = "10.9.8.7"
N = 3  # every flood lowers its limit to this many
EXTRA = 3  # and goes this far past it

# Anonymous pages that take a form (route → flood below). A new one must be added with its flood.
FORMS = {
    "work/accounts/login/": "login",
    "messages/": "contact_submit",
    "messages/track/": "contact_track",
    "messages/t/<str:code>/rate/": "contact_rate",
    "duties/vote/<str:token>/": "duties_ballot",
    "supervision/hearings/<int:pk>/": "hearing_question",
    "surveys/s/<str:slug>/": "survey_answer",
    "v/<str:token>/": "public_vote",
}
# Anonymous lookups by tracking code (GET): nothing is written, but codes must not be guessable by flooding.
LOOKUPS = {"get messages/t/<str:code>/": "contact_status"}
# Public reads of /api/v1/ and the open-data files, flooded too: the limit of a read is a 429 like a write's.
READS = {
    "get /api/v1/public/deputies": "api_public_read",
    "get /api/v1/contact/status/{code}": "api_contact_status",
    "get open/data/<slug:key>.<str:fmt>": "open_data_file",
}
# Operations of /api/v1/ that anyone may call and that write.
API_WRITES = {
    "post /api/v1/contact/messages": "api_contact_submit",
    "post /api/v1/contact/status/{code}/rating": "api_contact_rate",
    "post /api/v1/voting/public/{token}/ballots": "api_public_vote",
    "post /api/v1/surveys/public/{slug}/responses": "api_survey_answer",
}


def _routes(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p.callback


def _source(view) -> str:
    target = getattr(view, "view_class", None) or inspect.unwrap(view)
    return inspect.getsource(target)


def public_forms() -> set[str]:
    """Anonymous pages whose view looks at a POST (the routing of /api/ is ninja's: see public_api_writes)."""
    return {
        route
        for route, view in _routes()
        if getattr(view, "login_required", True) is False and not route.startswith("api/")
        if "POST" in _source(view) or "form_valid" in _source(view)
    }


def public_api_writes() -> set[str]:
    from renda.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {
        f"{method} {path}"
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method in {"post", "put", "patch", "delete"} and not op.get("security")
    }


def test_every_public_form_is_in_the_audit():
    assert public_forms() == set(FORMS), "a public form without a flood test: add it to FORMS"
    assert public_api_writes() == set(API_WRITES), "a public write without a flood test: add it to API_WRITES"


def test_the_generated_lists_find_the_known_forms():
    # The walk itself can fail: it must see the contact form and a read-only page must not count.
    forms = public_forms()
    assert "messages/" in forms and "deputies/" not in forms and "suggestions/<int:pk>/" not in forms


def test_every_limit_is_documented_per_form_in_security_md():
    from pathlib import Path

    import renda.urls  # noqa: F401 — every app's limits are defined when its views are imported

    doc = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    missing = [
        name for name in ratelimit.REGISTRY if not name.startswith("tests.") and f"`{name}`" not in doc
    ]
    assert missing == []


# --- the floods ------------------------------------------------------------------------------------------


def _client() -> Client:
    return Client(REMOTE_ADDR=ADDR)


def _refused(response, text: str, window: int) -> bool:
    """A rate limit's answer: 429, Retry-After in (0, window], and the message says when ("请 5 分钟后再试")."""
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()["message"]
    wait = response.get("Retry-After", "")
    assert response.status_code == 429, (response.status_code, body[:300])
    assert wait.isdigit() and 0 < int(wait) <= window, wait
    assert text in body, body[:300]
    assert ratelimit.wait_phrase(int(wait)) in body, (wait, body[:300])
    return True


def _documented(method: str, path: str) -> bool:
    """The operation lists its 429, with the Retry-After header, in the OpenAPI schema."""
    from renda.api.urls import api

    op = api.get_openapi_schema(path_prefix="/api/v1")["paths"][path][method]
    answer = op["responses"].get(429) or op["responses"].get("429")
    assert answer is not None and "Retry-After" in answer["headers"], (method, path)
    return True


def flood_login(settings, db, **_):
    from tests.factories.core import PASSWORD, UserFactory

    settings.LOGIN_IP_FAILURE_LIMIT = N
    user = UserFactory(username="flooded")
    answers = [
        _client().post("/work/accounts/login/", {"username": f"x{i}", "password": "wrong"}) for i in range(N)
    ]
    assert all(r.status_code == 200 for r in answers)  # wrong password: the form again
    c = _client()
    r = c.post("/work/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert _refused(r, "登录失败次数过多", settings.LOGIN_IP_WINDOW)
    assert "_auth_user_id" not in c.session  # the right password is not even checked while the limit holds


def flood_contact_submit(settings, station, **_):  # noqa: F811
    from renda.contact.models import Message

    settings.CONTACT_LIMIT_SUBMIT_IP = (N, 3600)
    answers = [_client().post("/messages/", form_data(station, title=f"留言{i}")) for i in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [302] * N
    assert all(_refused(r, "提交过于频繁", 3600) for r in answers[N:])
    assert Message.objects.count() == N


def _message(station):  # noqa: F811
    from renda.contact import services
    from tests.contact.conftest import draft

    return services.submit(draft(), station=station)


def flood_contact_track(settings, station, **_):  # noqa: F811
    settings.CONTACT_LIMIT_TRACK_IP = (N, 600)
    m = _message(station)
    answers = [_client().post("/messages/track/", {"code": m.code}) for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [302] * N
    assert all(_refused(r, "查询过于频繁", 600) for r in answers[N:])


def flood_contact_status(settings, station, **_):  # noqa: F811
    settings.CONTACT_LIMIT_TRACK_IP = (N, 600)
    m = _message(station)
    answers = [_client().get(f"/messages/t/{m.code}/") for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "查询过于频繁", 600) for r in answers[N:])


def flood_contact_rate(settings, station, **_):  # noqa: F811
    settings.CONTACT_LIMIT_RATE_IP = (N, 3600)
    m = _message(station)
    events = m.events.count()
    post = {"rating": "satisfied", "resolved": "on"}
    answers = [_client().post(f"/messages/t/{m.code}/rate/", post) for _ in range(N + EXTRA)]
    assert all(_refused(r, "操作过于频繁", 3600) for r in answers[N:])
    assert not any("操作过于频繁" in r.content.decode() for r in answers[:N])
    assert m.events.count() == events  # not rateable yet: refused by the workflow, then by the limit


def flood_duties_ballot(settings, township_a, township_staff, mandate_a, **_):  # noqa: F811
    from renda.duties import services

    settings.DUTIES_LIMIT_BALLOT_IP = (N, 3600)
    m = services.plan_meeting(
        body=township_a,
        title="述职会",
        on=timezone.localdate(),
        place="文化站",
        mandates=[mandate_a],
        by=township_staff,
    )
    services.invite(m, people=[(f"选民{i}", "") for i in range(50)], by=township_staff)
    services.take_attendance(m, present=list(m.invitees.values_list("pk", flat=True)), by=township_staff)
    post = {f"m{mandate_a.pk}": "satisfied"}
    answers = [_client().post(f"/duties/vote/{m.token}/", post) for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "提交过于频繁", 3600) for r in answers[N:])
    assert m.evaluations.count() == N


def flood_hearing_question(settings, standing_committee, **_):
    from datetime import date

    from renda.supervision.models import Hearing

    settings.SUPERVISION_LIMIT_QUESTION_IP = (N, 3600)
    h = Hearing.objects.create(body=standing_committee, title="网络问政", held_on=date(2026, 12, 20))
    post = {"asker": "群众", "text": "请问城区停车难问题何时能够解决？"}
    answers = [_client().post(f"/supervision/hearings/{h.pk}/", post, follow=True) for _ in range(N + EXTRA)]
    assert all(_refused(r, "提交过于频繁", 3600) for r in answers[N:])
    assert h.questions.count() == N


def _survey(staff, standing_committee):
    from renda.surveys import services
    from renda.surveys.models import Kind

    s = services.create_survey(
        services.Settings(title="民生实事意见征集", audience="public"), body=standing_committee, by=staff
    )
    services.add_question(s, services.QuestionIn(kind=Kind.RATING, text="满意度", scale="five"), by=staff)
    s = services.publish(s, by=staff)
    q = s.questions.get()
    return s, q, q.options.first().pk


def flood_survey_answer(settings, staff, standing_committee, **_):
    settings.SURVEYS_LIMIT_ANSWER_IP = (N, 600)
    s, q, option = _survey(staff, standing_committee)
    answers = [_client().post(f"/surveys/s/{s.slug}/", {f"q{q.pk}": option}) for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [302] * N
    assert all(_refused(r, "提交过于频繁", 600) for r in answers[N:])
    assert Response.objects.filter(survey=s).count() == N


def _public_poll(make_poll):  # noqa: F811
    return make_poll("rating", rule="hearing_live", allow_public=True, electorate=[])


def flood_public_vote(settings, monkeypatch, make_poll, **_):  # noqa: F811
    from renda.voting.models import PublicBallot

    monkeypatch.delenv("RENDA_VOTING_NEW_DEVICES_PER_IP", raising=False)
    settings.VOTING_LIMIT_NEW_DEVICES_PER_IP = (N, 3600)
    poll = _public_poll(make_poll)
    url = f"/v/{poll.public_token}/"
    option = poll.options.get(label="满意").pk
    answers = []
    for _ in range(N + EXTRA):
        phone = _client()
        first = phone.get(url)  # the page hands this phone its device token (limited per address)
        answers.append(first)
        if first.status_code == 200:
            phone.post(url, {"option": option, "key": str(uuid.uuid4())})
    assert all(_refused(r, "新接入的设备过多", 3600) for r in answers[N:])
    assert PublicBallot.objects.filter(poll=poll).count() == N


def _json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def flood_api_contact_submit(settings, station, **_):  # noqa: F811
    from renda.contact import captcha
    from renda.contact.models import Message

    settings.CONTACT_LIMIT_SUBMIT_IP = (N, 3600)
    answers = []
    for i in range(N + EXTRA):
        c = captcha.new()
        body = {
            "station_id": station.pk,
            "category": "roads",
            "title": f"留言{i}",
            "content": "路灯坏了一个多月。",
        }
        body |= {"consent": True, "captcha_token": c.token, "captcha_answer": solve(c.token)}
        answers.append(_json(_client(), "/api/v1/contact/messages", body))
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "提交过于频繁", 3600) for r in answers[N:])
    assert all(r.json()["code"] == "contact_rate_limited" for r in answers[N:])
    assert _documented("post", "/api/v1/contact/messages")
    assert Message.objects.count() == N


def flood_api_contact_rate(settings, station, **_):  # noqa: F811
    settings.CONTACT_LIMIT_RATE_IP = (N, 3600)
    m = _message(station)
    events = m.events.count()
    body = {"rating": "satisfied", "resolved": True}
    answers = [_json(_client(), f"/api/v1/contact/status/{m.code}/rating", body) for _ in range(N + EXTRA)]
    assert all(r.json()["code"] != "contact_rate_limited" for r in answers[:N])
    assert all(_refused(r, "操作过于频繁", 3600) for r in answers[N:])
    assert all(r.json()["code"] == "contact_rate_limited" for r in answers[N:])
    assert _documented("post", "/api/v1/contact/status/{code}/rating")
    assert m.events.count() == events


def flood_api_public_vote(settings, monkeypatch, make_poll, **_):  # noqa: F811
    from renda.voting.models import PublicBallot

    monkeypatch.delenv("RENDA_VOTING_NEW_DEVICES_PER_IP", raising=False)
    settings.VOTING_LIMIT_NEW_DEVICES_PER_IP = (N, 3600)
    settings.VOTING_LIMIT_DEVICE = (N, 60)
    poll = _public_poll(make_poll)
    url = f"/api/v1/voting/public/{poll.public_token}"
    option = poll.options.get(label="满意").pk
    # One request per vote (docs/voting.md): a phone without a device token gets a new device with its
    # first vote, so new devices from one address are what a flood spends.
    fresh = [
        _json(_client(), f"{url}/ballots", {"choices": [option], "key": str(uuid.uuid4())})
        for _ in range(N + EXTRA)
    ]
    assert all(r.status_code in (200, 201) for r in fresh[:N]), [r.content for r in fresh[:N]]
    assert all(
        _refused(r, "新接入的设备过多", 3600) and r.json()["code"] == "rate_limited" for r in fresh[N:]
    )
    assert _documented("post", "/api/v1/voting/public/{token}/ballots")
    device = fresh[0].json()["device"]
    one = [
        _json(_client(), f"{url}/ballots", {"choices": [option], "key": str(uuid.uuid4()), "device": device})
        for _ in range(N + EXTRA)
    ]
    assert _refused(one[-1], "操作过于频繁", 60) and one[-1].json()["code"] == "rate_limited"  # one device
    assert PublicBallot.objects.filter(poll=poll).count() == N


def flood_api_survey_answer(settings, staff, standing_committee, **_):
    settings.SURVEYS_LIMIT_ANSWER_IP = (N, 600)
    s, q, option = _survey(staff, standing_committee)
    answers = []
    for _ in range(N + EXTRA):
        token = _client().get(f"/api/v1/surveys/public/{s.slug}").json()["device_token"]
        body = {"answers": {str(q.pk): option}, "device_token": token}
        answers.append(_json(_client(), f"/api/v1/surveys/public/{s.slug}/responses", body))
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "提交过于频繁", 600) for r in answers[N:])
    assert all(r.json()["code"] == "survey_rate_limited" for r in answers[N:])
    assert _documented("post", "/api/v1/surveys/public/{slug}/responses")
    assert Response.objects.filter(survey=s).count() == N


def flood_api_public_read(settings, **_):
    from renda.dashboards import ratelimit as dashboards

    settings.DASHBOARDS_LIMIT_PUBLIC = (N, 60)
    dashboards.reset()
    answers = [_client().get("/api/v1/public/deputies") for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "请求过于频繁", 60) and r.json()["code"] == "rate_limited" for r in answers[N:])
    assert _documented("get", "/api/v1/public/deputies")


def flood_api_contact_status(settings, station, **_):  # noqa: F811
    settings.CONTACT_LIMIT_TRACK_IP = (N, 600)
    m = _message(station)
    answers = [_client().get(f"/api/v1/contact/status/{m.code}") for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "查询过于频繁", 600) for r in answers[N:])
    assert _documented("get", "/api/v1/contact/status/{code}")


def flood_open_data_file(settings, **_):
    from renda.dashboards import opendata

    settings.DASHBOARDS_LIMIT_OPEN_DATA = (N, 60)
    key = next(iter(opendata.DATASETS))
    answers = [_client().get(f"/open/data/{key}.csv") for _ in range(N + EXTRA)]
    assert [r.status_code for r in answers[:N]] == [200] * N
    assert all(_refused(r, "请求过于频繁", 60) for r in answers[N:])


def test_every_operation_that_can_be_rate_limited_documents_429_with_retry_after():
    """Public operations are all limited (dashboards.ratelimit or their app's rows); a signed-in one that
    calls a limiter itself (Open311's submit) says so too. Every 429 in the schema carries Retry-After."""
    from renda.api.urls import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    views = {
        f"{method.lower()} /api/v1{op.path if op.path.startswith('/') else '/' + op.path}": op.view_func
        for router in [r for _, r in api._routers]
        for path_view in router.path_operations.values()
        for op in path_view.operations
        for method in op.methods
    }
    missing = []
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            answers = op["responses"]
            answer = answers.get(429) or answers.get("429")
            if answer is not None:
                assert "Retry-After" in answer["headers"], (method, path)
            view = views.get(f"{method} {path}")
            calls_a_limiter = view is not None and "ratelimit." in inspect.getsource(view)
            if (not op.get("security") or calls_a_limiter) and answer is None:
                missing.append(f"{method} {path}")
    assert missing == []
    assert len(views) > 50  # the walk saw the routers


FLOODS = {**FORMS, **LOOKUPS, **API_WRITES, **READS}


@pytest.mark.parametrize("target", sorted(FLOODS))
def test_flooding_a_public_form_past_its_limit_is_refused_and_stores_nothing_more(request, target):
    flood = globals()[f"flood_{FLOODS[target]}"]
    wanted = [p for p in inspect.signature(flood).parameters if p != "_"]
    flood(**{name: request.getfixturevalue(name) for name in wanted})
