"""Organised activities, leave requests and talks (约谈) as xlsx with their filters (issue 19): exactly the
page's rows, choice labels not codes, never another county's rows."""

from datetime import date

import pytest

from renda.duties.choices import LeaveStatus, MeetingStatus, TalkStatus, TriggerKind, TriggerStatus
from renda.duties.models import Activity, LeaveRequest, ReportMeeting, TalkCase, Trigger
from tests.exporting import exported, shown
from tests.factories.core import BodyFactory
from tests.factories.deputies import MandateFactory, PersonFactory
from tests.factories.duties import dtype

pytestmark = pytest.mark.django_db


def _activity(body, staff, title: str, on: date) -> Activity:
    return Activity.objects.create(
        body=body, duty_type=dtype(body, "inspection"), title=title, start=on, end=on, created_by=staff
    )


def _leave(mandate, activity, status: str, reason: str) -> LeaveRequest:
    return LeaveRequest.objects.create(
        mandate=mandate,
        activity=activity,
        reason=reason,
        approver="常委会主任会议",
        approver_cite="代表法第四十七条",
        status=status,
        requested_on=activity.start,
    )


@pytest.fixture
def other_county():
    return BodyFactory(name="别县人民代表大会")


def test_activities_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county, other_county):
    for i in range(3):
        _activity(county, staff, f"视察{i}", date(2026, 5, 10 + i))
    _activity(other_county, staff, "别县的活动", date(2026, 5, 1))
    c = login(staff)
    page = shown(c, "/work/duties/activities/")
    rows = exported(c, "/work/duties/activities/")
    assert [r[2] for r in rows] == [a.title for a in page] == ["视察2", "视察1", "视察0"]
    assert rows[0][0] == rows[0][1] and rows[0][6] == "未登记"


def test_leave_export_follows_the_status_filter_and_the_scope(login, staff, county, other_county):
    seat = MandateFactory(body=county)
    act = _activity(county, staff, "县人代会", date(2026, 5, 10))
    _leave(seat, act, LeaveStatus.PENDING, "住院治疗")
    _leave(MandateFactory(body=county), act, LeaveStatus.APPROVED, "出差")
    far = _activity(other_county, staff, "别县人代会", date(2026, 5, 10))
    _leave(MandateFactory(body=other_county), far, LeaveStatus.PENDING, "别县的请假")
    c = login(staff)
    params = {"status": LeaveStatus.PENDING}
    page = shown(c, "/work/duties/leave/", params)
    rows = exported(c, "/work/duties/leave/", params, shows={"status": "待批准"})
    assert [r[3] for r in rows] == [x.reason for x in page] == ["住院治疗"]
    assert rows[0][4] == "全天" and rows[0][8] == "待批准"
    assert "别县的请假" not in {r[3] for r in exported(c, "/work/duties/leave/")}


def test_talks_export_has_the_page_rows_and_nothing_out_of_scope(login, staff, county, other_county):
    for i, status in enumerate([TalkStatus.PLANNED, TalkStatus.HELD]):
        TalkCase.objects.create(
            mandate=MandateFactory(body=county),
            body=county,
            status=status,
            planned_on=date(2026, 6, 1 + i),
            talked_by=f"约谈人{i}",
        )
    TalkCase.objects.create(mandate=MandateFactory(body=other_county), body=other_county, talked_by="别县")
    c = login(staff)
    page = shown(c, "/work/duties/talks/")
    rows = exported(c, "/work/duties/talks/")
    assert [r[3] for r in rows] == [t.talked_by for t in page] == ["约谈人1", "约谈人0"]  # held sorts first
    assert [r[4] for r in rows] == ["已约谈", "待约谈"] and rows[1][2].date() == date(2026, 6, 1)


def test_report_meetings_export_has_the_page_rows_and_nothing_out_of_scope(
    login, staff, county, other_county
):
    for i in range(2):
        ReportMeeting.objects.create(
            body=county,
            title=f"述职会{i}",
            on=date(2026, 9, 1 + i),
            place="城南社区",
            min_voters=50,
            token=f"t{i}",
            created_by=staff,
        )
    ReportMeeting.objects.create(
        body=other_county,
        title="别县述职会",
        on=date(2026, 9, 1),
        place="别县",
        min_voters=50,
        token="far",
        created_by=staff,
    )
    c = login(staff)
    page = shown(c, "/work/duties/reports/")
    rows = exported(c, "/work/duties/reports/")
    assert [r[1] for r in rows] == [m.title for m in page] == ["述职会1", "述职会0"]
    assert rows[0][4] == MeetingStatus.PLANNED.label


def test_triggers_export_names_the_default_status_and_keeps_to_scope(login, staff, county, other_county):
    for i, status in enumerate([TriggerStatus.OPEN, TriggerStatus.OPEN, TriggerStatus.ACTED]):
        Trigger.objects.create(
            kind=TriggerKind.POOR_BAND,
            mandate=MandateFactory(body=county, person=PersonFactory(name=f"代表{i}")),
            body=county,
            year=2025,
            status=status,
            detail={"total": 3, "band": "较差"},
        )
    Trigger.objects.create(
        kind=TriggerKind.POOR_BAND, mandate=MandateFactory(body=other_county), body=other_county, year=2025
    )
    c = login(staff)
    r = c.get("/work/duties/triggers/", {"format": "xlsx"})  # the page's default filter goes into the link
    assert r.status_code == 302 and "status=open" in r["Location"]
    params = {"status": TriggerStatus.OPEN}
    page = shown(c, "/work/duties/triggers/", params)
    rows = exported(c, "/work/duties/triggers/", params, shows={"status": "待处理"})
    assert sorted(r[1] for r in rows) == sorted(t.mandate.person.name for t in page) == ["代表0", "代表1"]
    assert rows[0][0] == TriggerKind.POOR_BAND.label and rows[0][4] == "积分 3（较差）"
