from .audit import AuditEntry
from .bodies import Body, BodyKind, Level, Unit, UnitKind
from .calendar import CalendarDay, DayKind
from .deadlines import Deadline
from .users import User

__all__ = [
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
