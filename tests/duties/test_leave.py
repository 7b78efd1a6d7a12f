"""Leave requests (domain.md §3.1) and the Art. 62 flag."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.deputies.choices import MandateStatus
from renda.duties import services
from renda.duties.choices import LeaveStatus, TriggerKind, TriggerStatus
from renda.duties.models import LeaveRequest, Trigger
from renda.duties.workflow import leave_approver
from tests.factories.duties import dtype

TODAY = timezone.localdate()


def _session(body, staff, mandates, start, end=None, title="县第十八届人大第五次会议"):
    return services.create_activity(
        body=body,
        duty_type=dtype(body, "congress_session"),
        title=title,
        start=start,
        end=end or start + dt.timedelta(days=2),
        participants=mandates,
        by=staff,
    )


def test_leave_before_a_session_goes_to_the_chairpersons_council(county, staff, own_mandate, deputy_user):
    # domain.md §3.1: written, before the session, to the chairperson's council
    act = _session(county, staff, [own_mandate], TODAY + dt.timedelta(days=10))
    leave = services.request_leave(own_mandate, activity=act, reason="住院治疗", by=deputy_user)
    assert leave.approver == "常委会主任会议" and leave.status == LeaveStatus.PENDING


def test_leave_routing_follows_the_kind_of_activity():
    # domain.md §3.1: township → presidium; during the session → delegation head; between sessions → convener
    d = dt.date(2026, 3, 1)
    assert (
        leave_approver(
            is_session=True, level="township", convener="", start=d, end=d, on=d - dt.timedelta(1)
        ).label
        == "乡镇人大主席团"
    )
    assert (
        leave_approver(is_session=True, level="county", convener="", start=d, end=d, on=d).label
        == "代表团团长"
    )
    assert (
        leave_approver(
            is_session=False, level="county", convener="县人大教科文卫工委", start=d, end=d, on=d
        ).label
        == "县人大教科文卫工委"
    )


def test_leave_after_the_activity_is_refused(county, staff, own_mandate, deputy_user):
    act = _session(county, staff, [own_mandate], TODAY - dt.timedelta(days=10))
    with pytest.raises(Refused) as exc:
        services.request_leave(own_mandate, activity=act, reason="忘了", by=deputy_user)
    assert exc.value.code == "leave_after_activity"
    assert not LeaveRequest.objects.exists()


def test_second_leave_request_is_refused(county, staff, own_mandate, deputy_user):
    act = _session(county, staff, [own_mandate], TODAY + dt.timedelta(days=3))
    services.request_leave(own_mandate, activity=act, reason="出差", by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.request_leave(own_mandate, activity=act, reason="出差", by=deputy_user)
    assert exc.value.code == "leave_already_requested"
    assert LeaveRequest.objects.count() == 1


def test_refusing_leave_needs_a_note(county, staff, own_mandate, deputy_user):
    act = _session(county, staff, [own_mandate], TODAY + dt.timedelta(days=3))
    leave = services.request_leave(own_mandate, activity=act, reason="出差", by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.decide_leave(leave, action="refuse", by=staff)
    assert exc.value.code == "refuse_needs_note"
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.PENDING


def test_two_unapproved_session_absences_raise_the_art62_flag_and_staff_end_the_mandate(
    county, staff, own_mandate
):
    # domain.md §3.1 代表法 Art. 62: two unapproved absences from congress sessions end the mandate
    first = _session(county, staff, [own_mandate], dt.date(2025, 1, 10), title="第四次会议")
    services.record_attendance(first, present=[], by=staff)
    assert not Trigger.objects.exists()
    second = _session(county, staff, [own_mandate], dt.date(2026, 1, 12), title="第五次会议")
    services.record_attendance(second, present=[], by=staff)
    flag = Trigger.objects.get(kind=TriggerKind.ART62, mandate=own_mandate)
    assert len(flag.detail["absences"]) == 2
    services.confirm_art62(flag, on=dt.date(2026, 2, 1), document="青人常〔2026〕3号", by=staff)
    own_mandate.refresh_from_db()
    flag.refresh_from_db()
    assert own_mandate.status == MandateStatus.ENDED and flag.status == TriggerStatus.ACTED


def test_approved_leave_is_not_an_absence(county, staff, own_mandate, deputy_user):
    for i, start in enumerate((TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=5))):
        act = _session(county, staff, [own_mandate], start, title=f"会议{i}")
        services.decide_leave(
            services.request_leave(own_mandate, activity=act, reason="病假", by=deputy_user),
            action="approve",
            by=staff,
        )
    assert not Trigger.objects.exists()
