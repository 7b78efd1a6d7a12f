"""Every write of duty performance. Views, the API, tasks, other modules' signals and the demo call these."""

from .leave import decide_leave, half_day_choices, request_leave
from .points import publish, set_portal, update_rules
from .records import (
    add_award,
    approve_many,
    change_participants,
    create_activity,
    declare,
    record_attendance,
    record_automatic,
    resubmit,
    review,
)
from .reports_to_voters import (
    enter_paper,
    invite,
    plan_meeting,
    publish_result,
    take_attendance,
    tally,
    vote_by_phone,
)
from .setup import duty_type, ensure_types, policy_for, ruleset_for, rulesets_for, save_duty_type
from .triggers import check_art62, confirm_art62, decide_trigger, evaluate_all, evaluate_year, save_talk

__all__ = [
    "add_award",
    "approve_many",
    "change_participants",
    "check_art62",
    "confirm_art62",
    "create_activity",
    "decide_leave",
    "decide_trigger",
    "declare",
    "duty_type",
    "ensure_types",
    "enter_paper",
    "evaluate_all",
    "evaluate_year",
    "half_day_choices",
    "invite",
    "plan_meeting",
    "policy_for",
    "publish",
    "publish_result",
    "record_attendance",
    "record_automatic",
    "request_leave",
    "resubmit",
    "review",
    "ruleset_for",
    "rulesets_for",
    "save_duty_type",
    "save_talk",
    "set_portal",
    "take_attendance",
    "tally",
    "update_rules",
    "vote_by_phone",
]
