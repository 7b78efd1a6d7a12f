"""The life cycle of a voter's message as one table (domain.md §2.1, §4). No database access.

received → accepted → forwarded → replied → rated → closed, with the side exits a station uses:
not accepted (with a reason), answered on the spot, converted into a deputy suggestion, handed to 12345,
and re-handling after 不满意 (up to policy.reopen_max rounds). `clock` names the ContactPolicy field that sets the next deadline.
The voter, holding the tracking code on the public page, takes the steps marked `public`.
"""

from django.db import models

from renda.core.errors import NotPermitted
from renda.core.workflow import PUBLIC, SYSTEM, Step, Workflow, user_role

from .choices import Status as S


class Actor(models.TextChoices):
    """The part a signed-in user plays in one message (permissions.actor_for)."""

    STAFF = "staff", "人大机关工作人员"
    KEEPER = "keeper", "联络站管理员"
    DEPUTY = "deputy", "代表"
    UNIT = "unit", "承办单位"


A = Actor
SCREENERS = frozenset({A.STAFF, A.KEEPER, A.DEPUTY})
HANDLERS = frozenset({A.STAFF, A.KEEPER})

STEPS: tuple[Step, ...] = (
    Step(
        "accept",
        "受理",
        frozenset({S.RECEIVED}),
        S.ACCEPTED,
        SCREENERS,
        "§4 register → sort; §2.3 online submissions accepted within 2 hours, type chosen",
        clock="forward_days",
    ),
    Step(
        "reject",
        "不予受理",
        frozenset({S.RECEIVED}),
        S.NOT_ACCEPTED,
        SCREENERS,
        "§2.1 Art. 11 other channels; §4 网上联络站 exclusions",
    ),
    Step(
        "answer",
        "当场答复",
        frozenset({S.RECEIVED, S.ACCEPTED}),
        S.REPLIED,
        SCREENERS,
        "§4 routing rule: answer on the spot if possible",
        clock="rate_days",
    ),
    Step(
        "forward",
        "转办",
        frozenset({S.ACCEPTED}),
        S.FORWARDED,
        HANDLERS,
        "§4 hand over to the responsible unit; §2.1 Art. 12–13, §2.3 deadline by type",
        # By the type chosen at acceptance: reply_emergency_hours / _utilities_hours / _ordinary_days / _complex_days.
        clock="reply_ordinary_days",
    ),
    Step(
        "convert",
        "转为代表建议",
        frozenset({S.ACCEPTED}),
        S.CONVERTED,
        frozenset({A.STAFF, A.DEPUTY}),
        "§4 routing rule: turned into a formal deputy suggestion",
    ),
    Step(
        "hotline",
        "转12345热线",
        frozenset({S.ACCEPTED}),
        S.HOTLINE,
        HANDLERS,
        "§2.3 deputies and stations feed items into 12345",
    ),
    Step(
        "return",
        "退回重新分办",
        frozenset({S.FORWARDED}),
        S.ACCEPTED,
        frozenset({A.UNIT}),
        "§2.1 Art. 12 派单异议 (退单)",
        clock="forward_days",
    ),
    Step(
        "reply",
        "承办单位答复",
        frozenset({S.FORWARDED, S.REOPENED}),
        S.REPLIED,
        frozenset({A.UNIT}),
        "§2.1 Art. 15 report the result within the deadline",
        clock="rate_days",
    ),
    Step(
        "rate",
        "选民评价",
        frozenset({S.REPLIED}),
        S.RATED,
        frozenset({A.STAFF, A.KEEPER}),
        "§2.1 Art. 8, 23 right to rate; call-back (回访)",
        public=True,
    ),
    Step(
        "reopen",
        "不满意重新办理",
        frozenset({S.RATED}),
        S.REOPENED,
        frozenset({A.STAFF, A.KEEPER}),
        "§4 re-handle if dissatisfied, until at least 基本满意 (policy.reopen_max rounds)",
        clock="reply_ordinary_days",
        public=True,
        follows="rate",
    ),
    Step(
        "close",
        "办结",
        frozenset({S.RATED, S.REPLIED, S.CONVERTED, S.HOTLINE}),
        S.CLOSED,
        frozenset({A.STAFF, A.KEEPER, SYSTEM}),
        "§4 feed back → archive",
    ),
)
TERMINAL = frozenset({S.NOT_ACCEPTED, S.CLOSED})


def acting_as(message, by) -> str:
    """The part `by` plays: the voter with the code (no account), the daily task, or the capacity
    permissions.actor_for gives; a signed-in user with no part in the message is refused."""
    if by is None:
        return PUBLIC
    role = user_role(message, by)
    if role in (PUBLIC, SYSTEM):
        return role
    from .permissions import actor_for

    actor = actor_for(by, message)
    if actor is None:
        raise NotPermitted("contact_not_in_scope", "无权办理这条留言")
    return actor


MESSAGE = Workflow(
    "contact",
    STEPS,
    states=S,
    initial=frozenset({S.RECEIVED}),
    terminal=TERMINAL,
    roles=Actor,
    field="status",
    noun="留言",
    policy="contact.ContactPolicy",
    role_of=acting_as,
)
step, require, allowed = MESSAGE.step, MESSAGE.require, MESSAGE.allowed
