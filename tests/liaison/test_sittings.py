"""代表列席常委会会议 (seeds 002): invitations in rotation that spread fairly over the term, attendance and
speeches as duties (domain.md §3.3 Chunfu: attendance and speeches score separately)."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from renda.core.errors import Refused
from renda.duties.models import DutyRecord
from renda.liaison import services
from renda.liaison.models import LiaisonPolicy, SittingInvitation
from tests.factories.deputies import MandateFactory


def _sitting(staff, sc, days_ago=0, n=0):
    return services.create_sitting(
        body=sc, title=f"第{n}次常委会会议", on=timezone.localdate() - dt.timedelta(days=days_ago), by=staff
    )


def test_rotation_spreads_invitations_evenly_and_skips_members(staff, standing_committee, county, member):
    deputies = [MandateFactory(body=county) for _ in range(7)]
    LiaisonPolicy.objects.create(body=standing_committee, sitting_seats=3)
    for n in range(7):  # 21 seats over 7 deputies: three each, never four before all have three
        sitting = _sitting(staff, standing_committee, days_ago=60 - n * 7, n=n)
        services.invite_in_rotation(sitting, by=staff)
        counts = Counter(SittingInvitation.objects.values_list("mandate_id", flat=True))
        spread = [counts.get(m.pk, 0) for m in deputies]
        assert max(spread) - min(spread) <= 1
    assert all(
        c == 3 for c in Counter(SittingInvitation.objects.values_list("mandate_id", flat=True)).values()
    )
    # the member is a county deputy too, but sits in the committee anyway: never in the rotation
    invited = set(SittingInvitation.objects.values_list("mandate__person__user", flat=True))
    assert member.pk not in invited


def test_attendance_and_speeches_feed_the_ledger(staff, standing_committee, own_mandate, other_mandate):
    sitting = _sitting(staff, standing_committee, days_ago=1)
    services.invite_in_rotation(sitting, count=2, by=staff)
    services.record_attendance(sitting, present=[own_mandate.pk], by=staff)
    codes = Counter(DutyRecord.objects.values_list("duty_type__code", flat=True))
    assert codes == {"sc_meeting": 1}
    inv = SittingInvitation.objects.get(mandate=own_mandate)
    services.add_speech(inv, subject="县级预算调整方案", content="建议增加农村道路养护资金", by=staff)
    assert DutyRecord.objects.filter(mandate=own_mandate, duty_type__code="speech").count() == 1
    absent = SittingInvitation.objects.get(mandate=other_mandate)
    with pytest.raises(Refused) as exc:
        services.add_speech(absent, subject="x", content="y", by=staff)
    assert exc.value.code == "speaker_not_present"


def test_attendance_is_taken_once_and_not_before_the_sitting(staff, standing_committee, own_mandate):
    future = services.create_sitting(
        body=standing_committee, title="下次会议", on=timezone.localdate() + dt.timedelta(days=3), by=staff
    )
    services.invite_in_rotation(future, count=1, by=staff)
    with pytest.raises(Refused) as exc:
        services.record_attendance(future, present=[own_mandate.pk], by=staff)
    assert exc.value.code == "sitting_not_held"
    past = _sitting(staff, standing_committee, days_ago=2)
    SittingInvitation.objects.create(sitting=past, mandate=own_mandate)
    services.record_attendance(past, present=[own_mandate.pk], by=staff)
    with pytest.raises(Refused) as exc:
        services.record_attendance(past, present=[own_mandate.pk], by=staff)
    assert exc.value.code == "attendance_already_recorded"


def test_the_deputy_replies_on_the_phone(login, staff, standing_committee, deputy_user, own_mandate):
    sitting = services.create_sitting(
        body=standing_committee, title="第九次会议", on=timezone.localdate() + dt.timedelta(days=3), by=staff
    )
    services.invite_in_rotation(sitting, count=1, by=staff)
    inv = SittingInvitation.objects.get()
    client = login(deputy_user)
    assert "第九次会议" in client.get("/work/liaison/my/").content.decode()
    client.post(f"/work/liaison/my/sittings/{inv.pk}/reply/", {"accept": "1"})
    inv.refresh_from_db()
    assert inv.reply == "accepted"
