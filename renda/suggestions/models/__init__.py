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
    ReconsiderationOutcome,
    ReconsiderationStatus,
    ReplyClass,
    ReplyStatus,
    State,
    UnitRole,
)
from .handling import Contact, Escalation, Evaluation, Extension, Promise, Reply
from .items import OPEN_STATES, Assignment, CoSigner, Suggestion, TimelineEntry
from .motions import Reconsideration, ReconsiderationSupport
from .policy import Policy
from .supervision import Publication, Supervision

__all__ = [
    "OPEN_STATES", "Assignment", "AssignmentStatus", "CoSigner", "Contact", "ContactForm", "ContactStage", "DueState",
    "Escalation", "EscalationKind", "Evaluation", "Extension", "ExtensionStatus", "Kind", "MotionDecision",
    "NonAcceptance", "Period", "Policy", "Promise", "Publication", "Rating", "Reconsideration",
    "ReconsiderationOutcome", "ReconsiderationStatus", "ReconsiderationSupport", "Reply", "ReplyClass", "ReplyStatus",
    "State", "Suggestion", "Supervision", "TimelineEntry", "UnitRole",
]
