"""Tables of the liaison app, one module per practice."""

from .links import MemberContact, MemberLink
from .officers import LiaisonOfficer, OfficerReport
from .official_meetings import OfficialMeeting
from .plans import ActivityPlan, PlannedActivity
from .policy import LiaisonPolicy
from .research import ResearchActivity, ResearchReport, ResearchTopic
from .sittings import Sitting, SittingInvitation, SittingSpeech
from .stations import ItemKind, StandardItem, StationCheck, StationProfile
from .training import Course, CourseInvitation, CourseMaterial

__all__ = [
    "ActivityPlan",
    "Course",
    "CourseInvitation",
    "CourseMaterial",
    "ItemKind",
    "LiaisonOfficer",
    "LiaisonPolicy",
    "MemberContact",
    "MemberLink",
    "OfficerReport",
    "OfficialMeeting",
    "PlannedActivity",
    "ResearchActivity",
    "ResearchReport",
    "ResearchTopic",
    "Sitting",
    "SittingInvitation",
    "SittingSpeech",
    "StandardItem",
    "StationCheck",
    "StationProfile",
]
