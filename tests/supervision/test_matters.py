"""Major-matter decisions: decided only by a passed resolution vote of a meeting's agenda item, then tracked
with implementation reports and a follow-up (domain.md §5.1: 地方组织法第五十、五十一条; 监督法第十七条)."""

import datetime as dt
import uuid

import pytest

from renda.core.errors import Refused
from renda.meetings import services as msrv
from renda.meetings import votes as mvotes
from renda.meetings.models import AttendeeRole, Kind
from renda.supervision import services
from renda.supervision.choices import MatterStatus
from renda.supervision.models import FollowUp, Matter
from renda.voting import services as vsrv
from tests.factories.meetings import at as _at
from tests.factories.meetings import committee_members

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(county, standing_committee):
    return committee_members(county, standing_committee)


@pytest.fixture
def item(standing_committee, staff, leader, members):
    m = msrv.create_meeting(
        body=standing_committee,
        kind=Kind.STANDING_COMMITTEE,
        title="常委会第五次会议",
        starts_at=_at(10),
        ends_at=_at(10, 12),
        location="第一会议室",
        by=staff,
    )
    it = msrv.add_item(m, title="审议关于国土空间总体规划的决定（草案）", needs_vote=True, by=staff)
    m = msrv.send_notice(m, by=staff)
    for a in m.attendees.filter(role=AttendeeRole.MEMBER):
        msrv.sign_in_by_staff(a, by=staff)
    msrv.open_meeting(m, by=leader)
    return it


def _poll(item, leader, members, yes: int):
    poll = mvotes.create_item_poll(item, by=leader)
    opts = {o.label: o.pk for o in poll.options.all()}
    for k, u in enumerate(members):
        vsrv.cast(poll, voter=u, choices=[opts["赞成" if k < yes else "反对"]], key=uuid.uuid4(), by=u)
    return poll


@pytest.fixture
def matter(standing_committee, staff):
    m = services.create.matter(
        standing_committee,
        title="国土空间总体规划",
        proposer="县人民政府",
        proposed_on=dt.date(2026, 3, 1),
        by=staff,
    )
    return services.matters.deliberate(m, by=staff)


def test_a_matter_is_decided_by_a_passed_meeting_poll_and_keeps_the_rule(
    matter, item, leader, members, staff
):
    # 地方组织法第五十一条: more than half of all members (3 of 5) pass it
    poll = _poll(item, leader, members, yes=3)
    vsrv.close_poll(poll, by=leader)
    assert any(c["poll"].pk == poll.pk for c in services.matters.candidate_polls(matter))
    m = services.matters.decide(matter, poll_id=poll.pk, decision="批准县国土空间总体规划", by=staff)
    assert m.status == MatterStatus.DECIDED and m.poll_id == poll.pk
    assert "赞成3票" in m.vote_line and "通过" in m.vote_line
    assert "地方组织法" in m.decided_by and "第1版" in m.decided_by


def test_a_failed_poll_cannot_decide_the_matter(matter, item, leader, members, staff):
    poll = _poll(item, leader, members, yes=2)  # 2 of 5: not more than half of all members
    vsrv.close_poll(poll, by=leader)
    with pytest.raises(Refused) as exc:
        services.matters.decide(matter, poll_id=poll.pk, decision="批准", by=staff)
    assert exc.value.code == "poll_not_passed" and "未获通过" in exc.value.message
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DELIBERATING and matter.poll_id is None
    m = services.matters.reject(matter, poll_id=poll.pk, by=staff)
    assert m.status == MatterStatus.REJECTED and "反对3票" in m.vote_line


def test_an_open_poll_or_no_decision_text_is_refused(matter, item, leader, members, staff):
    poll = _poll(item, leader, members, yes=5)
    with pytest.raises(Refused) as exc:
        services.matters.decide(matter, poll_id=poll.pk, decision="批准", by=staff)
    assert exc.value.code == "poll_open"
    vsrv.close_poll(poll, by=leader)
    with pytest.raises(Refused) as exc:
        services.matters.decide(matter, poll_id=poll.pk, decision="  ", by=staff)
    assert exc.value.code == "decision_required"


def test_one_poll_decides_one_matter_only(matter, item, leader, members, staff, standing_committee):
    poll = _poll(item, leader, members, yes=4)
    vsrv.close_poll(poll, by=leader)
    services.matters.decide(matter, poll_id=poll.pk, decision="批准", by=staff)
    other = services.matters.deliberate(
        services.create.matter(
            standing_committee, title="另一事项", proposer="县政府", proposed_on=dt.date(2026, 4, 1), by=staff
        ),
        by=staff,
    )
    with pytest.raises(Refused) as exc:
        services.matters.decide(other, poll_id=poll.pk, decision="批准", by=staff)
    assert exc.value.code == "poll_taken"


def test_tracking_sets_a_report_deadline_a_followup_and_closing_needs_a_report(
    matter, item, leader, members, staff, unit, unit_user
):
    # 监督法第十七条: the decision is followed up; the unit reports how it was carried out
    poll = _poll(item, leader, members, yes=4)
    vsrv.close_poll(poll, by=leader)
    m = services.matters.decide(matter, poll_id=poll.pk, decision="批准", by=staff)
    m = services.matters.track(m, unit=unit, on=dt.date(2026, 5, 6), by=staff)
    assert m.status == MatterStatus.TRACKED and m.report_due == dt.date(2026, 11, 6)  # 6 months (policy)
    assert FollowUp.objects.filter(content_type__model="matter", object_id=str(m.pk), unit=unit).exists()
    with pytest.raises(Refused) as exc:
        services.matters.close(m, by=staff)
    assert exc.value.code == "no_report"
    services.matters.report(m, text="规划已公布实施", by=unit_user)
    assert services.matters.close(m, by=staff).status == MatterStatus.CLOSED


def test_the_matter_screen_shows_the_poll_result_and_rule(login, matter, item, leader, members, staff):
    poll = _poll(item, leader, members, yes=4)
    vsrv.close_poll(poll, by=leader)
    c = login(staff)
    page = c.get(f"/work/supervision/matters/{matter.pk}/").content.decode()
    assert "常委会第五次会议" in page  # the poll offered to choose from
    r = c.post(f"/work/supervision/matters/{matter.pk}/do/decide/", {"poll": poll.pk, "decision": "批准规划"})
    assert r.status_code == 302
    page = c.get(f"/work/supervision/matters/{matter.pk}/").content.decode()
    assert "赞成" in page and "判定规则" in page and "地方组织法" in page
    assert Matter.objects.get(pk=matter.pk).status == MatterStatus.DECIDED
