"""/api/v1/voting/…: cast a ballot (idempotent by key) and read a result (VOTING-CONTRACT.md)."""

from uuid import UUID

from django.http import Http404
from ninja import Path, Router, Schema, Status
from pydantic import Field

from renda.api.schema import Error, NinjaDetail, Out, Text, responses, write_responses
from renda.core.context import client_ip
from renda.core.errors import NotPermitted, Refused

from . import casting, limits, selectors, services
from .models import Poll
from .views import _is_chair

router = Router(tags=["表决"])


class PollPath(Schema):
    id: int = Field(..., ge=1, le=2**62)


class BallotIn(Schema):
    choices: list[int | Text(40, min_length=1)] = Field(
        ..., max_length=50, description="选项 id；选举时也可以是另选他人的姓名"
    )
    key: UUID = Field(..., description="客户端生成的幂等键：断网重发时用同一个键，只计一次")


class ReceiptOut(Out):
    poll_id: int
    key: str
    receipt: str
    secret: bool
    choices: list[str]
    retry: bool


class LineOut(Out):
    id: int
    label: str
    count: int
    write_in: bool = False
    elected: bool = False
    names: list[str] | None = None


class PublicOut(Out):
    votes: int
    options: list[dict]


class RuleOut(Out):
    code: str
    version: int
    article: str


class ResultOut(Out):
    poll_id: int
    title: str
    state: str
    secret: bool
    final: bool
    electors: int
    present: int
    voted: int
    valid: int
    invalid: int
    not_voted: int
    base: str
    base_value: int
    threshold: str
    quorum_met: bool | None
    passed: bool | None
    outcome: str
    consequence: str
    elected: list[str]
    tied: list[str]
    remaining_seats: int
    needs_another_round: bool
    decided_by: str
    rule: RuleOut
    options: list[LineOut]
    public: PublicOut


@router.post(
    "/voting/polls/{id}/ballots",
    response={**write_responses(ReceiptOut), 201: ReceiptOut, 409: Error},
    summary="投票（同一幂等键重发返回同一回执）",
    description="首次投票 201；同一键重发 200（同一回执，只计一次）；换键再投 409 already_voted；"
    "表决未开始或已结束 409 poll_not_open；不在有表决权名单 403 not_elector。",
)
def cast(request, path: Path[PollPath], payload: BallotIn):
    try:
        receipt = services.cast(
            Poll(pk=path.id), voter=request.user, choices=payload.choices, key=payload.key
        )
    except Refused as exc:
        if exc.code == "poll_unknown":
            raise Http404 from None
        if exc.code == "not_elector":
            raise NotPermitted(exc.code, exc.message) from None
        raise
    body = {
        "poll_id": receipt.poll_id,
        "key": receipt.key,
        "receipt": receipt.code,
        "secret": receipt.secret,
        "choices": list(receipt.choices),
        "retry": receipt.retry,
    }
    return Status(200 if receipt.retry else 201, body)


@router.get(
    "/voting/polls/{id}/result", response=responses(ResultOut), summary="表决结果（进行中为实时计数）"
)
def result(request, path: Path[PollPath]):
    poll = Poll.objects.select_related("rule").filter(pk=path.id).first()
    if poll is None or not (_is_chair(request.user, poll) or selectors.is_elector(poll, request.user)):
        raise Http404
    return selectors.result(poll, names=not poll.secret).as_dict()


# Public ballots (a hearing's QR code): no account. The phone first asks for the poll and a device token
# (signed, issued under a per-address limit), then votes with it: one vote per device, rate-limited.


class TokenPath(Schema):
    token: Text(32, min_length=8)


class PublicPollOut(Out):
    title: str
    state: str
    kind: str
    max_marks: int
    options: list[dict]
    device: str


class PublicBallotIn(Schema):
    choices: list[int] = Field(..., min_length=1, max_length=20)
    key: UUID
    device: Text(200, min_length=10)


_PUBLIC_IDS: dict[str, int] = {}


def _public_id(token: str) -> int:
    """The poll behind a public token. A token belongs to one poll for ever (a re-vote is a new poll with a
    new token), so each process keeps the answer; the poll itself (state, allow_public) is read fresh by
    whoever needs it. A hall of phones asks this 10,000 times in a minute."""
    found = _PUBLIC_IDS.get(token)
    if found is None:
        ids = (
            Poll.objects.filter(public_token=token, allow_public=True).order_by().values_list("pk", flat=True)
        )
        found = next(iter(ids[:1]), None)
        if found is None:
            raise Http404
        if len(_PUBLIC_IDS) > 1000:
            _PUBLIC_IDS.clear()
        _PUBLIC_IDS[token] = found
    return found


@router.get(
    "/voting/public/{token}",
    response={**responses(PublicPollOut, public=True), 409: Error},
    auth=None,
    summary="公众投票：表决事项与本设备的投票凭证",
)
def public_poll(request, path: Path[TokenPath]):
    poll = Poll.objects.select_related("rule").get(pk=_public_id(path.token))
    options = sorted(
        (o for o in casting.options_of(poll).values() if not o.write_in), key=lambda o: (o.order, o.pk)
    )
    return {
        "title": str(poll),
        "state": poll.state,
        "kind": poll.kind,
        "max_marks": poll.mark_limit,
        "options": [{"id": o.pk, "label": o.label} for o in options],
        "device": limits.new_device(client_ip(request) or ""),
    }


@router.post(
    "/voting/public/{token}/ballots",
    response={**responses(ReceiptOut, public=True), 201: ReceiptOut, 400: NinjaDetail, 409: Error},
    auth=None,
    summary="公众投票（每台设备一票，同一幂等键重发返回同一回执）",
)
def public_cast(request, path: Path[TokenPath], payload: PublicBallotIn):
    poll_id = _public_id(path.token)
    device = limits.read_device(payload.device)
    if device is None:
        raise Refused("device_invalid", "设备凭证无效，请重新扫码")
    receipt = services.cast_public(Poll(pk=poll_id), device=device, choices=payload.choices, key=payload.key)
    body = {
        "poll_id": receipt.poll_id,
        "key": receipt.key,
        "receipt": receipt.code,
        "secret": False,
        "choices": list(receipt.choices),
        "retry": receipt.retry,
    }
    return Status(200 if receipt.retry else 201, body)
