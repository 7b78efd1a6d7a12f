"""Leave per half day where the source says so, and points values without a source marked as the project's
defaults (domain.md §3.3: Chongqing Jiangbei "half a day's leave from the congress session −1")."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from renda.core.errors import Refused
from renda.core.roles import Role
from renda.duties import services
from renda.duties.choices import Outcome
from renda.duties.models import DutyRecord, LeaveRequest
from tests.factories.core import UserFactory
from tests.factories.duties import dtype

TODAY = timezone.localdate()


def _session(county, staff, mandates):
    return services.create_activity(
        body=county,
        duty_type=dtype(county, "congress_session"),
        title="县第十八届人大第五次会议",
        start=TODAY,
        end=TODAY + dt.timedelta(days=2),
        participants=mandates,
        by=staff,
    )


def test_session_leave_costs_a_point_per_half_day_and_recomputes(
    county, staff, own_mandate, other_mandate, deputy_user
):
    # domain.md §3.3 Jiangbei: half a day's leave from the congress session −1
    act = _session(county, staff, [own_mandate, other_mandate])
    half = services.request_leave(
        own_mandate, activity=act, reason="上午住院复查", half_days=1, by=deputy_user
    )
    other_user = UserFactory(username="qian", full_name="钱代表", role=Role.DEPUTY, body=county)
    other_mandate.person.user = other_user
    other_mandate.person.save()
    whole = services.request_leave(other_mandate, activity=act, reason="出国", half_days=6, by=other_user)
    for leave in (half, whole):
        services.decide_leave(leave, action="approve", by=staff)
    services.record_attendance(act, present=[], by=staff)
    pts = dict(DutyRecord.objects.filter(outcome=Outcome.LEAVE).values_list("mandate_id", "points"))
    assert pts == {own_mandate.pk: Decimal("-1.00"), other_mandate.pk: Decimal("-6.00")}
    rs = services.ruleset_for(county, TODAY.year)
    services.update_rules(
        rs,
        base_score=rs.base_score,
        leave_points=Decimal(-2),
        absence_points=rs.absence_points,
        cycle=rs.cycle,
        publish_to_portal=True,
        type_points={},
        bands=[(b.label, b.min_score, b.max_score, b.poor) for b in rs.bands.all()],
        reason="请假扣分调整",
        by=staff,
    )
    pts = dict(DutyRecord.objects.filter(outcome=Outcome.LEAVE).values_list("mandate_id", "points"))
    assert pts == {own_mandate.pk: Decimal("-2.00"), other_mandate.pk: Decimal("-12.00")}


def test_leave_of_another_length_is_refused(county, staff, own_mandate, deputy_user):
    act = _session(county, staff, [own_mandate])
    try:
        services.request_leave(own_mandate, activity=act, reason="事假", half_days=9, by=deputy_user)
    except Refused as exc:
        assert exc.code == "leave_bad_length"
    else:
        raise AssertionError("a leave longer than the activity was accepted")
    assert not LeaveRequest.objects.exists()


def test_leave_form_offers_half_day_full_day_and_whole_session(
    login, county, staff, own_mandate, deputy_user
):
    act = _session(county, staff, [own_mandate])
    c = login(deputy_user)
    html = c.get(f"/work/duties/activities/{act.pk}/leave/").content.decode()
    assert (
        '<option value="1">半天</option>' in html and ">全天</option>" in html and "整个会期（3 天）" in html
    )
    resp = c.post(f"/work/duties/activities/{act.pk}/leave/", {"half_days": "1", "reason": "上午住院复查"})
    assert resp.status_code == 302 and LeaveRequest.objects.get().half_days == 1


def test_rules_page_marks_values_without_a_source_as_project_defaults(login, staff, county):
    html = login(staff).get(f"/work/duties/rules/?body={county.pk}&year=2025").content.decode()
    row = html[html.index("出席本级人民代表大会会议") :].split("</tr>")[0]
    assert "本系统默认值" in row and "参考" not in row
    row = html[html.index("提出建议、批评和意见") :].split("</tr>")[0]
    assert "参考重庆江北区" in row and "本系统默认值" not in row
    leave = html[html.index('name="leave_points"') :].split("</div></div>")[0]
    assert "请假半天" in leave
    absence = html[html.index('name="absence_points"') :].split("</div></div>")[0]
    assert "本系统默认值" in absence
    assert "代表法" not in html.split("分值依据")[1].split("保存并重算")[0]  # no law is cited for points
