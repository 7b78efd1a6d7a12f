"""The body's meeting rules (policy data, core.policy): saved by its staff, checked."""

from django.db import transaction

from renda.core import audit
from renda.core import policy as resolver
from renda.core.errors import Refused

from .. import permissions
from ..models import MeetingPolicy

POLICY_FIELDS = (
    "notice_days",
    "quorum_numerator",
    "quorum_denominator",
    "quorum_strict",
    "code_seconds",
    "reminder_hours",
    "document_max_mb",
    "pdf_download",
)


@transaction.atomic
def save_policy(body, *, by, **values) -> MeetingPolicy:
    """The body's meeting rules (staff of that body). Refused: an unknown field, a quorum fraction above one
    or with a zero denominator, a sign-in code turning over faster than every 10 seconds."""
    permissions.require_manage(by, body, action="修改会议参数")
    if by.body_id != body.pk:
        raise Refused("policy_other_body", "只能修改本机关的会议参数")
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise Refused("meeting_policy_field", f"未知的参数：{'、'.join(sorted(unknown))}")
    row = resolver.own_row(MeetingPolicy, body)
    before = {f: getattr(row, f) for f in POLICY_FIELDS}
    for f, v in values.items():
        setattr(row, f, v)
    if row.quorum_denominator < 1 or row.quorum_numerator > row.quorum_denominator:
        raise Refused("quorum_fraction_invalid", "法定人数比例须在0到1之间，分母不能为0")
    if row.code_seconds < 10:
        raise Refused("code_seconds_too_short", "签到码刷新间隔不能少于10秒")
    if not 1 <= row.document_max_mb <= 200:
        raise Refused("document_max_mb_range", "材料大小上限须在1至200MB之间")
    row.save()
    audit.record(
        "meeting.policy.save", row, by=by, before=before, after={f: getattr(row, f) for f in POLICY_FIELDS}
    )
    return row
