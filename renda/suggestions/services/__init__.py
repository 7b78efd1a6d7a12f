"""Every write on suggestions, one function per business action, called alike by the pages, the API and the
tasks: the subject first, the rest keyword-only, the actor as `by=`."""

from .evaluation import cosigner_view, evaluate, lapse_feedback, remind_feedback
from .handling import (
    add_promise,
    complete_promise,
    decide_extension,
    give_opinion,
    record_contact,
    request_extension,
)
from .handover import (
    accept_assignment,
    add_unit,
    approve_return,
    hand_over,
    hand_over_many,
    refuse_return,
    request_return,
)
from .publication import publish, scrub, unpublish
from .reconsideration import decide_reconsideration, request_reconsideration, support_reconsideration
from .replies import approve_reply, cohandlers_owing, draft_reply, remind_cohandlers, replying, return_reply
from .screening import accept, not_accept, review_motion, to_letter
from .settings import save_policy
from .submission import (
    agree_withdraw,
    cosign,
    cosigners_unconfirmed,
    create_draft,
    decline_cosign,
    remind_cosigners,
    submit,
    update_draft,
    withdraw,
    withdraw_support,
)
from .supervision import close, record_escalation, supervise

__all__ = [
    "accept",
    "accept_assignment",
    "add_promise",
    "add_unit",
    "agree_withdraw",
    "approve_reply",
    "approve_return",
    "close",
    "cohandlers_owing",
    "complete_promise",
    "cosign",
    "cosigner_view",
    "cosigners_unconfirmed",
    "create_draft",
    "decide_extension",
    "decide_reconsideration",
    "decline_cosign",
    "draft_reply",
    "evaluate",
    "give_opinion",
    "hand_over",
    "hand_over_many",
    "lapse_feedback",
    "not_accept",
    "publish",
    "record_contact",
    "record_escalation",
    "refuse_return",
    "remind_cohandlers",
    "remind_cosigners",
    "remind_feedback",
    "replying",
    "request_extension",
    "request_reconsideration",
    "request_return",
    "return_reply",
    "review_motion",
    "save_policy",
    "scrub",
    "submit",
    "supervise",
    "support_reconsideration",
    "to_letter",
    "unpublish",
    "update_draft",
    "withdraw",
    "withdraw_support",
]
