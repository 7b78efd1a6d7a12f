"""Open311 GeoReport v2-like intake for voters' messages (issue 19), so a city's 12345 app can feed renda.

    services = message categories   requests = voters' messages   tokens = tracking codes (查询码)

- GET  /open311/v2/services.json             the categories (public)
- GET  /open311/v2/services/{code}.json      one category's definition (public)
- POST /open311/v2/requests.json             submit a message: a personal token with the `open311` scope
                                             (the integration's account), through contact.services.submit
- GET  /open311/v2/tokens/{token}.json       the request id behind a tracking code (public, rate limited)
- GET  /open311/v2/requests/{id}.json        one request's status, by its tracking code (public, rate limited)
- GET  /open311/v2/requests.json             the requests this integration submitted (token, `open311`)

Differences from GeoReport v2 (docs/api.md): JSON bodies, not form-encoded; the request id *is* the tracking
code (the only key a voter holds; renda stores only its hash); the addressee is a liaison station or a
township (`station_id` / `township_id`), not a coordinate; `lat`/`long` are kept as the place text only.
The integration is responsible for the voter's consent to the privacy notice, as the 12345 platform asks it.
"""

from datetime import date, datetime, time, timedelta

from django.http import Http404
from django.utils import timezone
from ninja import Path, Query, Schema, Status
from pydantic import Field

from renda.api.auth import ApiError, VerifiedSession
from renda.api.schema import Error, IsoDate, Out, Text, responses, write_responses

from . import ratelimit
from .api import date_range, router

# The integration's token with the `open311` scope; a signed-in business user may also call (a test client).
open311_token = VerifiedSession(token_scope="open311")  # noqa: S106 (a scope name)
STATUS_OPEN = {"received", "accepted", "forwarded", "reopened", "replied"}


class ServiceOut(Out):
    service_code: str = Field(examples=["roads"])
    service_name: str = Field(examples=["道路交通"])
    description: str
    metadata: bool = Field(description="是否有附加属性（本接口均为 false）")
    type: str = Field(description="realtime：提交后即进入受理流程")
    keywords: str
    group: str


def _services() -> list[dict]:
    from renda.contact.choices import Category

    return [
        {
            "service_code": code,
            "service_name": label,
            "description": f"群众留言：{label}",
            "metadata": False,
            "type": "realtime",
            "keywords": label,
            "group": "社情民意",
        }
        for code, label in Category.choices
    ]


@router.get(
    "/open311/v2/services.json",
    response=responses(list[ServiceOut], public=True),
    auth=None,
    tags=["Open311"],
    summary="Open311：服务列表（留言类别）",
)
def services(request):
    ratelimit.check(request)
    return _services()


class ServicePath(Schema):
    service_code: Text(20, min_length=1)


class ServiceDefinitionOut(Out):
    service_code: str
    attributes: list[dict] = Field(description="附加属性（本接口为空）")


@router.get(
    "/open311/v2/services/{service_code}.json",
    response=responses(ServiceDefinitionOut, public=True),
    auth=None,
    tags=["Open311"],
    summary="Open311：一个服务的定义",
)
def service_definition(request, path: Path[ServicePath]):
    ratelimit.check(request)
    if path.service_code not in {s["service_code"] for s in _services()}:
        raise ApiError(404, "service_unknown", f"没有编码为 {path.service_code} 的服务（留言类别）")
    return {"service_code": path.service_code, "attributes": []}


class RequestIn(Schema):
    service_code: Text(20, min_length=1) = Field(description="留言类别编码，见 services.json")
    description: Text(2000, min_length=5) = Field(description="反映的问题（至少 5 个字）")
    title: Text(80) = Field("", description="标题；不填则取 description 的前 30 个字")
    station_id: int | None = Field(
        None, ge=1, le=2**62, description="转给哪个联络站（与 township_id 二选一）"
    )
    township_id: int | None = Field(None, ge=1, le=2**62, description="所在乡镇（街道）人大编号")
    address_string: Text(100) = Field("", description="地点")
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)
    first_name: Text(20) = ""
    last_name: Text(20) = ""
    phone: Text(12) = Field("", pattern=r"^(\d{7,12})?$", description="联系电话（加密保存，不公开）")


class RequestCreatedOut(Out):
    service_request_id: str = Field(description="查询码，同 token")
    token: str = Field(description="查询码：选民凭它在 /messages/track/ 查询进度")
    service_notice: str
    account_id: str | None = None


@router.post(
    "/open311/v2/requests.json",
    response={**write_responses(list[RequestCreatedOut]), 201: list[RequestCreatedOut], 429: Error},
    auth=open311_token,
    tags=["Open311"],
    summary="Open311：提交一条群众留言（需 open311 权限的令牌）",
)
def create_request(request, payload: RequestIn):
    from renda.contact import selectors
    from renda.contact import services as contact
    from renda.contact.choices import Category, Channel

    ratelimit.check(request, key=f"user:{request.user.pk}", name="OPEN311_SUBMIT", default=(120, 3600))
    if payload.service_code not in Category.values:
        raise ApiError(400, "service_unknown", f"没有编码为 {payload.service_code} 的服务（留言类别）")
    if not payload.station_id and not payload.township_id:
        raise ApiError(400, "addressee_missing", "请提供 station_id（联络站）或 township_id（乡镇）")
    try:
        station, _mandate, township = selectors.addressees(payload.station_id, None, payload.township_id)
    except Http404 as exc:
        raise ApiError(404, "addressee_unknown", "联络站或乡镇不存在") from exc
    place = payload.address_string
    if not place and payload.lat is not None and payload.long is not None:
        place = f"{payload.lat:.5f},{payload.long:.5f}"
    name = (payload.last_name + payload.first_name).strip()
    title = payload.title.strip() or payload.description.strip()[:30]
    m = contact.submit(
        contact.Draft(
            category=payload.service_code,
            title=title,
            content=payload.description,
            place=place,
            voter_name=name,
            phone=payload.phone,
            consent=True,  # asked by the integrating platform (module docstring)
            township=township,
        ),
        station=station,
        channel=Channel.API,
        by=request.user,
    )
    notice = "已收到，将在受理期限内受理；凭查询码可查询办理进度"
    return Status(
        201, [{"service_request_id": m.code, "token": m.code, "service_notice": notice, "account_id": None}]
    )


class TokenPath(Schema):
    token: Text(20, min_length=1)


class TokenOut(Out):
    service_request_id: str
    token: str


def _by_code(request, raw: str):
    from renda.contact import codes, selectors

    ratelimit.check(request, name="OPEN311_TRACK", default=(30, 600))
    code = codes.normalise(raw)
    m = selectors.by_code(code) if code else None
    if m is None:
        raise ApiError(404, "request_unknown", "没有这个查询码对应的留言")
    return code, m


@router.get(
    "/open311/v2/tokens/{token}.json",
    response=responses(list[TokenOut], public=True),
    auth=None,
    tags=["Open311"],
    summary="Open311：由查询码得到请求编号",
)
def token_lookup(request, path: Path[TokenPath]):
    code, _m = _by_code(request, path.token)
    return [{"service_request_id": code, "token": code}]


class RequestOut(Out):
    service_request_id: str
    status: str = Field(description="open / closed")
    status_notes: str = Field(description="当前状态和最近一次答复")
    service_name: str
    service_code: str
    description: str = Field(description="标题（正文和个人信息不公开）")
    agency_responsible: str
    requested_datetime: datetime
    updated_datetime: datetime | None
    address: str


def _request(code: str, m) -> dict:
    last = m.replies.order_by("-at").first()
    note = m.get_status_display() + (f"：{last.text[:200]}" if last else "")
    updated = max(
        filter(None, [m.received_at, m.accepted_at, m.forwarded_at, m.replied_at, m.rated_at, m.closed_at])
    )
    return {
        "service_request_id": code,
        "status": "open" if m.status in STATUS_OPEN else "closed",
        "status_notes": note,
        "service_name": m.get_category_display(),
        "service_code": m.category,
        "description": m.title,
        "agency_responsible": m.unit.name if m.unit_id else (m.station.name if m.station_id else m.body.name),
        "requested_datetime": m.received_at,
        "updated_datetime": updated,
        "address": "",
    }


class RequestPath(Schema):
    service_request_id: Text(20, min_length=1)


@router.get(
    "/open311/v2/requests/{service_request_id}.json",
    response=responses(list[RequestOut], public=True),
    auth=None,
    tags=["Open311"],
    summary="Open311：凭查询码查看一条请求的状态",
)
def request_status(request, path: Path[RequestPath]):
    code, m = _by_code(request, path.service_request_id)
    return [_request(code, m)]


class RequestListFilter(Schema):
    start_date: IsoDate | None = Field(None, description="收到日期不早于（YYYY-MM-DD）")
    end_date: IsoDate | None = Field(None, description="收到日期不晚于（YYYY-MM-DD）")
    status: Text(6) | None = Field(None, pattern=r"^(open|closed)?$", description="open 或 closed")
    service_code: Text(20) | None = None


class SubmittedOut(Out):
    service_request_id: str = Field(description="本接口不返回查询码（系统只保存其摘要），此处为内部编号")
    status: str
    service_code: str
    description: str
    requested_datetime: datetime


@router.get(
    "/open311/v2/requests.json",
    response=responses(list[SubmittedOut]),
    auth=open311_token,
    tags=["Open311"],
    summary="Open311：本平台提交的请求（需 open311 权限的令牌，最多 1000 条）",
)
def submitted(request, f: Query[RequestListFilter]):
    from renda.contact.models import Message

    date_range(f.start_date, f.end_date)
    qs = Message.objects.filter(registered_by=request.user, channel="api").order_by("-received_at")
    start = f.start_date or (timezone.localdate() - timedelta(days=90))
    qs = qs.filter(received_at__gte=_midnight(start))
    if f.end_date:
        qs = qs.filter(received_at__lt=_midnight(f.end_date + timedelta(days=1)))
    if f.status == "open":
        qs = qs.filter(status__in=STATUS_OPEN)
    elif f.status == "closed":
        qs = qs.exclude(status__in=STATUS_OPEN)
    if f.service_code:
        qs = qs.filter(category=f.service_code)
    return [
        {
            "service_request_id": f"renda-{m.pk}",
            "status": "open" if m.status in STATUS_OPEN else "closed",
            "service_code": m.category,
            "description": m.title,
            "requested_datetime": m.received_at,
        }
        for m in qs[:1000]
    ]


def _midnight(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, time.min))
