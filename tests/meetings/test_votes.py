"""Votes on agenda items go through renda.voting (VOTING-CONTRACT.md): the item is the subject, the meeting's
members the electorate, those signed in the present; results feed the minutes and the portal."""

import uuid

import pytest

from renda.core.errors import Refused
from renda.meetings import services, votes
from renda.meetings.services import minutes
from renda.voting import services as vsrv
from renda.voting.models import Voter

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_session(meeting, staff, leader, members):
    meeting = services.send_notice(meeting, by=staff)
    for a in meeting.attendees.filter(user__in=members[:4]):
        services.sign_in_by_staff(a, by=staff)
    return services.open_meeting(meeting, by=leader)


def test_a_poll_on_an_item_has_the_members_as_electorate_and_the_signed_in_as_present(
    in_session, leader, members
):
    item = in_session.items.get()
    poll = votes.create_item_poll(item, by=leader)
    assert poll.state == "open" and votes.polls_of(item) == [poll]
    assert set(Voter.objects.filter(poll=poll).values_list("user_id", flat=True)) == {u.pk for u in members}
    assert Voter.objects.filter(poll=poll, present=True).count() == 4


def test_a_vote_before_the_meeting_is_in_session_cannot_open(meeting, leader):
    with pytest.raises(Refused) as e:
        votes.create_item_poll(meeting.items.get(), by=leader)
    assert e.value.code == "meeting_not_in_session"


def test_an_observer_cannot_vote(in_session, leader, deputy_user):
    # 列席 without a vote: not in the electorate, the engine refuses the ballot
    poll = votes.create_item_poll(in_session.items.get(), by=leader)
    with pytest.raises(Refused):
        vsrv.cast(poll, voter=deputy_user, choices=[poll.options.first().pk], key=str(uuid.uuid4()))


def test_results_reach_the_minutes_with_the_deciding_rule(in_session, leader, members):
    # 地方组织法: a standing committee passes by more than half of all its members (3 of 5)
    poll = votes.create_item_poll(in_session.items.get(), by=leader)
    yes = poll.options.get(label="赞成")
    for u in members[:3]:
        vsrv.cast(poll, voter=u, choices=[yes.pk], key=str(uuid.uuid4()), by=u)
    votes.poll_action(poll, "close", by=leader)
    votes.poll_action(poll, "announce", by=leader)
    line = minutes.result_line(poll)
    assert "赞成3票" in line and "通过" in line and "地方组织法" in line


def test_the_portal_shows_announced_open_votes_only(in_session, leader, members, client):
    named = votes.create_item_poll(in_session.items.get(), title="记名表决甲", by=leader)
    secret = votes.create_item_poll(in_session.items.get(), title="秘密表决乙", secret=True, by=leader)
    for p in (named, secret):
        vsrv.cast(p, voter=members[0], choices=[p.options.first().pk], key=str(uuid.uuid4()), by=members[0])
        votes.poll_action(p, "close", by=leader)
    votes.poll_action(named, "announce", by=leader)
    votes.poll_action(secret, "announce", by=leader)
    page = client.get("/meetings/results/").content.decode()
    assert "记名表决甲" in page and "秘密表决乙" not in page
    assert "委员0" in page  # an open vote's names are published


def test_a_poll_of_another_meeting_cannot_be_driven_from_this_panel(
    in_session, leader, staff, standing_committee
):
    from renda.voting.services import create_poll

    other = create_poll(
        body=standing_committee,
        title="别的表决",
        kind="motion",
        options=None,
        rule="sc_motion",
        electorate=[leader],
        by=staff,
    )
    with pytest.raises(Refused) as e:
        votes.poll_action(other, "open", by=leader)
    assert e.value.code == "poll_not_of_meeting"


def test_an_election_from_the_chairs_panel_checks_the_margin(in_session, leader, login):
    # 选举法第三十一条 (indirect): 1/5 to 1/2 more candidates than seats — 2 seats: 3 candidates, not 2
    c = login(leader)
    item = in_session.items.get()
    url = f"/work/meetings/{in_session.pk}/items/{item.pk}/poll/"
    c.post(url, {"kind": "election", "title": "补选委员", "seats": 2, "candidates": "甲\n乙", "secret": "on"})
    assert votes.polls_of(item) == []
    r = c.post(
        url, {"kind": "election", "title": "补选委员", "seats": 2, "candidates": "甲\n乙\n丙", "secret": "on"}
    )
    assert r.status_code == 302
    (poll,) = votes.polls_of(item)
    assert poll.kind == "election" and poll.secret and poll.rule.code == "congress_election_indirect"
    assert poll.state == "open"


def test_a_motion_from_the_chairs_panel(in_session, leader, login):
    item = in_session.items.get()
    login(leader).post(f"/work/meetings/{in_session.pk}/items/{item.pk}/poll/", {"title": ""})
    (poll,) = votes.polls_of(item)
    assert poll.kind == "motion" and poll.rule.code == "sc_motion" and not poll.secret
