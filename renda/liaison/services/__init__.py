"""Every write of the liaison app, one module per practice; callers write `services.record_contact(...)`."""

from .common import policy_for
from .links import link, link_deputies, link_many, record_contact, unlink
from .officers import add_report, appoint
from .official_meetings import arrange, close, decline, hold, request, withdraw
from .plans import add_activity, close_plan, create_plan, notify, notify_due, record_outcome
from .research import create_topic
from .settings import save_policy
from .sittings import (
    add_speech,
    create_sitting,
    invite_in_rotation,
    meeting_of,
    record_attendance,
    reply,
    rotation,
    sign_ins,
)
from .stations import check, ensure_standard, save_profile
from .training import add_material, create_course, invite, register_attendance, sign_in

__all__ = [
    "add_activity",
    "add_material",
    "add_report",
    "add_speech",
    "appoint",
    "arrange",
    "check",
    "close",
    "close_plan",
    "create_course",
    "create_plan",
    "create_sitting",
    "create_topic",
    "decline",
    "ensure_standard",
    "hold",
    "invite",
    "invite_in_rotation",
    "link",
    "link_deputies",
    "link_many",
    "meeting_of",
    "notify",
    "notify_due",
    "policy_for",
    "record_attendance",
    "record_contact",
    "record_outcome",
    "register_attendance",
    "reply",
    "request",
    "rotation",
    "save_policy",
    "save_profile",
    "sign_in",
    "sign_ins",
    "unlink",
    "withdraw",
]
