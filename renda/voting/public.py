"""Public device ballots (a hearing's QR code; issue 16 "Online hearing": one vote per public device, rate
limits, no account).

A phone's vote is **one request**. The phone sends its ballot with an idempotency key and, if it has one,
the device token of an earlier vote. A phone without a token gets its device from the server with this vote:
the device is derived from the key with the server's secret (`device_for_key`), counted against the
per-address limit on new devices exactly as a token handed out on its own was, and its signed token comes
back with the receipt, for the phone's next vote. A resend after a timeout carries the same key, so it is
the same device and gets the same receipt; a second vote needs a new key, that is, a new device under the
same per-address limit a fresh token always needed.

The first vote of a device (nearly every request of a hall) is one SQL statement in autocommit on
PostgreSQL: the poll row under a share lock (open, public, not an election), the ballot under its unique
(poll, device) and (poll, key), and its mark. Anything else — a resend, a second vote, a closed poll, a
ballot with several marks, SQLite — takes the full path in `_cast_public_once`, which says why.
"""

import hashlib
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core import signing
from django.db import connection, transaction
from django.db.models import Q
from django.http import Http404
from django.utils.crypto import salted_hmac

from renda.core.errors import Refused

from . import limits
from .casting import (
    Receipt,
    _as_key,
    _insert_once,
    _Raced,
    _receipt,
    _receipt_code,
    _resolve,
    _shared,
    options_of,
)
from .models import Kind, Option, Poll, PublicBallot, Source, State

# The salt limits.read_device checks: a device made here reads back there (tests/voting/test_public.py).
DEVICE_SALT = "voting-device"


@dataclass(frozen=True)
class PublicPoll:
    """What a phone's vote needs to know of its poll without reading it: the id, and the options (id →
    label) it may mark. A token belongs to one poll for ever and a public poll's options never change once
    created (a re-vote is a new poll with a new token); its state is read by the vote's own statement."""

    id: int
    token: str
    options: dict[int, str]


_BY_TOKEN: dict[str, PublicPoll] = {}


def poll_of(token: str) -> PublicPoll:
    """The public poll behind a QR token, kept per process (a hall of phones asks 10,000 times a minute);
    404 for an unknown token or a poll that takes no public votes."""
    found = _BY_TOKEN.get(token)
    if found is None:
        poll_id = next(
            iter(
                Poll.objects.filter(public_token=token, allow_public=True)
                .order_by()
                .values_list("pk", flat=True)[:1]
            ),
            None,
        )
        if poll_id is None:
            raise Http404
        options = dict(
            Option.objects.filter(poll_id=poll_id, write_in=False).order_by().values_list("pk", "label")
        )
        if len(_BY_TOKEN) > 1000:
            _BY_TOKEN.clear()
        found = _BY_TOKEN[token] = PublicPoll(poll_id, token, options)
    return found


# The poll page every phone of a hall asks for (GET /api/v1/voting/public/{token}): the same answer for all of
# them, so each process keeps it for PAGE_SECONDS. A state change shows on a phone at most that late; the vote
# itself never relies on it (its own statement reads the poll's state).
PAGE_SECONDS = 1.0
_PAGES: dict[str, tuple[float, dict]] = {}


def poll_page(token: str) -> dict:
    """Title, state, kind, how many marks and the options of a public poll, as a phone shows them."""
    now = time.monotonic()
    kept = _PAGES.get(token)
    if kept is not None and now - kept[0] < PAGE_SECONDS:
        return kept[1]
    poll = Poll.objects.select_related("rule").get(pk=poll_of(token).id)
    options = sorted((o for o in options_of(poll).values() if not o.write_in), key=lambda o: (o.order, o.pk))
    page = {
        "title": str(poll),
        "state": poll.state,
        "kind": poll.kind,
        "max_marks": poll.mark_limit,
        "options": [{"id": o.pk, "label": o.label} for o in options],
    }
    if len(_PAGES) > 1000:
        _PAGES.clear()
    _PAGES[token] = (now, page)
    return page


def forget_page(token: str) -> None:
    """Drop this process's copy of a poll page (its state changed here)."""
    _PAGES.pop(token, None)


def device_hash(device: str) -> str:
    return hashlib.sha256(f"renda-voting-device:{device}".encode()).hexdigest()


def device_for_key(key: uuid.UUID) -> str:
    """The device of a phone that voted without a token: derived from its ballot's key with the server's
    secret, so a resend of the same ballot is the same device, and nobody can make a device of their
    choosing."""
    return salted_hmac("renda.voting.device-for-key", key.hex).hexdigest()[:32]


def device_token(device: str) -> str:
    """The signed token of a device, as `limits.new_device` issues them."""
    return signing.dumps(device, salt=DEVICE_SALT)


def vote(
    token: str, *, device_token_in: str | None, choices: Sequence, key, ip: str
) -> tuple[Receipt, str | None]:
    """A phone's vote through the QR code (the API): returns the receipt and, for a phone that came without
    a device token, its new token. Refuses a forged or expired token (`device_invalid`), too many new
    devices from one address or attempts from one device (`rate_limited`), and whatever `cast_public`
    refuses."""
    poll = poll_of(token)
    key = _as_key(key)
    issued = None
    if device_token_in:
        device = limits.read_device(device_token_in)
        if device is None:
            raise Refused("device_invalid", "设备凭证无效，请重新扫码")
    else:
        limits.device_issue(ip)
        device = device_for_key(key)
        issued = device_token(device)
    return cast_public(Poll(pk=poll.id), device=device, choices=choices, key=key, known=poll), issued


def cast_public(
    poll: Poll, *, device: str, choices: Sequence, key, known: PublicPoll | None = None
) -> Receipt:
    """An anonymous device's vote (a hearing's QR code): one per device per poll, rate-limited per device,
    no account (issue 16 "Online hearing"). The device is stored only as a hash of its token. `known`: the
    poll's cached options (the API), which lets a first vote go in as one statement."""
    key = _as_key(key)
    if not device or len(device) > 200:
        raise Refused("device_missing", "无法识别设备，请允许浏览器保存 Cookie 后重试")
    dev = device_hash(device)
    limits.device_attempt(dev)
    if known is not None and connection.vendor == "postgresql":
        receipt = _first_vote(known, dev, choices, key)
        if receipt is not None:
            return receipt
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _cast_public_once(poll.pk, dev, choices, key)
        except _Raced:
            continue
    raise Refused("busy", "投票繁忙，请稍后重试")


# One statement, no transaction block: the share lock on the poll row (which close_poll's update lock waits
# for, and which re-reads the state once a close has committed) is held until this statement commits.
_FIRST_VOTE = (
    "WITH p AS (SELECT id FROM voting_poll WHERE id = %s AND state = %s AND allow_public AND kind <> %s "
    "FOR SHARE), "
    "b AS (INSERT INTO voting_publicballot (id, poll_id, device, key, receipt) "
    "SELECT %s::uuid, p.id, %s, %s::uuid, %s FROM p ON CONFLICT DO NOTHING RETURNING id, poll_id) "
    "INSERT INTO voting_mark (id, poll_id, option_id, ballot, source) SELECT %s::uuid, b.poll_id, %s::bigint, b.id, %s FROM b"
)


def _first_vote(known: PublicPoll, dev: str, choices: Sequence, key: uuid.UUID) -> Receipt | None:
    """A device's first vote with one mark, as one statement: the receipt, or None when nothing went in
    (the poll is not open, or the device or key already has a ballot — the full path says which)."""
    if not isinstance(choices, list | tuple) or len(choices) != 1:
        return None
    choice = choices[0]
    label = known.options.get(choice) if isinstance(choice, int) and not isinstance(choice, bool) else None
    if label is None:
        return None
    code = _receipt_code()
    params = [known.id, State.OPEN.value, Kind.ELECTION.value, uuid.uuid4(), dev, key, code]
    params += [uuid.uuid4(), choice, Source.PUBLIC.value]
    with connection.cursor() as cur:
        cur.execute(_FIRST_VOTE, params)
        if cur.rowcount != 1:
            return None
    return Receipt(known.id, str(key), code, False, (label,), False, Source.PUBLIC)


def _cast_public_once(poll_id: int, dev: str, choices, key: uuid.UUID) -> Receipt:
    poll = _shared(poll_id)
    if not poll.allow_public or poll.state != State.OPEN:
        found = _existing_public(poll, dev, key)
        if found is not None:
            return found  # a resend after the close: the vote was accepted in the window
    if not poll.allow_public:
        raise Refused("public_not_allowed", "本次表决不接受公众投票")
    if poll.state != State.OPEN:
        raise Refused("poll_not_open", "投票未开始或已经结束")
    if poll.kind == Kind.ELECTION:
        raise Refused("public_not_allowed", "选举不接受公众投票")
    options = _resolve(poll, choices)
    code = _receipt_code()
    # Insert first, as in casting.cast.
    row = _insert_once(
        PublicBallot, marks=(options, Source.PUBLIC), poll=poll, device=dev, key=key, receipt=code
    )
    if row is None:
        found = _existing_public(poll, dev, key)
        if found is not None:
            return found
        raise _Raced
    return Receipt(poll.pk, str(key), code, False, tuple(o.label for o in options), False, Source.PUBLIC)


def _existing_public(poll: Poll, dev: str, key: uuid.UUID) -> Receipt | None:
    """The device's ballot under this key (a resend: same receipt); another key or another device's key is
    refused."""
    rows = list(PublicBallot.objects.filter(Q(device=dev) | Q(key=key), poll=poll)[:2])
    row = next((r for r in rows if r.device == dev), None)
    if row is not None:
        if row.key != key:
            raise Refused("already_voted", "这台设备已经投过票了")
        return _receipt(poll, row, retry=True)
    if rows:
        raise Refused("key_reused", "该幂等键已被使用，请刷新后重试")
    return None
