"""人大联络员 with an account (seeds 004 发挥代表联络员作用): their own phone screen lists their reports and
activities and records new ones within the term; the office's list counts reports and activities apart."""

import datetime as dt

from django.utils import timezone

from renda.core.roles import Role
from renda.liaison import services
from renda.liaison.models import OfficerReport
from tests.factories.core import UserFactory


def _officer(staff, standing_committee, township_a, user=None):
    today = timezone.localdate()
    return services.appoint(
        body=standing_committee,
        name="刘联络",
        township=township_a,
        start_date=today - dt.timedelta(days=100),
        end_date=today + dt.timedelta(days=300),
        user=user,
        by=staff,
    )


def test_the_officer_records_a_report_on_their_own_screen(login, staff, standing_committee, township_a):
    account = UserFactory(username="liu", full_name="刘联络", role=Role.STAFF, body=township_a)
    officer = _officer(staff, standing_committee, township_a, user=account)
    client = login(account)
    page = client.get("/work/liaison/officers/mine/")
    assert page.status_code == 200 and "我的联络员工作" in page.content.decode()
    today = timezone.localdate()
    done = client.post(
        "/work/liaison/officers/mine/",
        {"kind": "activity", "on": today.isoformat(), "title": "走访代表", "content": "走访代表 5 人"},
    )
    assert done.status_code == 302
    assert list(officer.reports.values_list("title", "created_by")) == [("走访代表", account.pk)]
    # a date outside the term: a Chinese error on the same form, what was typed kept, nothing stored
    bad = client.post(
        "/work/liaison/officers/mine/",
        {"kind": "report", "on": "2020-01-01", "title": "旧报告", "content": "内容"},
    )
    assert bad.status_code == 422 and "不在该联络员聘期内" in bad.content.decode()
    assert "旧报告" in bad.content.decode()
    assert OfficerReport.objects.count() == 1
    assert "走访代表" in client.get("/work/liaison/officers/mine/").content.decode()


def test_someone_who_is_no_officer_has_no_such_screen(login, deputy_user):
    assert login(deputy_user).get("/work/liaison/officers/mine/").status_code == 404


def test_the_api_lists_and_records_an_officers_reports(login, staff, standing_committee, township_a):
    import json

    officer = _officer(staff, standing_committee, township_a)
    url = f"/api/v1/liaison/officers/{officer.pk}/reports"
    client = login(staff)
    bad = client.post(
        url,
        json.dumps({"kind": "report", "on": "2020-01-01", "title": "旧", "content": "内容"}),
        content_type="application/json",
    )
    assert bad.status_code == 409 and bad.json()["code"] == "date_outside_term"
    ok = client.post(
        url,
        json.dumps(
            {"kind": "activity", "on": timezone.localdate().isoformat(), "title": "走访", "content": "5 人"}
        ),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["kind"] == "activity"
    assert [r["title"] for r in client.get(url).json()] == ["走访"]
