"""The public QR vote through the API (issue 16 "Online hearing": one vote per public device, rate limits,
no account; "Bad input and faults": a vote after closing, a public vote flood from one device). A phone
votes in one request: its device token comes back with its first receipt (docs/voting.md "Public device
ballots")."""

import json
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from renda.voting import limits, public, services
from renda.voting.models import Mark, PublicBallot


@pytest.fixture
def hearing(make_poll):
    return make_poll("rating", rule="hearing_live", allow_public=True, electorate=[])


def _url(poll):
    return f"/api/v1/voting/public/{poll.public_token}/ballots"


def _send(poll, body, *, client=None, **extra):
    return (client or Client()).post(_url(poll), body, content_type="application/json", **extra)


def _option(poll, label="满意"):
    return poll.options.get(label=label).pk


def test_a_first_vote_without_a_token_is_counted_and_hands_out_the_device(hearing):
    r = _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())})
    assert r.status_code == 201
    out = r.json()
    assert out["choices"] == ["满意"] and out["retry"] is False and out["device"]
    device = limits.read_device(out["device"])  # signed as every device token: it reads back
    ballot = PublicBallot.objects.get(poll=hearing)
    assert ballot.device == public.device_hash(device) and ballot.receipt == out["receipt"]
    assert list(Mark.objects.filter(ballot=ballot.id).values_list("option__label", flat=True)) == ["满意"]


def test_one_vote_per_device_with_its_token(hearing):
    first = _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())}).json()
    again = {"choices": [_option(hearing, "不满意")], "key": str(uuid.uuid4()), "device": first["device"]}
    r = _send(hearing, again)
    assert r.status_code == 409 and r.json()["code"] == "already_voted"
    assert PublicBallot.objects.filter(poll=hearing).count() == 1
    assert Mark.objects.get(poll=hearing).option.label == "满意"  # the second vote changed nothing


def test_a_resend_after_a_timeout_is_counted_once_with_the_same_receipt(hearing):
    body = {"choices": [_option(hearing)], "key": str(uuid.uuid4())}
    first = _send(hearing, body)
    resent = _send(hearing, body)  # the phone never saw the first answer: the same request again
    assert (first.status_code, resent.status_code) == (201, 200)
    assert resent.json()["receipt"] == first.json()["receipt"] and resent.json()["retry"] is True
    with_token = _send(hearing, {**body, "device": first.json()["device"]})  # resent after reading it
    assert with_token.status_code == 200 and with_token.json()["receipt"] == first.json()["receipt"]
    assert PublicBallot.objects.filter(poll=hearing).count() == 1
    assert Mark.objects.filter(poll=hearing).count() == 1


def test_a_key_is_one_device_only(hearing):
    key = str(uuid.uuid4())
    first = _send(hearing, {"choices": [_option(hearing)], "key": key}).json()
    token = public.device_token("another-phone-device")  # another phone's token under the same key
    r = _send(hearing, {"choices": [_option(hearing)], "key": key, "device": token})
    assert r.status_code == 409 and r.json()["code"] == "key_reused"
    assert PublicBallot.objects.filter(poll=hearing).get().receipt == first["receipt"]


def test_a_vote_after_closing_is_refused_but_a_resend_keeps_its_receipt(hearing, staff):
    accepted = {"choices": [_option(hearing)], "key": str(uuid.uuid4())}
    receipt = _send(hearing, accepted).json()["receipt"]
    services.close_poll(hearing, by=staff)
    late = _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())})
    assert late.status_code == 409 and late.json()["code"] == "poll_not_open"
    resent = _send(hearing, accepted)  # accepted in the window, its answer lost
    assert resent.status_code == 200 and resent.json()["receipt"] == receipt
    assert PublicBallot.objects.filter(poll=hearing).count() == 1


def test_too_many_new_devices_from_one_address_are_refused(hearing, settings):
    settings.VOTING_LIMIT_NEW_DEVICES_PER_IP = (2, 3600)
    codes = [
        _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())}).status_code
        for _ in range(3)
    ]
    assert codes == [201, 201, 429]  # a rate limit: 429 with Retry-After (issue 21)
    assert PublicBallot.objects.filter(poll=hearing).count() == 2
    elsewhere = _send(
        hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())}, REMOTE_ADDR="10.1.2.3"
    )
    assert elsewhere.status_code == 201  # the limit is per address


def test_a_flood_from_one_device_is_rate_limited(hearing, settings):
    settings.VOTING_LIMIT_DEVICE = (2, 60)
    first = _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())}).json()
    codes = [
        _send(
            hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4()), "device": first["device"]}
        ).json()["code"]
        for _ in range(3)
    ]
    assert codes == ["already_voted", "rate_limited", "rate_limited"]
    assert PublicBallot.objects.filter(poll=hearing).count() == 1


def test_a_forged_token_is_refused_and_nothing_is_stored(hearing):
    r = _send(
        hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4()), "device": "forged-device-token"}
    )
    assert r.status_code == 409 and r.json()["code"] == "device_invalid"
    assert not PublicBallot.objects.filter(poll=hearing).exists()


def test_a_vote_that_is_not_json_is_refused(hearing):
    # Another site's page can post text/plain without asking (no CORS preflight); JSON it cannot.
    body = json.dumps({"choices": [_option(hearing)], "key": str(uuid.uuid4())})
    r = Client().post(_url(hearing), body, content_type="text/plain")
    assert r.status_code == 415 and r.json()["code"] == "json_required"
    assert not PublicBallot.objects.filter(poll=hearing).exists()


def test_a_bad_ballot_is_refused_with_its_reason(hearing, make_poll):
    two = _send(
        hearing, {"choices": [_option(hearing), _option(hearing, "不满意")], "key": str(uuid.uuid4())}
    )
    assert two.status_code == 409 and two.json()["code"] == "one_choice_required"
    other = make_poll("rating", rule="hearing_live", allow_public=True, electorate=[], title="另一项")
    foreign = _send(hearing, {"choices": [_option(other)], "key": str(uuid.uuid4())})
    assert foreign.status_code == 409 and foreign.json()["code"] == "option_unknown"
    assert not PublicBallot.objects.filter(poll=hearing).exists()


def test_an_unknown_or_members_only_poll_is_not_found(make_poll):
    members_only = make_poll()
    body = {"choices": [members_only.options.first().pk], "key": str(uuid.uuid4())}
    assert _send(members_only, body).status_code == 404


def test_the_poll_page_gives_options_and_no_device(hearing):
    info = Client().get(f"/api/v1/voting/public/{hearing.public_token}").json()
    assert [o["label"] for o in info["options"]] == ["满意", "基本满意", "不满意"]
    assert "device" not in info and info["state"] == "open"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL")
def test_a_first_vote_is_one_statement_on_postgresql(hearing):
    _send(hearing, {"choices": [_option(hearing)], "key": str(uuid.uuid4())})  # the process learns the token
    body = {"choices": [_option(hearing, "不满意")], "key": str(uuid.uuid4())}
    with CaptureQueriesContext(connection) as queries:
        r = _send(hearing, body)
    assert r.status_code == 201
    sqls = [q["sql"] for q in queries]
    assert len(sqls) == 1 and sqls[0].startswith("WITH p AS"), sqls


def test_the_poll_page_is_kept_a_moment_and_shows_a_close_at_once_in_this_process(hearing, staff):
    """A hall of phones asks for the same page: one process answers it from memory for PAGE_SECONDS (no
    query), and a state change made in this process shows at once (services' events drop the copy)."""
    from renda.voting import services

    url = f"/api/v1/voting/public/{hearing.public_token}"
    assert Client().get(url).json()["state"] == "open"
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(url).status_code == 200
    assert not [q for q in queries if "voting_" in q["sql"]]
    services.close_poll(hearing, by=staff)
    assert Client().get(url).json()["state"] == "closed"
