"""Step 13: publish an item, its replies and its ratings to the portal through a privacy filter."""

import re

from django.db import transaction
from django.utils import timezone

from renda.core.errors import Refused

from .. import permissions, workflow
from ..models import Publication, ReplyStatus, State, Suggestion
from .common import lock, log

# Personal data that must never reach the portal (§1.3 step 13; PIPL §7.2): ID numbers, phone numbers, e-mail,
# and a private person's address introduced by the usual words.
_PATTERNS = [
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "[身份证号已隐去]"),
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "[电话已隐去]"),
    (re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)"), "[电话已隐去]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "[邮箱已隐去]"),
    (re.compile(r"((?:家住|住址[:：]?|家庭住址[:：]?|现住|居住在))[^，。；,;\n]{2,40}"), r"\1[住址已隐去]"),
]


def scrub(text: str) -> str:
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text or "")
    return text


def needs_scrub(text: str) -> bool:
    return scrub(text) != (text or "")


@transaction.atomic
def publish(item: Suggestion, *, by) -> Publication:
    """Refuses items the deputy marked unsuitable for publication (Henan Art. 29)."""
    lock(item)
    workflow.require(item, "publish", by)
    permissions.require_body_scope(by, item)
    if item.private:
        raise Refused("deputy_marked_private", "代表认为不宜公开，不能发布")
    deputies = [str(item.lead.person)] + [
        str(c.mandate.person)
        for c in item.cosigners.filter(confirmed_at__isnull=False, declined_at__isnull=True).select_related(
            "mandate__person"
        )
    ]
    replies = [
        {
            "unit": str(r.unit),
            "round": r.round,
            "class": r.get_reply_class_display(),
            "on": f"{r.sent_on:%Y-%m-%d}",
            "content": scrub(r.content),
        }
        for r in item.replies.filter(status=ReplyStatus.SENT).select_related("unit")
    ]
    ratings = [
        {
            "round": e.round,
            "unit": str(e.reply.unit),
            "attitude": e.get_attitude_display(),
            "result": e.get_result_display(),
        }
        for e in item.evaluations.select_related("reply__unit")
    ]
    units = "、".join(
        f"{a.unit}（{a.get_role_display()}）"
        for a in item.assignments.exclude(status="returned").select_related("unit")
    )
    values = {
        "body": item.body,
        "year": item.year,
        "number": item.number,
        "title": scrub(item.title),
        "deputies": "、".join(deputies)[:300],
        "facts": scrub(item.facts),
        "proposals": scrub(item.proposals),
        "units": units[:300],
        "replies": replies,
        "ratings": ratings,
        "state_label": State(item.state).label,
        "published_at": timezone.now(),
        "by": by,
        "withdrawn": False,
    }
    values["search_text"] = " ".join(
        [
            values["title"],
            values["deputies"],
            values["facts"],
            values["proposals"],
            units,
            *[r["content"] for r in replies],
        ]
    )
    pub, _ = Publication.objects.update_or_create(suggestion=item, defaults=values)
    item.published_at = pub.published_at
    item.save(update_fields=["published_at", "updated_at"])
    log(item, "publish", "公开到门户（已过滤个人信息）", by=by)
    return pub


@transaction.atomic
def unpublish(item: Suggestion, *, by, reason: str) -> None:
    lock(item)
    permissions.require_body_scope(by, item)
    Publication.objects.filter(suggestion=item).update(withdrawn=True)
    item.published_at = None
    item.save(update_fields=["published_at", "updated_at"])
    log(item, "unpublish", "撤下公开", by=by, note=reason)
