from .audit import AuditArchive, AuditEntry
from .bodies import DEPUTY_BODY_KINDS, Body, BodyKind, Level, Unit, UnitKind
from .calendar import CalendarDay, DayKind
from .deadlines import Deadline
from .users import User

__all__ = [
    "DEPUTY_BODY_KINDS",
    "AuditArchive",
    "AuditEntry",
    "Body",
    "BodyKind",
    "CalendarDay",
    "DayKind",
    "Deadline",
    "Level",
    "Unit",
    "UnitKind",
    "User",
]
