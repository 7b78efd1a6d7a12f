"""/api/v1/contact/…: public intake and status by tracking code; staff lists, actions and the three rates."""

from datetime import date, datetime
from typing import Literal

from django.http import Http404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import Error, NinjaDetail, Page, PublicPage, Rows, Text, responses, write_responses
from renda.core.context import client_ip
from renda.core.permissions import require_business, require_role
from renda.core.roles import Role
from renda.deputies.models import Station

from . import actions, captcha, codes, ratelimit, rates, selectors, services
from . import policy as policies
from .choices import Category, Channel, Rating

router = Router(tags=["社情民意"])


PUBLIC_POST = {400: NinjaDetail, 409: Error}


class ContactCaptchaOut(Schema):
    token: str
    image: str = Field(description="SVG 图片的 data URI：一道 1–9 的加减算术题")


@router.get(
    "/contact/captcha",
    response=responses(ContactCaptchaOut, public=True),
    auth=None,
    summary="取一个离线验证码",
)
def new_captcha(request):
    c = captcha.new()
    return {"token": c.token, "image": c.data_uri}


class ContactMessageIn(Schema):
    station_id: int | None = Field(None, ge=1, le=2**62)
    deputy_id: int | None = Field(None, ge=1, le=2**62, description="代表资格（Mandate）id")
    township_id: int | None = Field(None, ge=1, le=2**62)
    category: Literal[tuple(Category.values)]  # type: ignore[valid-type]
    title: Text(80, min_length=1)
    content: Text(2000, min_length=5)
    place: Text(100) = ""
    voter_name: Text(40) = ""
    phone: Text(12) = Field("", pattern=r"^(\d{7,12})?$")
    consent: bool
    captcha_token: Text(400, min_length=1)
    captcha_answer: Text(4, min_length=1)


class ContactCreatedOut(Schema):
    code: str
    status: str
    status_url: str


@router.post(
    "/contact/messages",
    response={**responses(ContactCreatedOut, public=True), **PUBLIC_POST},
    auth=None,
    summary="选民留言（限流；需验证码）",
)
def create_message(request, payload: ContactMessageIn):
    ratelimit.hit("SUBMIT_IP", client_ip(request), message="提交过于频繁，请稍后再试")
    captcha.verify(payload.captcha_token, payload.captcha_answer)
    if payload.phone:
        ratelimit.hit("SUBMIT_PHONE", payload.phone, message="该手机号今天提交的留言已达上限，请{wait}再试")
    station, mandate, township = selectors.addressees(
        payload.station_id, payload.deputy_id, payload.township_id
    )
    m = services.submit(
        services.Draft(
            category=payload.category,
            title=payload.title,
            content=payload.content,
            place=payload.place,
            voter_name=payload.voter_name,
            phone=payload.phone,
            consent=payload.consent,
            township=township,
        ),
        station=station,
        mandate=mandate,
        channel=Channel.API,
    )
    return {"code": m.code, "status": m.status, "status_url": f"/messages/t/{m.code}/"}


class ContactReplyOut(Schema):
    round: int
    kind: str
    author: str
    text: str
    at: datetime


class ContactEventOut(Schema):
    at: datetime
    label: str
    status: str


class ContactStatusOut(Schema):
    code: str
    title: str
    category: str
    status: str
    status_label: str
    received_at: datetime
    rating: str
    replies: list[ContactReplyOut]
    events: list[ContactEventOut]


class ContactCodePath(Schema):
    code: Text(20, min_length=1)


def _by_code(request, raw: str):
    ratelimit.check_track(client_ip(request))
    m = selectors.by_code(codes.normalise(raw))
    if m is None:
        raise Http404  # a wrong code and a missing one answer alike
    return m


@router.get(
    "/contact/status/{code}",
    response={**responses(ContactStatusOut, public=True), 409: Error},
    auth=None,
    summary="凭查询码查看办理进度",
)
def status(request, path: Path[ContactCodePath]):
    m = _by_code(request, path.code)
    return {
        "code": codes.normalise(path.code),
        "title": m.title,
        "category": m.category,
        "status": m.status,
        "status_label": m.get_status_display(),
        "received_at": m.received_at,
        "rating": m.rating,
        "replies": [
            {"round": r.round, "kind": r.kind, "author": r.author_label, "text": r.text, "at": r.at}
            for r in m.replies.all()
        ],
        "events": [{"at": e.at, "label": e.label, "status": e.status_after} for e in m.events.all()],
    }


class ContactRatingIn(Schema):
    rating: Literal[tuple(Rating.values)]  # type: ignore[valid-type]
    resolved: bool
    note: Text(500) = ""


@router.post(
    "/contact/status/{code}/rating",
    response={**responses(ContactStatusOut, public=True), **PUBLIC_POST},
    auth=None,
    summary="选民评价答复",
)
def rate(request, path: Path[ContactCodePath], payload: ContactRatingIn):
    ratelimit.hit("RATE_IP", client_ip(request), message="操作过于频繁，请稍后再试")
    m = _by_code(request, path.code)
    actions.run(
        "rate",
        m,
        actions.ActionIn(rating=payload.rating, resolved=payload.resolved, text=payload.note),
        by=None,
    )
    return status(request, path)


class ContactMessageOut(Schema):
    id: int
    title: str
    category: str
    status: str
    channel: str
    station_id: int | None
    mandate_id: int | None
    unit_id: int | None
    received_at: datetime
    urgency: str
    accept_due: date | None
    accept_due_at: datetime | None
    reply_due: date | None
    reply_due_at: datetime | None


class ContactMessageDetailOut(ContactMessageOut):
    content: str
    place: str
    outcome: str
    rating: str
    resolved: bool | None
    actions: list[str]


class ContactMessageFilter(Schema):
    status: Text(14) | None = None
    category: Text(12) | None = None


@router.get(
    "/contact/messages",
    response=responses(list[ContactMessageOut]),
    summary="范围内的选民留言（工作人员、承办单位、代表）",
)
@paginate(Page)
def list_messages(request, filters: Query[ContactMessageFilter]):
    require_business(request.auth)
    qs = selectors.messages_for(request.auth).order_by("-received_at", "-id")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category=filters.category)
    return qs


class ContactIdPath(Schema):
    id: int = Field(ge=1, le=2**62)


def _detail(user, m) -> dict:
    from .permissions import actions_for

    return {
        **ContactMessageOut.from_orm(m).dict(),
        "content": m.content,
        "place": m.place,
        "outcome": m.outcome,
        "rating": m.rating,
        "resolved": m.resolved,
        "actions": [a for a in actions_for(user, m) if a in actions.API_ACTIONS],
    }


@router.get("/contact/messages/{id}", response=responses(ContactMessageDetailOut), summary="一条留言")
def get_message(request, path: Path[ContactIdPath]):
    require_business(request.auth)
    return _detail(request.auth, selectors.message_in_scope(request.auth, path.id))


class ContactActionIn(actions.ActionIn):
    """The action table's input (contact/actions.py, the same the page fills) and which action to take."""

    action: Literal[actions.API_ACTIONS]  # type: ignore[valid-type]


@router.post(
    "/contact/messages/{id}/actions",
    response=write_responses(ContactMessageDetailOut),
    summary="办理：受理、转办、答复…（与页面调用同一函数）",
)
def act(request, path: Path[ContactIdPath], payload: ContactActionIn):
    require_business(request.auth)
    m = selectors.message_in_scope(request.auth, path.id)
    m = actions.run(payload.action, m, payload, by=request.auth)
    return _detail(request.auth, selectors.message_in_scope(request.auth, m.pk))


class ContactRatesQuery(Schema):
    group: Literal["unit", "station", "mandate"] = "unit"
    start: date
    end: date


class ContactRateOut(Schema):
    rank: int
    id: int
    name: str
    received: int
    response_num: int
    response_den: int
    response: float | None
    resolved: int
    satisfied: int
    rated: int
    resolution: float | None
    satisfaction: float | None
    total: float | None


class ContactRatesOut(Schema):
    weights: list[int]
    items: list[ContactRateOut]


@router.get(
    "/contact/rates", response=responses(ContactRatesOut), summary="三率（响应率、解决率、满意率）与排名"
)
def rate_list(request, q: Query[ContactRatesQuery]):
    require_role(request.auth, {Role.STAFF, Role.LEADER}, action="查看三率")
    weights = policies.for_body(request.auth.home_body).weights
    rows = rates.ranking(
        selectors.messages_for(request.auth), group=q.group, start=q.start, end=q.end, weights=weights
    )
    return {
        "weights": list(weights),
        "items": [
            {
                "rank": r.rank,
                "id": r.key,
                "name": r.name,
                "received": r.received,
                "response_num": r.response_num,
                "response_den": r.response_den,
                "response": r.response,
                "resolved": r.resolved,
                "satisfied": r.satisfied,
                "rated": r.rated,
                "resolution": r.resolution,
                "satisfaction": r.satisfaction,
                "total": r.total,
            }
            for r in rows[:500]
        ],
    }


class ContactReceptionOut(Schema):
    id: int
    station_id: int
    station: str
    date: date
    starts: str
    ends: str
    topic: str
    deputies: list[str]


class ContactReceptionFilter(Schema):
    station_id: int | None = Field(None, ge=1, le=2**62)


@router.get(
    "/contact/receptions",
    response=responses(list[ContactReceptionOut], public=True),
    auth=None,
    summary="已公布的选民接待日",
)
@paginate(PublicPage)
def receptions(request, f: Query[ContactReceptionFilter]):
    station = Station.objects.filter(pk=f.station_id).first() if f.station_id else None
    qs = selectors.public_receptions(station=station)
    return Rows(qs, _reception)


def _reception(d) -> dict:
    return {
        "id": d.pk,
        "station_id": d.station_id,
        "station": d.station.name,
        "date": d.date,
        "starts": f"{d.starts:%H:%M}",
        "ends": f"{d.ends:%H:%M}",
        "topic": d.topic,
        "deputies": [x.mandate.person.name for x in d.duties.all()],
    }
