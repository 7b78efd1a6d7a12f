"""约见国家机关负责人 (seeds 001; workflow.OFFICIAL_MEETING, domain.md §3.1 Art. 8): request → arrange → hold →
close; the meeting counts as a duty; a request with no topic or target is refused and stores nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.duties.models import DutyRecord
from renda.liaison import services
from renda.liaison.choices import MeetingState
from renda.liaison.models import OfficialMeeting


@pytest.mark.parametrize(
    ("topic", "with_unit", "official", "code"),
    [
        ("", True, "局长", "topic_required"),
        ("雨污分流", False, "局长", "target_required"),
        ("雨污分流", True, " ", "official_required"),
    ],
)
def test_a_request_without_topic_or_target_is_refused(
    deputy_user, own_mandate, unit, topic, with_unit, official, code
):
    # issue 20 "Bad input": a meeting request with no topic or target → clear error, nothing changed
    with pytest.raises(Refused) as exc:
        services.request(
            own_mandate, topic=topic, unit=unit if with_unit else None, official=official, by=deputy_user
        )
    assert exc.value.code == code
    assert not OfficialMeeting.objects.exists()


def test_the_whole_way_counts_as_a_duty_for_each_deputy_present(
    deputy_user, staff, own_mandate, other_mandate, unit
):
    row = services.request(
        own_mandate,
        topic="老旧小区加装电梯",
        unit=unit,
        official="局长",
        others=[other_mandate],
        by=deputy_user,
    )
    assert row.status == MeetingState.REQUESTED
    row = services.arrange(
        row, scheduled_at=timezone.now() + dt.timedelta(days=5), place="县人大常委会三楼会议室", by=staff
    )
    assert row.status == MeetingState.ARRANGED
    row = services.hold(
        row,
        held_on=timezone.localdate(),
        minutes="代表反映审批慢",
        commitments="一个月内出台办法",
        present=[own_mandate],
        by=staff,
    )
    assert row.status == MeetingState.HELD
    recs = DutyRecord.objects.filter(duty_type__code="official_meeting")
    assert [r.mandate_id for r in recs] == [own_mandate.pk]  # only who was there
    row = services.close(row, follow_up="办法已印发", by=staff)
    assert row.status == MeetingState.CLOSED


def test_a_deputy_cannot_arrange_and_staff_cannot_withdraw(deputy_user, staff, own_mandate, unit):
    row = services.request(own_mandate, topic="校车", unit=unit, official="局长", by=deputy_user)
    with pytest.raises(NotPermitted):
        services.arrange(
            row, scheduled_at=timezone.now() + dt.timedelta(days=1), place="会议室", by=deputy_user
        )
    with pytest.raises(NotPermitted):
        services.withdraw(row, by=staff)


def test_holding_before_arranging_is_refused(deputy_user, staff, own_mandate, unit):
    row = services.request(own_mandate, topic="校车", unit=unit, official="局长", by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.hold(row, held_on=timezone.localdate(), minutes="x", by=staff)
    assert exc.value.code == "transition_not_allowed"
    assert not DutyRecord.objects.exists()


def test_declining_needs_a_reason(deputy_user, staff, own_mandate, unit):
    row = services.request(own_mandate, topic="校车", unit=unit, official="局长", by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.decline(row, reason="  ", by=staff)
    assert exc.value.code == "reason_required"
    row.refresh_from_db()
    assert row.status == MeetingState.REQUESTED


def test_the_request_page_shows_the_error_and_keeps_the_values(login, deputy_user, own_mandate, unit):
    resp = login(deputy_user).post(
        "/work/liaison/meetings/new/", {"topic": "", "unit": unit.pk, "official": "局长"}
    )
    assert resp.status_code == 422
    body = resp.content.decode()
    assert "请填写约见事由" in body and 'value="局长"' in body
    assert not OfficialMeeting.objects.exists()
