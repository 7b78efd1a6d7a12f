"""/api/v1/notifications…: the signed-in user's own inbox (paged, bounded filters), marking read, and their
notification preferences (docs/notify.md "API"). Only one's own rows: another user's notice answers 404,
like one that does not exist. Bad input is 422; an invalid phone/e-mail/OpenID is a 409 refusal."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import IsoDate, Page, Text, responses, write_responses
from renda.core.permissions import require_business

from . import services
from .models import Notification, Preference

router = Router(tags=["通知"])


class NotificationOut(Schema):
    id: int
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationFilter(Schema):
    unread: bool | None = Field(None, description="true 只看未读，false 只看已读")
    q: Text(50) = Field("", description="标题包含（至多 50 字）")
    since: IsoDate | None = Field(None, description="此日期（含）之后收到的，YYYY-MM-DD")


class NotificationIdPath(Schema):
    id: int = Field(ge=1, le=2**62)


class NotifyPreferenceOut(Schema):
    email_on: bool
    sms_on: bool
    wechat_on: bool
    digest_on: bool
    phone: str
    email: str
    wechat_openid: str


class NotifyPreferenceIn(Schema):
    """Fields left out keep their current value."""

    email_on: bool | None = None
    sms_on: bool | None = None
    wechat_on: bool | None = None
    digest_on: bool | None = None
    phone: Text(20) | None = Field(None, description="通知手机号，空字符串表示用账号手机号")
    email: Text(254) | None = Field(None, description="通知邮箱，空字符串表示用账号邮箱")
    wechat_openid: Text(64) | None = None


FIELDS = ("email_on", "sms_on", "wechat_on", "digest_on", "phone", "email", "wechat_openid")


def _pref(user) -> dict:
    p = Preference.objects.filter(user=user).first() or Preference(user=user)
    return {f: getattr(p, f) for f in FIELDS}


@router.get("/notifications", response=responses(list[NotificationOut]), summary="我的站内通知")
@paginate(Page)
def list_notifications(request, filters: Query[NotificationFilter]):
    require_business(request.auth)
    qs = Notification.objects.filter(user=request.auth).order_by("-created_at", "-id")
    if filters.unread is not None:
        qs = qs.filter(read_at__isnull=filters.unread)
    if filters.q:
        qs = qs.filter(title__contains=filters.q)
    if filters.since is not None:
        qs = qs.filter(created_at__date__gte=filters.since)
    return qs


@router.post(
    "/notifications/{id}/read", response=write_responses(NotificationOut), summary="标记一条通知为已读"
)
def read_notification(request, path: Path[NotificationIdPath]):
    require_business(request.auth)
    note = get_object_or_404(Notification, pk=path.id, user=request.auth)  # not yours = not found
    return services.mark_read(note, by=request.auth)


@router.get("/notifications/preferences", response=responses(NotifyPreferenceOut), summary="我的通知偏好")
def get_preferences(request):
    require_business(request.auth)
    return _pref(request.auth)


@router.post(
    "/notifications/preferences", response=write_responses(NotifyPreferenceOut), summary="修改我的通知偏好"
)
def post_preferences(request, payload: NotifyPreferenceIn):
    require_business(request.auth)
    values = _pref(request.auth)
    values.update({k: v for k, v in payload.dict().items() if v is not None})
    services.save_preferences(request.auth, by=request.auth, **values)
    return _pref(request.auth)
