"""A voter's personal data in the messages: how long it is kept, and a voter's own request (issue 21;
domain.md §7.2, 个人信息保护法 Art. 19 "the shortest time necessary", Art. 45 access, Art. 47 deletion).

Retention is data (RETENTION, overridable per deployment with the RENDA_RETENTION_DAYS setting): once a
message has ended, each kind of personal data is cleared when its period has run, by a daily task.
A voter who asks — by tracking code or by phone number, in person or by phone — gets from staff a copy of
what is held (export) or its deletion (erase). Rows are never deleted (house rule 3): the personal fields
are cleared and the message keeps its category, dates and replies for the statistics. Each step is audited.
"""

import json
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core import audit, crypto
from renda.core.errors import Refused
from renda.core.permissions import require_role, scope
from renda.core.roles import Role

from . import codes
from .choices import Status

ENDED = (Status.CLOSED, Status.NOT_ACCEPTED, Status.CONVERTED, Status.HOTLINE, Status.RATED)
ERASED_TEXT = "（应本人要求已删除）"


@dataclass(frozen=True)
class Retention:
    field: str
    label: str
    days: int
    why: str


# Days after a message has ended (closed, not accepted, converted, sent to 12345).
RETENTION = (
    Retention("phone", "联系电话", 365, "答复和回访后一年内可能再联系来信人；此后不再需要（个保法第十九条）"),
    Retention("voter_name", "称呼", 3 * 365, "三年内的办理档案需要来信人称呼；此后仅保留事项本身"),
    Retention("place", "地点", 3 * 365, "地点可能指向住址；三年后清除"),
    Retention("photos", "照片", 3 * 365, "照片可能含人脸、门牌；三年后删除文件"),
)


def retention() -> list[Retention]:
    override = getattr(settings, "RENDA_RETENTION_DAYS", {}) or {}
    return [Retention(r.field, r.label, int(override.get(r.field, r.days)), r.why) for r in RETENTION]


def phone_digest(phone: str) -> str:
    digits = "".join(ch for ch in (phone or "") if ch.isdigit())
    return crypto.lookup_hash(digits) or "" if digits else ""


def _ended_before(cutoff) -> Q:
    return Q(status__in=ENDED) & (
        Q(closed_at__lt=cutoff)
        | Q(closed_at__isnull=True, replied_at__lt=cutoff)
        | Q(closed_at__isnull=True, replied_at__isnull=True, received_at__lt=cutoff)
    )


def clear_expired(*, now=None, batch: int = 500) -> dict[str, int]:
    """Clear every kind of personal data past its period; safe to run twice (cleared rows are skipped)."""
    from .models import Message, Photo

    now = now or timezone.now()
    cleared: dict[str, int] = {}
    for rule in retention():
        cutoff = now - timedelta(days=rule.days)
        if rule.field == "photos":
            photos = Photo.objects.filter(message__in=Message.objects.filter(_ended_before(cutoff)))
            cleared["photos"] = _delete_photos(photos)
            continue
        qs = Message.objects.filter(_ended_before(cutoff)).exclude(**{rule.field: ""})
        done = 0
        while ids := list(qs.values_list("pk", flat=True)[:batch]):
            with transaction.atomic():
                changes = {rule.field: ""}
                if rule.field == "phone":
                    changes["phone_hash"] = ""
                Message.objects.filter(pk__in=ids).update(**changes)
                audit.record(
                    "contact.retention_clear",
                    object_type="contact.message",
                    object_id=f"{ids[0]}-{ids[-1]}"[:40],
                    summary={"field": rule.field, "messages": len(ids)},
                )
            done += len(ids)
        cleared[rule.field] = done
    return cleared


def _delete_photos(photos: QuerySet) -> int:
    n = 0
    for photo in photos.iterator():
        with transaction.atomic():
            for name in ("file",):
                f = getattr(photo, name, None)
                if f:
                    f.delete(save=False)
            photo.delete()
            n += 1
    return n


# --- a voter's request -----------------------------------------------------------------------------------


def find(user, *, code: str = "", phone: str = "") -> QuerySet:
    """The messages a voter's code or phone number identifies, within the staff member's scope."""
    from .models import Message

    require_role(user, {Role.STAFF}, action="处理个人信息请求")
    code = codes.normalise(code)
    digest = phone_digest(phone)
    if not code and not digest:
        raise Refused("privacy_key_required", "请填写来信人的查询码，或其留下的手机号码")
    if phone and len("".join(ch for ch in phone if ch.isdigit())) < 7:
        raise Refused("privacy_phone_invalid", "手机号码不完整：请填写完整号码")
    match = Q(pk__in=[])
    if code:
        match |= Q(code_hash=codes.digest(code))
    if digest:
        match |= Q(phone_hash=digest)
    return scope(Message.objects.filter(match), user).order_by("received_at")


def export(user, messages: QuerySet) -> bytes:
    """Everything held about the voter in these messages, as JSON (个保法第四十五条), audited."""
    items = []
    for m in messages.prefetch_related("replies", "events", "photos"):
        items.append(
            {
                "编号": m.pk,
                "收到时间": m.received_at.isoformat(),
                "状态": m.get_status_display(),
                "类别": m.get_category_display(),
                "标题": m.title,
                "内容": m.content,
                "地点": m.place,
                "称呼": m.voter_name,
                "联系电话": m.phone,
                "同意隐私说明时间": m.consent_at.isoformat() if m.consent_at else "",
                "评价": m.get_rating_display() if m.rating else "",
                "评价意见": m.rating_note,
                "答复": [
                    {"答复人": r.author_label, "时间": r.at.isoformat(), "内容": r.text}
                    for r in m.replies.all()
                ],
                "照片": len(m.photos.all()),
            }
        )
    if not items:
        raise Refused("privacy_nothing_found", "没有找到与该查询码或手机号码对应的留言")
    audit.record(
        "contact.privacy_export",
        by=user,
        object_type="contact.message",
        object_id=",".join(str(i["编号"]) for i in items)[:40],
        summary={"messages": len(items)},
    )
    data = {
        "导出时间": timezone.now().isoformat(),
        "说明": "本文件为您在本平台留下的个人信息及留言办理记录",
        "留言": items,
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def erase(user, messages: QuerySet, *, reason: str) -> int:
    """Clear the voter's personal data and the text they wrote (个保法第四十七条); rows, categories, dates
    and the units' replies stay for the statistics. Refused for a message still being handled."""
    from .models import Message

    reason = (reason or "").strip()
    if not reason:
        raise Refused("privacy_reason_required", "请注明删除依据（如：来信人本人于某日电话申请）")
    ids = list(messages.values_list("pk", flat=True))
    if not ids:
        raise Refused("privacy_nothing_found", "没有找到与该查询码或手机号码对应的留言")
    with transaction.atomic():
        rows = list(Message.objects.select_for_update().filter(pk__in=ids))
        open_ones = [m.pk for m in rows if m.status not in ENDED]
        if open_ones:
            raise Refused(
                "privacy_message_open",
                f"第 {', '.join(map(str, open_ones))} 号留言尚在办理中：请先办结或告知来信人，办结后再删除",
            )
        for m in rows:
            m.phone = ""
            m.voter_name = ""
            m.place = ""
            m.title = ERASED_TEXT
            m.content = ERASED_TEXT
            m.rating_note = ""
            m.save(update_fields=["phone", "voter_name", "place", "title", "content", "rating_note"])
            _delete_photos(m.photos.all())
            m.events.create(
                at=timezone.now(),
                action="privacy_erase",
                label="应来信人要求删除个人信息",
                actor=user,
                actor_name=str(user),
                note=reason[:500],
                status_after=m.status,
            )
        audit.record(
            "contact.privacy_erase",
            by=user,
            object_type="contact.message",
            object_id=",".join(map(str, ids))[:40],
            summary={"messages": len(ids)},
        )
    return len(ids)
