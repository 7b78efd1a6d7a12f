"""Taking a message in: from the portal, by QR code, the API, or registered by a station keeper."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.core.models import Body, Level
from renda.core.permissions import has_role
from renda.core.roles import Role

from .. import codes
from .. import policy as policies
from ..choices import Category, Channel
from ..models import Message, Photo
from ..uploads import CleanPhoto
from .common import event, notify_users, people_of, set_hours, work_url
from .handling import answer

TITLE_MAX = 80
CONTENT_MAX = 2000
PLACE_MAX = 100


@dataclass
class Draft:
    """What the voter wrote; the form or API schema checked the types, the service checks the rules."""

    category: str
    title: str
    content: str
    place: str = ""
    voter_name: str = ""
    phone: str = ""
    consent: bool = False
    township: Body | None = None

    @classmethod
    def of(cls, data: dict) -> "Draft":
        """The draft in a form's cleaned data (the public form and the keeper's registration form)."""
        return cls(**{name: data[name] for name in cls.__dataclass_fields__})


def _check(d: Draft) -> None:
    for label, value, limit in (
        ("标题", d.title, TITLE_MAX),
        ("内容", d.content, CONTENT_MAX),
        ("地点", d.place, PLACE_MAX),
        ("称呼", d.voter_name, 40),
        ("联系电话", d.phone, 20),
    ):
        if "\x00" in (value or ""):
            raise Refused("contact_bad_character", f"{label}含有不允许的字符")
        if len(value or "") > limit:
            raise Refused("contact_too_long", f"{label}不能超过 {limit} 个字")
    if not d.title.strip():
        raise Refused("contact_title_empty", "请填写标题")
    if len(d.content.strip()) < 5:
        raise Refused("contact_content_empty", "请把反映的问题写清楚（至少 5 个字）")
    if d.category not in Category.values:
        raise Refused("contact_category_unknown", "请选择留言类别")
    if not d.consent:
        raise Refused("contact_consent_missing", "请阅读并同意隐私说明后再提交")
    if d.phone and not (d.phone.isdigit() and 7 <= len(d.phone) <= 12):
        raise Refused("contact_phone_invalid", "联系电话格式不正确（7–12 位数字）")
    if d.township is not None and d.township.level != Level.TOWNSHIP:
        raise Refused("contact_township_invalid", "所在乡镇（街道）不正确")


def station_of(mandate, station=None):
    """The liaison station a message to a deputy goes to: the one the voter chose if the deputy sits there,
    else the deputy's first station in use, as the public profile lists them (by name). Keepers receive and
    forward voters' opinions there (domain.md §4: "deputies do not handle problems directly")."""
    own = list(mandate.stations.filter(active=True).select_related("body").order_by("name"))
    if station is not None and station in own:
        return station
    return own[0] if own else None


def _body_for(station, mandate, township) -> Body:
    if station is not None:
        return station.body
    if mandate is not None:
        return mandate.body
    if township is not None:
        return township
    raise Refused("contact_no_addressee", "请选择联络站或代表")


def _township_for(d: Draft, station, mandate):
    if d.township is not None:
        return d.township
    if station is not None and station.body.level == Level.TOWNSHIP:
        return station.body
    if mandate is not None and mandate.constituency_id:
        return mandate.constituency.township
    return None


def submit(
    draft: Draft,
    *,
    station=None,
    mandate=None,
    channel: str = Channel.WEB,
    photos: Sequence[CleanPhoto] = (),
    reception=None,
    by=None,
) -> Message:
    """Store a message with its tracking code and the acceptance deadline; nothing is stored if any part fails.

    `by` is None for a voter on the portal; a station keeper or staff member registering a walk-in or
    phone message passes themselves (domain.md §4 "register"). A tracking code that already exists (1 in
    31^12) retries the whole submission: cheaper than a savepoint around every insert.
    """
    for attempt in range(3):
        try:
            return _submit(
                draft,
                station=station,
                mandate=mandate,
                channel=channel,
                photos=photos,
                reception=reception,
                by=by,
            )
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def register(
    draft: Draft,
    *,
    station,
    channel: str,
    photos: Sequence[CleanPhoto] = (),
    answer_now: str = "",
    by,
) -> Message:
    """A walk-in, phone or reception-day message typed in by a keeper or staff member (domain.md §4
    "register"), answered on the spot when `answer_now` says how (§4 routing rule). Both or neither is
    stored: a refused answer leaves no message behind. Refuses what `submit` and `answer` refuse."""
    message = submit(draft, station=station, channel=channel, photos=photos, by=by)
    if answer_now.strip():
        # `message` keeps the tracking code (not a field) that the caller shows once; answer locks a copy.
        answer(message, text=answer_now, by=by)
    return message


@transaction.atomic
def _submit(
    draft: Draft, *, station, mandate, channel: str, photos: Sequence[CleanPhoto], reception, by
) -> Message:
    _check(draft)
    if channel in (Channel.WALK_IN, Channel.PHONE, Channel.RECEPTION) and not has_role(
        by, Role.STATION_KEEPER, Role.STAFF, Role.DEPUTY
    ):
        raise Refused("contact_register_role", "只有联络站管理员、工作人员或代表可以登记来访和来电")
    if mandate is not None and not mandate.is_current:
        raise Refused("contact_deputy_not_current", "该代表已不在任，请选择其他代表或联络站")
    if station is not None and not station.active:
        raise Refused("contact_station_inactive", "该联络站已停用")
    if mandate is not None:
        station = station_of(mandate, station)
    township = _township_for(draft, station, mandate)
    now = timezone.now()
    body = _body_for(station, mandate, township)
    pol = policies.for_body(body)
    message = Message(
        body=body,
        station=station,
        mandate=mandate,
        reception=reception,
        township=township,
        channel=channel,
        category=draft.category,
        title=draft.title.strip(),
        content=draft.content.strip(),
        place=draft.place.strip(),
        voter_name=draft.voter_name.strip(),
        phone=draft.phone.strip(),
        consent_at=now,
        received_at=now,
        registered_by=by if by is not None and by.is_authenticated else None,
    )
    # Set before the insert so the row is written once (domain.md §2.3: accepted within 2 hours).
    set_hours(message, "accept_due", hours=pol.accept_hours, start=now)
    message.code = codes.new_code()  # not a field: the caller shows it once, only its hash is stored
    message.code_hash = codes.digest(message.code)
    message.save()
    for p in photos:
        Photo.objects.create(
            message=message,
            file=ContentFile(p.data, name=p.name),
            content_type=p.content_type,
            size=len(p.data),
            width=p.width,
            height=p.height,
            kept_location=p.kept_location,
        )
    event(message, "submit", f"收到留言（{Channel(channel).label}）", by=by)
    notify_users(
        people_of(message),
        title=f"新留言：{message.title}",
        body="请在期限内受理或说明不予受理的原因。",
        url=work_url(message),
        key=f"contact:{message.pk}:new",
    )
    # Last: the audit entry holds the chain's lock until commit.
    audit.record(
        "contact.submit",
        message,
        by=by if by is not None and by.is_authenticated else None,
        after={
            "channel": channel,
            "station": message.station_id,
            "mandate": message.mandate_id,
            "photos": len(photos),
        },
    )
    return message
