"""Every write of the meetings app. Views, the API, tasks and the demo call these."""

from .changes import remove_attendee, reschedule
from .documents import add_document, open_for, watermarked_docx, watermarked_pdf
from .meetings import (
    add_attendees,
    add_item,
    approve_minutes,
    cancel,
    close_meeting,
    create_meeting,
    decide_leave,
    open_meeting,
    policy_for,
    record_duty_attendance,
    reply,
    save_minutes,
    send_notice,
    set_current_item,
    set_timer,
)
from .policy import save_policy
from .reminders import remind, remind_due
from .signin import door_code, sign_in_by_staff, sign_in_with_code

__all__ = [
    "add_attendees",
    "add_document",
    "add_item",
    "approve_minutes",
    "cancel",
    "close_meeting",
    "create_meeting",
    "decide_leave",
    "door_code",
    "open_for",
    "open_meeting",
    "policy_for",
    "record_duty_attendance",
    "remind",
    "remind_due",
    "remove_attendee",
    "reply",
    "reschedule",
    "save_minutes",
    "save_policy",
    "send_notice",
    "set_current_item",
    "set_timer",
    "sign_in_by_staff",
    "sign_in_with_code",
    "watermarked_docx",
    "watermarked_pdf",
]
