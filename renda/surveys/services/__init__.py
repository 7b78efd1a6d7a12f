"""Writes for questionnaires (docs/surveys.md), split by responsibility: `builder` (settings, audience,
publishing, versions, sections, questions), `answers` (online, public, paper), `sealing` (closing, sealing
anonymous answers, publishing results). Callers keep writing `services.<verb>(…)`."""

from .answers import answer, answer_public, device_hash, enter_paper, new_device_token
from .builder import (
    QuestionIn,
    Settings,
    add_question,
    add_section,
    audience_users,
    create_survey,
    delete_question,
    move_question,
    new_version,
    publish,
    set_invitees,
    set_question_published,
    update_settings,
)
from .common import DEVICE_SALT, SCALE_LABELS, SCALES, STAFF, require_editable
from .sealing import close, seal, seal_closed, set_results_public

__all__ = [
    "DEVICE_SALT",
    "SCALES",
    "SCALE_LABELS",
    "STAFF",
    "QuestionIn",
    "Settings",
    "add_question",
    "add_section",
    "answer",
    "answer_public",
    "audience_users",
    "close",
    "create_survey",
    "delete_question",
    "device_hash",
    "enter_paper",
    "move_question",
    "new_device_token",
    "new_version",
    "publish",
    "require_editable",
    "seal",
    "seal_closed",
    "set_invitees",
    "set_question_published",
    "set_results_public",
    "update_settings",
]
