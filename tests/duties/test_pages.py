"""Screens and API: access, data scope (township A vs B), query counts, no inline scripts."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.duties import services
from renda.duties.choices import MeetingStatus, Review
from renda.duties.models import DutyRecord
from tests.factories.duties import DutyRecordFactory, dtype

STAFF_PAGES = [
    "overview/",
    "review/",
    "records/",
    "activities/",
    "activities/new/",
    "leave/",
    "rankings/",
    "rankings/?year=2025&by=group",
    "rankings/?year=2025&start=2025-03-01&end=2025-06-30",
    "rankings/?year=2025&by=township",
    "rankings/?year=2025&by=level",
    "triggers/",
    "talks/",
    "rules/",
    "types/",
    "reports/",
    "reports/new/",
]


def _clean(html: str) -> None:
    # CSP: no inline scripts (JSON data blocks are not executed)
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))[^>]*>", html)
    assert ' style="' not in html


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_render_without_inline_script(page, login, staff, own_mandate, mandate_a):
    DutyRecordFactory(mandate=own_mandate)
    DutyRecordFactory(mandate=mandate_a, status=Review.PENDING, source="declared")
    resp = login(staff).get(f"/work/duties/{page}")
    assert resp.status_code == 200
    _clean(resp.content.decode())


@pytest.mark.parametrize("page", ["overview/", "review/", "rankings/", "triggers/", "rules/"])
def test_staff_pages_are_refused_to_deputies_and_admins(page, login, deputy_user, system_admin):
    assert login(deputy_user).get(f"/work/duties/{page}").status_code in (403, 404)
    assert login(system_admin).get(f"/work/duties/{page}").status_code in (403, 404)


def test_deputy_pages_render_on_a_phone(login, deputy_user, own_mandate):
    DutyRecordFactory(mandate=own_mandate)
    client = login(deputy_user)
    for url in ("/work/duties/mine/", "/work/duties/declare/", f"/work/duties/file/{own_mandate.pk}/"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        _clean(resp.content.decode())
    assert client.get("/work/duties/").url == "/work/duties/mine/"


def test_township_b_cannot_read_township_a_records_anywhere(
    login, outsider, township_staff, mandate_a, township_a
):
    rec = DutyRecordFactory(mandate=mandate_a)
    act = services.create_activity(
        body=township_a,
        duty_type=dtype(township_a, "group_activity"),
        title="小组活动",
        start=dt.date(2025, 3, 1),
        participants=[mandate_a],
        by=township_staff,
    )
    b = login(outsider)
    assert b.get(f"/work/duties/records/{rec.pk}/").status_code == 404
    assert b.get(f"/work/duties/file/{mandate_a.pk}/").status_code == 404
    assert b.get(f"/work/duties/file/{mandate_a.pk}/pdf/").status_code == 404
    assert b.get(f"/work/duties/activities/{act.pk}/").status_code == 404
    assert mandate_a.person.name not in b.get("/work/duties/records/").content.decode()
    assert mandate_a.person.name not in b.get("/work/duties/rankings/?year=2025").content.decode()
    assert b.get("/api/v1/duty-records").json()["count"] == 0
    assert b.get(f"/api/v1/duty-records/{rec.pk}").status_code == 404
    assert b.get("/api/v1/duty-scores?year=2025").json()["count"] == 0
    a = login(township_staff)
    assert a.get(f"/work/duties/records/{rec.pk}/").status_code == 200
    assert a.get("/api/v1/duty-records").json()["count"] == 1


def test_deputy_sees_only_own_records(login, deputy_user, own_mandate, other_mandate):
    DutyRecordFactory(mandate=own_mandate)
    theirs = DutyRecordFactory(mandate=other_mandate)
    client = login(deputy_user)
    assert client.get("/api/v1/duty-records").json()["count"] == 1
    assert client.get(f"/work/duties/records/{theirs.pk}/").status_code == 404
    assert client.get(f"/work/duties/file/{other_mandate.pk}/").status_code == 404


def test_list_pages_keep_a_fixed_number_of_queries(
    login, staff, own_mandate, other_mandate, django_assert_max_num_queries
):
    client = login(staff)
    for i in range(12):
        DutyRecordFactory(mandate=own_mandate if i % 2 else other_mandate, title=f"视察{i}")
        DutyRecordFactory(mandate=own_mandate, status=Review.PENDING, source="declared", title=f"申报{i}")
    for url in (
        "/work/duties/review/",
        "/work/duties/records/",
        "/work/duties/rankings/?year=2025",
        "/work/duties/triggers/",
    ):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


def test_declare_page_stores_a_checked_image(login, deputy_user, own_mandate, png_bytes):
    client = login(deputy_user)
    resp = client.post(
        "/work/duties/declare/",
        {
            "mandate": own_mandate.pk,
            "duty_type": dtype(own_mandate.body, "voter_contact").pk,
            "on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "title": "走访联系户",
            "evidence_file": SimpleUploadedFile("visit.png", png_bytes),
        },
    )
    assert resp.status_code == 302
    rec = DutyRecord.objects.get()
    assert rec.status == Review.PENDING and rec.evidence
    assert client.get(f"/work/duties/records/{rec.pk}/evidence/").status_code == 200


def test_declare_page_refuses_a_fake_image_in_place(login, deputy_user, own_mandate):
    resp = login(deputy_user).post(
        "/work/duties/declare/",
        {
            "mandate": own_mandate.pk,
            "duty_type": dtype(own_mandate.body, "voter_contact").pk,
            "on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
            "title": "走访",
            "evidence_file": SimpleUploadedFile("x.png", b"<?php echo 1; ?>"),
        },
    )
    assert resp.status_code == 422 and "佐证材料只能是" in resp.content.decode()
    assert not DutyRecord.objects.exists()


@pytest.mark.parametrize("on", [1_700_000_000, "2025-01-01T00:00:00", "2025-02-30", "昨天"])
def test_the_json_declaration_takes_only_a_calendar_date(login, deputy_user, own_mandate, on):
    # The same date rule as the multipart declaration (renda.api.schema.IsoDate): a number or a time is not a day.
    resp = login(deputy_user).post(
        "/api/v1/duty-records",
        {
            "mandate_id": own_mandate.pk,
            "duty_type": "training",
            "on": on,
            "title": "培训",
            "evidence_text": "签到表",
        },
        content_type="application/json",
    )
    assert resp.status_code == 422, resp.content
    assert not DutyRecord.objects.exists()


def test_review_through_the_api_and_refusal_codes(login, staff, deputy_user, own_mandate):
    d = login(deputy_user)
    resp = d.post(
        "/api/v1/duty-records",
        {
            "mandate_id": own_mandate.pk,
            "duty_type": "training",
            "on": str(timezone.localdate() - dt.timedelta(days=1)),
            "title": "培训",
            "evidence_text": "签到表",
        },
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["status"] == "pending"
    rid = resp.json()["id"]
    again = d.post(
        "/api/v1/duty-records",
        {
            "mandate_id": own_mandate.pk,
            "duty_type": "training",
            "on": str(timezone.localdate() - dt.timedelta(days=1)),
            "title": "培训",
            "evidence_text": "签到表",
        },
        content_type="application/json",
    )
    assert again.status_code == 409 and again.json()["code"] == "duplicate_registration"
    s = login(staff)
    bad = s.post(f"/api/v1/duty-records/{rid}/review", {"action": "reject"}, content_type="application/json")
    assert bad.status_code == 409 and bad.json()["code"] == "reject_needs_reason"
    ok = s.post(f"/api/v1/duty-records/{rid}/review", {"action": "approve"}, content_type="application/json")
    assert ok.json()["status"] == "approved"
    scores = s.get(f"/api/v1/duty-scores?year={timezone.localdate().year}").json()
    assert scores["items"][0]["mandate_id"] == own_mandate.pk


def test_phone_ballot_counts_once_per_phone(client, township_a, township_staff, mandate_a):
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
    url = f"/duties/vote/{m.token}/"
    page = client.get(url)
    assert page.status_code == 200
    _clean(page.content.decode())
    assert client.post(url, {f"m{mandate_a.pk}": "satisfied"}).status_code == 200
    client.post(url, {f"m{mandate_a.pk}": "unsatisfied"})
    assert m.evaluations.count() == 1
    m.status = MeetingStatus.PUBLISHED
    m.save()
    from django.test import Client

    assert "评议尚未开始或已经结束" in Client().get(url).content.decode()


def test_public_summary_shows_published_portal_scores(county, staff, own_mandate, client):
    from decimal import Decimal

    from renda.duties import selectors

    DutyRecordFactory(mandate=own_mandate)
    rs = services.ruleset_for(county, 2025)
    services.update_rules(
        rs,
        base_score=Decimal(0),
        leave_points=Decimal(-1),
        absence_points=Decimal(-5),
        cycle="yearly",
        publish_to_portal=True,
        type_points={},
        bands=[(b.label, b.min_score, b.max_score, b.poor) for b in rs.bands.all()],
        reason="门户公示",
        by=staff,
    )
    pub = services.publish(county, year=2025, period="Y", by=staff)
    summary = selectors.public_summary(own_mandate)
    assert summary["score"] == 3 and summary["total"] == 1
    assert client.get("/duties/").status_code == 200
    assert own_mandate.person.name in client.get(f"/duties/p/{pub.pk}/").content.decode()


def test_a_body_edits_its_own_duty_types(login, staff, outsider, county, township_b):
    from renda.core.errors import NotPermitted
    from renda.duties.models import DutyType

    resp = login(staff).post(
        f"/work/duties/types/?body={county.pk}",
        {
            "body": county.pk,
            "code": "village_visit",
            "name": "驻村联系",
            "category": "voters",
            "declarable": "on",
            "active": "on",
            "default_points": "2",
        },
    )
    assert resp.status_code == 302
    assert DutyType.objects.get(body=county, code="village_visit").name == "驻村联系"
    assert services.ruleset_for(county, 2025).type_points.filter(duty_type__code="village_visit").exists()
    with pytest.raises(NotPermitted):
        services.save_duty_type(county, code="x", name="x", category="other", by=outsider)


def test_staff_record_an_award_in_the_duty_file(login, staff, own_mandate):
    client = login(staff)
    resp = client.post(
        f"/work/duties/file/{own_mandate.pk}/",
        {"on": "2025-12-20", "title": "优秀人大代表", "issuer": "青山县人大常委会"},
    )
    assert resp.status_code == 302
    assert "优秀人大代表" in client.get(f"/work/duties/file/{own_mandate.pk}/").content.decode()


def test_rules_page_saves_points_bands_and_minimums_and_shows_what_changed(login, staff, county, own_mandate):
    DutyRecordFactory(mandate=own_mandate)
    rs = services.ruleset_for(county, 2025)
    client = login(staff)
    form = client.get(f"/work/duties/rules/?body={county.pk}&year=2025").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    for _t, p, c, _basis in form.type_rows():
        data[p.html_name], data[c.html_name] = p.initial, "" if c.initial is None else c.initial
    data[f"p_{dtype(county, 'inspection').pk}"] = "10"
    data.update(reason="调整视察分值", requirements="一条建议,suggestion|motion,2", publish_to_portal="")
    resp = client.post(f"/work/duties/rules/?body={county.pk}&year=2025", data)
    assert resp.status_code == 302, resp.content.decode()[:500]
    run = rs.runs.get()
    assert run.changes[0]["after"] == "10.00"
    assert [(r.label, r.min_count) for r in rs.requirements.all()] == [("一条建议", 2)]
    assert "本次修改后积分变化的代表" in client.get(resp.url).content.decode()
    bad = dict(data, requirements="一条建议,nonsense,1")
    assert client.post(f"/work/duties/rules/?body={county.pk}&year=2025", bad).status_code == 422


def test_report_meeting_for_a_whole_constituency(login, township_staff, township_a, mandate_a):
    from renda.duties.models import ReportMeeting
    from tests.factories.deputies import ConstituencyFactory

    con = ConstituencyFactory(body=township_a, name="城关第一选区")
    mandate_a.constituency = con
    mandate_a.save()
    resp = login(township_staff).post(
        f"/work/duties/reports/new/?body={township_a.pk}",
        {
            "body": township_a.pk,
            "title": "城关第一选区代表述职会",
            "on": "2026-11-20",
            "place": "社区会议室",
            "constituency": con.pk,
        },
    )
    assert resp.status_code == 302
    meeting = ReportMeeting.objects.get()
    assert list(meeting.mandates.all()) == [mandate_a] and meeting.min_voters == 50
