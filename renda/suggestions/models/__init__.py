from .choices import (
    AssignmentStatus,
    ContactForm,
    ContactStage,
    DueState,
    EscalationKind,
    ExtensionStatus,
    Kind,
    MotionDecision,
    NonAcceptance,
    Period,
    Rating,
    ReplyClass,
    ReplyStatus,
    State,
    UnitRole,
)
from .handling import Contact, Escalation, Evaluation, Extension, Promise, Reply
from .items import OPEN_STATES, Assignment, CoSigner, Suggestion, TimelineEntry
from .policy import Policy
from .supervision import Publication, Supervision

__all__ = [
    "OPEN_STATES", "Assignment", "AssignmentStatus", "CoSigner", "Contact", "ContactForm", "ContactStage", "DueState",
    "Escalation", "EscalationKind", "Evaluation", "Extension", "ExtensionStatus", "Kind", "MotionDecision",
    "NonAcceptance", "Period", "Policy", "Promise", "Publication", "Rating", "Reply", "ReplyClass", "ReplyStatus",
    "State", "Suggestion", "Supervision", "TimelineEntry", "UnitRole",
]
