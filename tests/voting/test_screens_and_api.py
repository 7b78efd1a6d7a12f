"""The screens and the API (issue 17 "Screens"; VOTING-CONTRACT.md "Screens and endpoints")."""

import json
import uuid

from django.test import Client
from django.urls import reverse

from renda.voting import services
from renda.voting.models import Ballot, PublicBallot

from .conftest import vote


def _post_ballot(client, poll, choices, key):
    return client.post(
        f"/api/v1/voting/polls/{poll.pk}/ballots",
        data=json.dumps({"choices": choices, "key": key}),
        content_type="application/json",
    )


def test_api_ballot_is_idempotent_by_key(make_poll, members, login):
    poll = make_poll()
    client = Client(enforce_csrf_checks=False)
    client.force_login(members[3])
    yes = poll.options.get(label="赞成").pk
    k = str(uuid.uuid4())
    first = _post_ballot(client, poll, [yes], k)
    assert first.status_code == 201, first.content
    again = _post_ballot(client, poll, [yes], k)
    assert again.status_code == 200 and again.json()["receipt"] == first.json()["receipt"]
    other = _post_ballot(client, poll, [poll.options.get(label="反对").pk], str(uuid.uuid4()))
    assert other.status_code == 409 and other.json()["code"] == "already_voted"
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_api_refuses_a_non_elector_and_an_unknown_poll(make_poll, deputy_user):
    poll = make_poll()
    client = Client()
    client.force_login(deputy_user)
    r = _post_ballot(client, poll, [poll.options.first().pk], str(uuid.uuid4()))
    assert r.status_code == 403 and r.json()["code"] == "not_elector"
    assert _post_ballot(client, poll, [1], str(uuid.uuid4())).status_code in (403, 404)
    r = client.post("/api/v1/voting/polls/999999/ballots", data="{}", content_type="application/json")
    assert r.status_code == 422  # the body is checked first


def test_api_result_cites_the_rule(make_poll, members, staff, login):
    poll = make_poll()
    vote(poll, members[0], "赞成")
    r = login(staff).get(f"/api/v1/voting/polls/{poll.pk}/result")
    assert r.status_code == 200
    body = r.json()
    assert body["rule"]["code"] == "sc_motion" and "地方组织法" in body["decided_by"]
    assert body["options"][0]["names"] == [members[0].full_name]


def test_member_ballot_then_receipt(make_poll, members):
    poll = make_poll()
    client = Client()
    client.force_login(members[5])
    page = client.get(reverse("voting:vote", args=[poll.pk]))
    assert page.status_code == 200 and "确认投票" in page.content.decode()
    yes = poll.options.get(label="赞成").pk
    key = str(uuid.uuid4())
    r = client.post(reverse("voting:vote", args=[poll.pk]), {"option": yes, "key": key})
    assert r.status_code == 302
    page = client.get(reverse("voting:vote", args=[poll.pk])).content.decode()
    assert "投票成功" in page and "赞成" in page
    client.post(reverse("voting:vote", args=[poll.pk]), {"option": yes, "key": key})  # a double tap
    assert Ballot.objects.filter(poll=poll).count() == 1


def test_outsiders_see_no_poll(make_poll, outsider, login):
    poll = make_poll()
    c = login(outsider)
    for name in ("voting:vote", "voting:control", "voting:screen"):
        assert c.get(reverse(name, args=[poll.pk])).status_code == 404


def test_chair_panel_shows_who_has_not_voted_and_closes(make_poll, members, staff, login):
    poll = make_poll()
    vote(poll, members[0], "赞成")
    c = login(staff)
    page = c.get(reverse("voting:control", args=[poll.pk])).content.decode()
    assert "尚未投票（14人）" in page and members[1].full_name in page
    assert c.post(reverse("voting:act", args=[poll.pk, "close"])).status_code == 302
    poll.refresh_from_db()
    assert poll.state == "closed"
    screen = c.get(reverse("voting:screen", args=[poll.pk])).content.decode()
    assert "未通过" in screen and "地方组织法第五十一条" in screen


def test_revote_without_a_reason_is_refused_on_the_panel(make_poll, staff, login):
    poll = make_poll()
    services.close_poll(poll, by=staff)
    c = login(staff)
    c.post(reverse("voting:act", args=[poll.pk, "revote"]), {"reason": ""})
    assert not poll.next_rounds.exists()


def test_public_device_votes_once(make_poll, staff):
    poll = make_poll("rating", rule="hearing_live", allow_public=True, electorate=[])
    url = reverse("voting_public:vote", args=[poll.public_token])
    phone = Client()
    assert phone.get(url).status_code == 200 and "rv_dev" in phone.cookies
    opt = poll.options.get(label="满意").pk
    r = phone.post(url, {"option": opt, "key": str(uuid.uuid4())})
    assert r.status_code == 200 and "感谢参与" in r.content.decode()
    r = phone.post(url, {"option": opt, "key": str(uuid.uuid4())})
    assert r.status_code == 409 and "已经投过票" in r.content.decode()
    assert PublicBallot.objects.filter(poll=poll).count() == 1
    assert (
        Client().post(url, {"option": opt, "key": str(uuid.uuid4())}).status_code == 302
    )  # no device: refused


def test_a_public_flood_from_one_device_is_rate_limited(make_poll, settings):
    settings.VOTING_LIMIT_DEVICE = (2, 60)
    poll = make_poll("rating", rule="hearing_live", allow_public=True, electorate=[])
    codes = []
    for _ in range(4):
        try:
            services.cast_public(
                poll, device="same-phone", choices=[poll.options.first().pk], key=uuid.uuid4()
            )
            codes.append("ok")
        except services.Refused as e:
            codes.append(e.code)
    assert codes == ["ok", "already_voted", "rate_limited", "rate_limited"]


def test_a_member_sees_a_waiting_line_until_voting(make_poll, members):
    from renda.voting.hooks import to_vote

    poll = make_poll()
    assert to_vote(members[2])[0].url == reverse("voting:vote", args=[poll.pk])
    vote(poll, members[2], "赞成")
    assert to_vote(members[2]) == []


def test_the_chair_creates_an_election_and_a_margin_refusal_keeps_the_form(members, staff, login):
    c = login(staff)
    data = {
        "title": "选举县人大常委会委员",
        "kind": "election",
        "rule": "congress_election_indirect",
        "options": "甲\n乙\n丙\n丁",
        "seats": 2,
    }
    r = c.post(reverse("voting:index"), data)
    assert r.status_code == 422 and "预选" in r.content.decode() and "丁" in r.content.decode()
    data["options"] = "甲\n乙\n丙"
    r = c.post(reverse("voting:index"), data)
    assert r.status_code == 302
    from renda.voting.models import Poll

    poll = Poll.objects.get(title="选举县人大常委会委员")
    assert poll.voters.count() == 15 and poll.seat_count == 2
