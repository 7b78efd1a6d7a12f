"""The one-line hooks other apps call: a voter's SMS at the changes of their message, a deputy's notice
over WeChat/SMS (with the inbox) when a suggestion is replied or a co-signing is asked, and the
announcements of meetings and deputies' activities (代表活动提前通知, issue 18)."""

from __future__ import annotations

from django.urls import reverse

from ..channels import conf, normal_phone
from .outbox import Address, Sent, notify

VOTER_STAGES = {"accept": "contact_accepted", "reply": "contact_replied", "close": "contact_closed"}


def site_url(path: str) -> str:
    """An absolute link for an SMS: NOTIFY_SITE_URL (the public address of the portal) + path."""
    base = str(conf("NOTIFY_SITE_URL", "")).rstrip("/")
    return base + path


def voter(message, stage: str) -> Sent | None:
    """SMS to the voter who left a phone number (contact message), in the step's transaction. A number
    that is not a mobile (a landline is allowed on the form) gets nothing: the status page has the change.
    The tracking code itself is never stored in clear, so the link is the tracking page, where the voter
    types the code they were given."""
    phone = normal_phone(getattr(message, "phone", "") or "")
    if not phone:
        return None
    context = {"title": message.title[:20], "link": site_url(reverse("contact_public:track"))}
    if stage == "reply":
        context["unit"] = str(message.unit or "承办单位")[:20]
    round_ = getattr(message, "reopen_count", 0)
    return notify(
        [Address(phone=phone, key=f"contact{message.pk}")],
        VOTER_STAGES[stage],
        context,
        channels=("sms",),
        event=f"contact:{message.pk}:{stage}:{round_}",
        body=message.body,
    )


def deputies(users, template: str, context: dict, *, event: str, url: str = "", body=None) -> Sent:
    """A deputy's notice: the inbox (always) and WeChat, else SMS."""
    return notify(
        [u for u in users if u is not None],
        template,
        context,
        channels=("inbox", "wechat", "sms"),
        event=event,
        url=url,
        body=body,
    )


def announce(users, template: str, context: dict, *, event: str, body, url: str = "") -> Sent:
    """A meeting's or a deputies' activity's announcement (代表活动提前通知): the inbox always, plus SMS
    and/or WeChat as the body's policy `announce_channels` says; each person's preferences (SMS or WeChat
    off, their own number) still apply inside notify(). `event` is the dedupe key: a second run for the
    same notice queues nothing."""
    from ..models import NotifyPolicy
    from .outbox import policy_for

    channels = NotifyPolicy.ANNOUNCE.get(policy_for(body).announce_channels, ("inbox",))
    return notify(
        [u for u in users if u is not None],
        template,
        context,
        channels=channels,
        event=event,
        url=url,
        body=body,
    )
