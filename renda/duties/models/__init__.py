from .records import Activity, Award, DutyRecord, LeaveRequest
from .reports import Evaluation, Invitee, ReportMeeting
from .rules import Band, Publication, PublishedScore, RecomputeRun, Requirement, RuleSet, TypePoints
from .triggers import TalkCase, Trigger
from .types import DutyPolicy, DutyType

__all__ = [
    "Activity",
    "Award",
    "Band",
    "DutyPolicy",
    "DutyRecord",
    "DutyType",
    "Evaluation",
    "Invitee",
    "LeaveRequest",
    "Publication",
    "PublishedScore",
    "RecomputeRun",
    "ReportMeeting",
    "Requirement",
    "RuleSet",
    "TalkCase",
    "Trigger",
    "TypePoints",
]
