"""Tables of the supervision app (domain.md §5), split by sub-domain."""

from .appraisal import Appraisal, Appraisee, Criterion, GradeRule, RaterGroup, Score
from .budget import Event, Import, Line, Month, Rule, RuleSet, Warning
from .hearing import Hearing, Question
from .matter import Matter, MatterReport
from .opinions import FollowUp, Opinion
from .other import CaseReview, Filing, Milestone, Project
from .plan import ItemDocument, Plan, PlanItem
from .policy import SupervisionPolicy

__all__ = [
    "Appraisal",
    "Appraisee",
    "CaseReview",
    "Criterion",
    "Event",
    "Filing",
    "FollowUp",
    "GradeRule",
    "Hearing",
    "Import",
    "ItemDocument",
    "Line",
    "Matter",
    "MatterReport",
    "Milestone",
    "Month",
    "Opinion",
    "Plan",
    "PlanItem",
    "Project",
    "Question",
    "RaterGroup",
    "Rule",
    "RuleSet",
    "Score",
    "SupervisionPolicy",
    "Warning",
]
