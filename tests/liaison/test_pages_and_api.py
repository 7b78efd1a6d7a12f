"""Every screen answers its audience and no one else (house-style "Tests": the fixed cast); the handbook is
generated from the ledger (seeds 003 履职手册: 参会出勤、提议案建议、参加视察调研、联系选民); the API refuses as
the pages do (409 with a code, nothing stored)."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from renda.duties.services import record_automatic
from renda.liaison import services
from renda.liaison.models import CourseInvitation, OfficialMeeting

OFFICE_PAGES = [
    "/work/liaison/overview/",
    "/work/liaison/links/",
    "/work/liaison/meetings/",
    "/work/liaison/sittings/",
    "/work/liaison/courses/",
    "/work/liaison/plans/",
    "/work/liaison/research/",
    "/work/liaison/officers/",
    "/work/liaison/stations/",
]


@pytest.mark.parametrize("url", OFFICE_PAGES)
def test_office_pages_open_for_staff_and_not_for_deputies(login, staff, deputy_user, own_mandate, url):
    assert login(staff).get(url).status_code == 200
    assert login(deputy_user).get(url).status_code == 404


def test_the_home_sends_each_role_to_its_screen(login, staff, deputy_user, member, own_mandate):
    assert login(deputy_user).get("/work/liaison/").url.endswith("/work/liaison/my/")
    assert login(member).get("/work/liaison/").url.endswith("/work/liaison/member/")
    assert login(staff).get("/work/liaison/").url.endswith("/work/liaison/overview/")


def test_the_handbook_comes_from_the_ledger_and_is_only_the_deputys_own(
    login, deputy_user, own_mandate, other_mandate
):
    on = timezone.localdate() - dt.timedelta(days=5)
    record_automatic(
        own_mandate, duty_type_code="inspection", on=on, source=own_mandate.person, title="视察县城污水处理厂"
    )
    page = login(deputy_user).get(f"/work/liaison/handbook/{own_mandate.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    for section in ("参会出勤", "提出议案、建议", "视察、调研", "联系选民", "学习培训"):
        assert section in body
    assert "视察县城污水处理厂" in body and "@page" not in body  # the A4 rules live in handbook.css
    assert login(deputy_user).get(f"/work/liaison/handbook/{other_mandate.pk}/").status_code == 404


def test_the_api_refuses_a_meeting_request_without_topic(login, deputy_user, own_mandate, unit):
    resp = login(deputy_user).post(
        "/api/v1/liaison/meetings",
        json.dumps({"topic": "", "unit_id": unit.pk, "official": "局长"}),
        content_type="application/json",
    )
    assert resp.status_code == 409 and resp.json()["code"] == "topic_required"
    assert not OfficialMeeting.objects.exists()
    ok = login(deputy_user).post(
        "/api/v1/liaison/meetings",
        json.dumps({"topic": "校车安全", "unit_id": unit.pk, "official": "局长"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["allowed"] == ["withdraw"]


def test_the_api_refuses_a_sign_in_outside_its_time(
    login, staff, standing_committee, deputy_user, own_mandate
):
    start = timezone.now() + dt.timedelta(days=2)
    course = services.create_course(
        body=standing_committee,
        title="专题培训",
        level="topic",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        by=staff,
    )
    services.invite(course, mandates=[own_mandate], by=staff)
    inv = CourseInvitation.objects.get()
    resp = login(deputy_user).post(f"/api/v1/liaison/course-invitations/{inv.pk}/sign-in")
    assert resp.status_code == 409 and resp.json()["code"] == "signin_outside_time"
    mine = login(deputy_user).get("/api/v1/liaison/my/invitations").json()
    assert [(r["kind"], r["id"], r["signed_in_at"]) for r in mine] == [("course", inv.pk, None)]


def test_the_api_link_and_coverage(login, staff, member, own_mandate, mandate_a):
    client = login(staff)
    bad = client.post(
        "/api/v1/liaison/links",
        json.dumps({"member_id": member.pk, "mandate_ids": [mandate_a.pk]}),
        content_type="application/json",
    )
    assert bad.status_code == 409 and bad.json()["code"] == "deputy_outside_congress"
    ok = client.post(
        "/api/v1/liaison/links",
        json.dumps({"member_id": member.pk, "mandate_ids": [own_mandate.pk]}),
        content_type="application/json",
    )
    assert ok.status_code == 200
    cov = client.get("/api/v1/liaison/coverage").json()
    assert own_mandate.pk in cov["uncontacted"] and own_mandate.pk not in cov["unlinked"]
    assert client.get("/api/v1/liaison/links").json()["count"] == 1
