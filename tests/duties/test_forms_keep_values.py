"""Every duties form keeps what was typed on a validation error or a refusal (issue 14 "Never lose what the
user typed"): registration, leave, report to voters, rules and types. A chosen file is named as to re-choose."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.duties import services
from renda.duties.models import DutyRecord, DutyType, Evaluation, LeaveRequest, ReportMeeting
from tests.factories.duties import dtype

TODAY = timezone.localdate()


def test_registration_keeps_every_typed_value_and_asks_for_the_file_again(
    login, deputy_user, own_mandate, png_bytes
):
    visit = dtype(own_mandate.body, "voter_contact")
    resp = login(deputy_user).post(
        "/work/duties/declare/",
        {
            "mandate": own_mandate.pk,
            "duty_type": visit.pk,
            "on": "2025-05-10",
            "title": "",  # the one bad field
            "note": "走访城南社区三户联系户",
            "evidence_text": "附签到表",
            "evidence_file": SimpleUploadedFile("a.png", png_bytes),
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and not DutyRecord.objects.exists()
    assert "走访城南社区三户联系户" in html and "附签到表" in html and 'value="2025-05-10"' in html
    assert f'<option value="{visit.pk}" selected>' in html
    assert "请重新选择佐证材料" in html


def test_registration_refused_by_the_rules_keeps_the_values(login, deputy_user, own_mandate):
    resp = login(deputy_user).post(
        "/work/duties/declare/",
        {
            "mandate": own_mandate.pk,
            "duty_type": dtype(own_mandate.body, "training").pk,
            "on": "2025-05-10",
            "title": "参加履职培训",
            "note": "培训笔记",
            "evidence_text": "",  # refused: evidence required
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and "参加履职培训" in html and "培训笔记" in html


def test_leave_keeps_the_reason_on_an_error_and_on_a_refusal(login, county, staff, own_mandate, deputy_user):
    act = services.create_activity(
        body=county,
        duty_type=dtype(county, "congress_session"),
        title="县人代会",
        start=TODAY + dt.timedelta(days=5),
        end=TODAY + dt.timedelta(days=7),
        participants=[own_mandate],
        by=staff,
    )
    c = login(deputy_user)
    url = f"/work/duties/activities/{act.pk}/leave/"
    resp = c.post(url, {"half_days": "9", "reason": "赴省城参加培训"})
    assert resp.status_code == 422 and "赴省城参加培训" in resp.content.decode()
    services.request_leave(own_mandate, activity=act, reason="已请过", by=deputy_user)
    resp = c.post(url, {"half_days": "1", "reason": "第二次请假事由"})
    html = resp.content.decode()
    assert resp.status_code == 422 and "第二次请假事由" in html and "已经为该活动请过假" in html
    assert LeaveRequest.objects.count() == 1


def test_report_to_voters_forms_keep_the_typed_list_and_counts(login, township_a, township_staff, mandate_a):
    c = login(township_staff)
    resp = c.post(
        f"/work/duties/reports/new/?body={township_a.pk}",
        {"body": township_a.pk, "title": "城关镇代表述职会", "on": "2025-13-01", "place": "城关镇文化站"},
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and "城关镇代表述职会" in html and "城关镇文化站" in html
    m = services.plan_meeting(
        body=township_a,
        title="述职会",
        on=TODAY - dt.timedelta(days=1),
        place="文化站",
        mandates=[mandate_a],
        by=township_staff,
    )
    ReportMeeting.objects.filter(pk=m.pk).update(status="held")
    resp = c.post(
        f"/work/duties/reports/{m.pk}/paper/",
        {"mandate": mandate_a.pk, "satisfied": "abc", "basic": "17", "unsatisfied": "3"},
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and 'value="17"' in html and 'value="abc"' in html
    assert not Evaluation.objects.exists()
    ReportMeeting.objects.filter(pk=m.pk).update(status="planned")
    people = "张三,城南社区\n" + "李" * 41 + ",城北村"
    resp = c.post(f"/work/duties/reports/{m.pk}/invite/", {"people": people})
    html = resp.content.decode()
    assert resp.status_code == 422 and "张三,城南社区" in html and "第 2 行" in html
    assert not m.invitees.exists()


def test_rules_and_types_forms_keep_the_typed_values(login, staff, county):
    c = login(staff)
    form = c.get(f"/work/duties/rules/?body={county.pk}&year=2025").context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    for _t, p, cap, _b in form.type_rows():
        data[p.html_name], data[cap.html_name] = p.initial, "" if cap.initial is None else cap.initial
    data.update(base_score="42", bands="好,80,,否\n坏的一行", reason="年中调整基础分")
    resp = c.post(f"/work/duties/rules/?body={county.pk}&year=2025", data)
    html = resp.content.decode()
    assert (
        resp.status_code == 422 and "年中调整基础分" in html and 'value="42"' in html and "坏的一行" in html
    )
    resp = c.post(
        f"/work/duties/types/?body={county.pk}",
        {
            "body": county.pk,
            "code": "含 空格",
            "name": "走访困难群众",
            "category": "voters",
            "default_points": "4",
        },
    )
    html = resp.content.decode()
    assert resp.status_code == 422 and "走访困难群众" in html and 'value="4"' in html
    assert not DutyType.objects.filter(name="走访困难群众").exists()
