from .messages import Message, MessageEvent, Photo, Reply
from .policy import ContactPolicy
from .reception import DutyAssignment, ReceptionDay

__all__ = [
    "ContactPolicy",
    "DutyAssignment",
    "Message",
    "MessageEvent",
    "Photo",
    "ReceptionDay",
    "Reply",
]
