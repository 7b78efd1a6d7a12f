"""Screens and API: access, the phone form, refusals in place, the public link, the API's 409s."""

import json

import pytest

from renda.surveys import services
from renda.surveys.models import Participation, Response


@pytest.fixture
def staff_client(login, staff):
    return login(staff)


def test_staff_screens_render(staff_client, open_survey):
    pk = open_survey.pk
    for url in (
        "/work/surveys/",
        f"/work/surveys/{pk}/",
        f"/work/surveys/{pk}/preview/",
        f"/work/surveys/{pk}/results/",
        f"/work/surveys/{pk}/participants/",
        f"/work/surveys/{pk}/paper/",
        f"/work/surveys/{pk}/answers.xlsx",
        f"/work/surveys/{pk}/report.docx",
        f"/work/surveys/{pk}/qr.svg",
    ):
        assert staff_client.get(url).status_code == 200, url


def test_outsider_sees_nothing(login, outsider, open_survey):
    client = login(outsider)
    assert client.get(f"/work/surveys/{open_survey.pk}/results/").status_code in (403, 404)


def test_deputy_answers_on_the_form_and_refusal_keeps_values(client, open_survey, respondents, answers):
    client.force_login(respondents[0])
    url = f"/work/surveys/{open_survey.pk}/answer/"
    assert "工作报告满意度调查" in client.get(url).content.decode()
    a = answers.make()
    town = next(k for k, v in a.items() if v == answers.opt("所在乡镇", "城关镇"))
    post = {f"q{town}": a[town]}  # everything else missing
    r = client.post(url, post)
    assert r.status_code == 422 and "必答题" in r.content.decode()
    assert f'value="{a[town]}" checked' in r.content.decode()
    assert Participation.objects.count() == 0
    form = {}
    for k, v in a.items():
        if isinstance(v, dict):
            form.update({f"q{k}_r{rid}": o for rid, o in v.items()})
        else:
            form[f"q{k}"] = v
    r = client.post(url, form)
    assert r.status_code == 200 and "提交成功" in r.content.decode()
    assert Response.objects.count() == 1
    assert "已经填写过" in client.get(url).content.decode()


def test_public_form_by_link_sets_a_device_cookie(client, staff, standing_committee):
    from renda.surveys.models import Kind

    s = services.create_survey(
        services.Settings(title="公开问卷", audience="public"), body=standing_committee, by=staff
    )
    q = services.add_question(
        s, services.QuestionIn(kind=Kind.SINGLE, text="是否", options=("是", "否")), by=staff
    )
    s = services.publish(s, by=staff)
    url = f"/surveys/s/{s.slug}/"
    r = client.get(url)
    assert r.status_code == 200 and "renda_survey_device" in r.cookies
    opt = q.options.first().pk
    assert client.post(url, {f"q{q.pk}": opt}).status_code == 302
    r = client.post(url, {f"q{q.pk}": opt})
    assert r.status_code == 422 and "本设备已经填写过" in r.content.decode()
    assert Response.objects.filter(survey=s).count() == 1
    # Results are not public until staff publish them.
    assert client.get(f"/surveys/s/{s.slug}/results/").status_code == 404
    services.set_results_public(s, True, by=staff)
    assert client.get(f"/surveys/s/{s.slug}/results/").status_code == 200
    assert client.get("/surveys/").status_code == 200


def test_api_answer_refusals_are_409_with_code(client, open_survey, respondents, answers):
    client.force_login(respondents[0])
    url = f"/api/v1/surveys/{open_survey.pk}/responses"
    a = answers.make()
    a.pop(next(iter(a)))
    r = client.post(url, json.dumps({"answers": a}), content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "answer_required"
    r = client.post(url, json.dumps({"answers": answers.make()}), content_type="application/json")
    assert r.status_code == 200
    r = client.post(url, json.dumps({"answers": answers.make()}), content_type="application/json")
    assert r.status_code == 409 and r.json()["code"] == "survey_already_answered"
    assert client.get(f"/api/v1/surveys/{open_survey.pk}").status_code == 200
    assert client.get("/api/v1/surveys/mine").json()["count"] == 1


def test_api_results_for_staff(staff_client, open_survey):
    r = staff_client.get(f"/api/v1/surveys/{open_survey.pk}/results")
    assert r.status_code == 200 and r.json()["responses"] == 0
    assert staff_client.get("/api/v1/surveys").json()["count"] == 1


def test_builder_form_adds_a_matrix_question(staff_client, survey):
    r = staff_client.post(
        f"/work/surveys/{survey.pk}/questions/",
        {
            "kind": "matrix",
            "text": "对四个报告的评价",
            "scale": "sat3",
            "rows": "甲\n乙\n丙\n丁",
            "required": "on",
        },
    )
    assert r.status_code == 302
    q = survey.questions.get(text="对四个报告的评价")
    assert q.rows.count() == 4 and q.options.count() == 3


def test_public_api_sees_a_close_at_once_despite_the_cache(client, staff, standing_committee):
    # The answer endpoint reads the survey row through the shared cache; closing must reach it on commit.
    from renda.surveys.models import Kind

    s = services.create_survey(
        services.Settings(title="公开", audience="public"), body=standing_committee, by=staff
    )
    q = services.add_question(
        s, services.QuestionIn(kind=Kind.SINGLE, text="是否", options=("是", "否")), by=staff
    )
    s = services.publish(s, by=staff)
    url = f"/api/v1/surveys/public/{s.slug}/responses"

    def post():
        body = {"answers": {str(q.pk): q.options.first().pk}, "device_token": services.new_device_token()}
        return client.post(url, json.dumps(body), content_type="application/json")

    assert post().status_code == 200  # now cached
    services.close(s, by=staff)
    r = post()
    assert r.status_code == 409 and r.json()["code"] == "survey_closed"
    assert Response.objects.filter(survey=s).count() == 1


def test_home_page_waits_for_an_unanswered_survey(open_survey, respondents, answers):
    from renda.surveys.hooks import waiting

    assert [w.count for w in waiting(respondents[0])] == [1]
    services.answer(open_survey, answers.make(), by=respondents[0])
    assert waiting(respondents[0]) == []
