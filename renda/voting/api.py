"""/api/v1/voting/…: cast a ballot (idempotent by key) and read a result (VOTING-CONTRACT.md)."""

from uuid import UUID

from django.http import Http404
from ninja import Path, Router, Schema, Status
from pydantic import Field

from renda.api.auth import ApiError
from renda.api.schema import Error, NinjaDetail, Out, Text, responses, write_responses
from renda.core.context import client_ip
from renda.core.errors import NotPermitted, Refused

from . import public, selectors, services
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


# Public ballots (a hearing's QR code): no account. One request per vote: the phone sends its ballot with a
# key and, from its second vote on, the device token its first vote's answer carried (public.py).


class TokenPath(Schema):
    token: Text(32, min_length=8)


class PublicPollOut(Out):
    title: str
    state: str
    kind: str
    max_marks: int
    options: list[dict]


class PublicBallotIn(Schema):
    choices: list[int] = Field(..., min_length=1, max_length=20)
    key: UUID = Field(..., description="客户端生成的幂等键：超时重发时原样重发（同一键、同一请求），只计一次")
    device: Text(200, min_length=10) | None = Field(
        None, description="本设备的投票凭证（上一次投票的回执带回）；首次投票不填，凭证随回执发回"
    )


class PublicReceiptOut(ReceiptOut):
    device: str | None = Field(None, description="首次投票（未带凭证）时发给本设备的凭证，下次投票时带上")


@router.get(
    "/voting/public/{token}",
    response=responses(PublicPollOut, public=True),
    auth=None,
    summary="公众投票：表决事项与选项",
)
def public_poll(request, path: Path[TokenPath]):
    return public.poll_page(path.token)


@router.post(
    "/voting/public/{token}/ballots",
    response={
        **responses(PublicReceiptOut, public=True),
        201: PublicReceiptOut,
        400: NinjaDetail,
        409: Error,
        415: Error,
    },
    auth=None,
    summary="公众投票（每台设备一票，同一幂等键重发返回同一回执）",
    description="首次投票 201（未带 device 时回执带回本设备凭证 device）；同一键重发 200（同一回执，只计一次）；"
    "同一设备换键再投 409 already_voted；凭证伪造或过期 409 device_invalid；过于频繁 409 rate_limited；"
    "未开始或已结束 409 poll_not_open；请求体须为 application/json，否则 415 json_required。",
)
def public_cast(request, path: Path[TokenPath], payload: PublicBallotIn):
    if request.content_type != "application/json":
        # No account and no CSRF token here: a JSON content type makes a browser ask first (CORS preflight),
        # so another site cannot make its visitors' browsers vote from their addresses.
        raise ApiError(415, "json_required", "请以 JSON（application/json）提交投票")
    receipt, issued = public.vote(
        path.token,
        device_token_in=payload.device,
        choices=payload.choices,
        key=payload.key,
        ip=client_ip(request) or "",
    )
    body = {
        "poll_id": receipt.poll_id,
        "key": receipt.key,
        "receipt": receipt.code,
        "secret": False,
        "choices": list(receipt.choices),
        "retry": receipt.retry,
        "device": issued,
    }
    return Status(200 if receipt.retry else 201, body)
