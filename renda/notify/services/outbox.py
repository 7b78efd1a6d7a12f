"""`notify()`: the inbox row and the outbox rows of one event, written in the caller's transaction.

wave2-references.md (d) "What a robust outbox must guarantee": same transaction (1), one idempotency key per
(event, recipient, channel) under a unique index (2), per-recipient limits from policy data (5), fallback
WeChat → SMS → inbox (6), templates bound to the provider's approval state (7), quiet hours (10).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from renda.core import policy as resolver
from renda.core.crypto import lookup_hash
from renda.core.errors import Refused

from .. import catalogue
from ..channels import WECHAT_FIELD_MAX, conf, normal_phone, wechat_fields
from ..models import Approval, Channel, Notification, NotifyPolicy, Outbox, Preference, Status, Template

CHANNELS = ("inbox", "email", "sms", "wechat")


@dataclass(frozen=True)
class Address:
    """A recipient without an account (a voter who left a phone number). `key` names them in the
    idempotency key (e.g. "contact:12"); without it the number's hash does."""

    phone: str = ""
    email: str = ""
    openid: str = ""
    name: str = ""
    key: str = ""


@dataclass
class Sent:
    inbox: list[Notification] = field(default_factory=list)
    outbox: list[Outbox] = field(default_factory=list)


def default_channels() -> tuple[str, ...]:
    """Channels of the apps' `send()` calls: NOTIFY_DEFAULT_CHANNELS (default the inbox only)."""
    raw = conf("NOTIFY_DEFAULT_CHANNELS", "inbox")
    chosen = [c.strip() for c in str(raw).split(",") if c.strip() in CHANNELS]
    return tuple(dict.fromkeys(["inbox", *chosen]))


def policy_for(body) -> NotifyPolicy:
    return resolver.resolve(NotifyPolicy, body) if body is not None else NotifyPolicy()


def template_for(code: str, body) -> tuple[catalogue.Default, Template | None]:
    """The catalogue entry and the nearest body's own wording (the body, then the bodies above it)."""
    if code not in catalogue.CATALOGUE:
        raise Refused("notify_template_unknown", f"没有名为“{code}”的通知模板")
    default = catalogue.CATALOGUE[code]
    if body is None:
        return default, None
    ids = [int(p) for p in body.path.strip("/").split("/") if p] or [body.pk]
    rows = {t.body_id: t for t in Template.objects.filter(code=code, body_id__in=ids)}
    for pk in reversed(ids):
        if pk in rows:
            return default, rows[pk]
    return default, None


def check_context(default: catalogue.Default, context: dict) -> None:
    unknown = sorted(set(context) - set(default.variables))
    if unknown:
        raise Refused(
            "notify_variable_unknown",
            f"模板“{default.name}”没有变量 {'、'.join(unknown)}；可用变量：{'、'.join(default.variables)}",
        )


def quiet_until(now: datetime, pol: NotifyPolicy) -> datetime | None:
    """The end of the quiet hours if `now` falls in them (22:00–08:00 by default, across midnight)."""
    start, end = pol.quiet_start, pol.quiet_end
    if start == end:
        return None
    local = timezone.localtime(now)
    h = local.hour
    inside = (start <= h or h < end) if start > end else (start <= h < end)
    if not inside:
        return None
    day = local.date() if h < end else local.date() + timedelta(days=1)
    return timezone.make_aware(datetime(day.year, day.month, day.day, end))


def _who(r) -> str:
    if isinstance(r, Address):
        return r.key or "p" + hashlib.sha256((r.phone or r.email or r.openid).encode()).hexdigest()[:16]
    return f"u{r.pk}"


def _check_address(r: Address) -> Address:
    """An explicit address must be valid: refused, nothing written (the caller's transaction rolls back)."""
    phone = ""
    if r.phone:
        phone = normal_phone(r.phone)
        if not phone:
            raise Refused("notify_phone_invalid", f"手机号码“{r.phone}”格式不正确（应为 11 位大陆手机号）")
    if r.email:
        try:
            validate_email(r.email)
        except ValidationError:
            raise Refused("notify_email_invalid", f"电子邮箱“{r.email}”格式不正确") from None
    if not (phone or r.email or r.openid):
        raise Refused("notify_address_empty", "收件人没有手机号码、电子邮箱或微信 OpenID")
    return Address(phone=phone, email=r.email, openid=r.openid, name=r.name, key=r.key)


def _prefs(users: list) -> dict[int, Preference]:
    ids = [u.pk for u in users]
    return {p.user_id: p for p in Preference.objects.filter(user_id__in=ids)} if ids else {}


@transaction.atomic
def notify(
    recipients: Iterable,
    template: str,
    context: dict,
    *,
    channels: Sequence[str] = ("inbox",),
    event: str,
    urgent: bool = False,
    body=None,
    url: str = "",
    expires_at: datetime | None = None,
    keep_key: bool = True,
) -> Sent:
    """Tell `recipients` (users and `Address`es) about `event` with `template` filled from `context`.

    Users always get the inbox row; each requested channel gets an outbox row keyed (event, recipient,
    channel), so calling twice for the same event queues nothing new. WeChat and SMS form one chain:
    WeChat first when the user has an OpenID, SMS as its fallback. Refuses an unknown template or
    variable, and an explicit address with an invalid phone number or e-mail."""
    if not event or len(event) > 160:
        raise Refused("notify_event_invalid", "通知事件编号不能为空且不超过 160 个字符")
    unknown = [c for c in channels if c not in CHANNELS]
    if unknown:
        raise Refused("notify_channel_unknown", f"未知的通知渠道：{'、'.join(unknown)}")
    recipients = [r for r in dict.fromkeys(recipients) if r is not None]
    people = [r for r in recipients if not isinstance(r, Address)]
    addresses = [_check_address(r) for r in recipients if isinstance(r, Address)]
    now = timezone.now()
    if body is None and people and getattr(people[0], "body_id", None):
        body = people[0].body
    default, own = template_for(template, body)
    check_context(default, context)
    pol = policy_for(body)
    ctx = {k: str(v) for k, v in context.items()}
    title = catalogue.render(own.title if own else default.title, ctx)[:200]
    text = catalogue.render(own.text if own else default.text, ctx)
    sent = Sent()

    if people:
        rows = [
            Notification(
                user=u, title=title, body=text, url=url[:300], dedupe_key=event[:120] if keep_key else ""
            )
            for u in people
        ]
        Notification.objects.bulk_create(rows, ignore_conflicts=keep_key)
        sent.inbox = rows

    wanted = [c for c in channels if c != "inbox"]
    if not wanted:
        return sent
    sms_text = catalogue.render((own.sms_text if own and own.sms_text else default.sms), ctx) or title
    sms_ok = own is None or own.sms_approval == Approval.APPROVED
    sms_code = (own.sms_provider_code if own else "") or str(
        conf("NOTIFY_SMS_TEMPLATE_" + template.upper(), "")
    )
    wx_tpl = (own.wechat_template_id if own else "") or str(
        conf("NOTIFY_WECHAT_TEMPLATE_" + template.upper(), "")
    )
    wx_data = wechat_fields(
        default.wechat_fields, [title, timezone.localtime(now).strftime("%Y-%m-%d %H:%M")]
    )
    base = {
        "event": event,
        "body": body,
        "template": template,
        "urgent": urgent,
        "url": url[:300],
        "expires_at": expires_at or now + timedelta(hours=pol.expire_hours),
    }
    prefs = _prefs(people)
    out: list[Outbox] = []

    def row(who: str, channel: str, address: str, **kw) -> Outbox:
        return Outbox(
            key=f"{event}:{who}:{channel}",
            channel=channel,
            address=address,
            address_hash=lookup_hash(address) or "",
            next_attempt_at=now,
            **base,
            **kw,
        )

    def sms_row(who: str, phone: str) -> Outbox:
        r = row(who, Channel.SMS, phone, text=sms_text, provider_template=sms_code, params=ctx)
        if not sms_ok:
            r.status, r.last_error = Status.SKIPPED, "短信模板未通过服务商审核，未发送（站内通知已送达）"
        return r

    for r in [*people, *addresses]:
        who, n0 = _who(r), len(out)
        if isinstance(r, Address):
            phone, email, openid, p = r.phone, r.email, r.openid, None
        else:
            p = prefs.get(r.pk)
            phone = (p.phone if p and p.phone else getattr(r, "phone", "")) or ""
            email = (p.email if p and p.email else r.email) or ""
            openid = p.wechat_openid if p else ""
        if "email" in wanted and email and (p is None or p.email_on):
            try:
                validate_email(email)
                out.append(row(who, Channel.EMAIL, email, subject=title, text=text))
            except ValidationError:
                bad = row(who, Channel.EMAIL, email[:254], subject=title, text=text)
                bad.status, bad.last_error = Status.SKIPPED, "电子邮箱格式不正确，未发送"
                out.append(bad)
        want_wx = "wechat" in wanted and openid and wx_tpl and (p is None or p.wechat_on)
        want_sms = "sms" in wanted and phone and (p is None or p.sms_on)
        good_phone = normal_phone(phone) if want_sms else None
        if want_sms and not good_phone:
            bad = row(who, Channel.SMS, phone[:254], text=sms_text)
            bad.status, bad.last_error = Status.SKIPPED, "手机号码格式不正确，未发送"
            out.append(bad)
        if want_wx:
            wx = row(who, Channel.WECHAT, openid, subject=title, provider_template=wx_tpl, params=wx_data)
            if good_phone and sms_ok:  # kept ready: queued only if WeChat fails for good
                # no number in it: the phone is looked up again (encrypted at rest) if the fallback is needed
                wx.fallback = [{"key": f"{event}:{who}:sms", "text": sms_text}]
            out.append(wx)
        elif good_phone:
            out.append(sms_row(who, good_phone))
        if not isinstance(r, Address):
            for o in out[n0:]:
                o.user = r

    _limit_sms([o for o in out if o.channel == Channel.SMS and o.status == Status.QUEUED], pol, now, urgent)
    if not urgent:
        later = quiet_until(now, pol)
        if later:
            for o in out:
                if o.channel in (Channel.SMS, Channel.WECHAT) and o.status == Status.QUEUED:
                    o.next_attempt_at = max(o.next_attempt_at, later)
    if out:
        Outbox.objects.bulk_create(out, ignore_conflicts=True, batch_size=500)
    sent.outbox = out
    return sent


def _limit_sms(rows: list[Outbox], pol: NotifyPolicy, now: datetime, urgent: bool) -> None:
    """Per-number limits (policy): over the daily cap → skipped (the inbox has it); within the interval of
    the previous SMS → postponed to the end of the interval. Urgent messages skip the interval, not the cap."""
    if not rows:
        return
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(now), datetime.min.time()))
    stats: dict[str, dict] = {}
    hashes = sorted({r.address_hash for r in rows})
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        for s in (
            Outbox.objects.filter(
                channel=Channel.SMS, address_hash__in=chunk, created_at__gte=now - timedelta(days=1)
            )
            .exclude(status=Status.SKIPPED)
            .values("address_hash")
            .annotate(last=Max("next_attempt_at"), today=Count("id", filter=Q(created_at__gte=midnight)))
        ):
            stats[s["address_hash"]] = s
    gap = timedelta(minutes=pol.sms_interval_minutes)
    for r in rows:
        s = stats.setdefault(r.address_hash, {"last": None, "today": 0})
        if s["today"] >= pol.sms_daily_cap:
            r.status = Status.SKIPPED
            r.last_error = f"超过每人每日短信上限 {pol.sms_daily_cap} 条，未发送（站内通知已送达）"
            continue
        if not urgent and s["last"] is not None and s["last"] + gap > r.next_attempt_at:
            r.next_attempt_at = s["last"] + gap
        s["today"] += 1
        s["last"] = max(s["last"] or r.next_attempt_at, r.next_attempt_at)


__all__ = ["WECHAT_FIELD_MAX", "Address", "Sent", "notify"]
