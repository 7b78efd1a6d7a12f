"""Every write of the contact app. Callers write `services.forward(...)`."""

from .handling import (
    accept,
    answer,
    close,
    convert,
    forward,
    hand_to_hotline,
    rate,
    reject,
    reply,
    return_to_staff,
)
from .intake import Draft, register, submit
from .reception import (
    cancel_reception,
    confirm_duty,
    decline_duty,
    mark_served,
    plan_reception,
    publish_reception,
)
from .reminders import close_finished, scan_deadlines
from .settings import save_policy

__all__ = [
    "Draft",
    "accept",
    "answer",
    "cancel_reception",
    "close",
    "close_finished",
    "confirm_duty",
    "convert",
    "decline_duty",
    "forward",
    "hand_to_hotline",
    "mark_served",
    "plan_reception",
    "publish_reception",
    "rate",
    "register",
    "reject",
    "reply",
    "return_to_staff",
    "save_policy",
    "scan_deadlines",
    "submit",
]
