"""Who may act on a suggestion beyond their role: the lead deputy, a co-signer, a unit with a live assignment.

Services call the `require_*` functions. `can_read_reply` filters the replies for the item's page, the reply
download and the API alike; which items a user sees at all is `selectors.items_for`.
"""

from renda.core.errors import NotPermitted
from renda.core.permissions import body_in_scope
from renda.core.roles import UNIT_ROLES, Role

from .models import Assignment, AssignmentStatus, CoSigner, ReplyStatus, Suggestion


def is_lead(user, item: Suggestion) -> bool:
    return user.role == Role.DEPUTY and item.lead.person.user_id == user.pk


def cosigner_row(user, item: Suggestion) -> CoSigner | None:
    if user.role != Role.DEPUTY:
        return None
    return item.cosigners.filter(mandate__person__user=user).select_related("mandate").first()


def assignment_for(user, item: Suggestion) -> Assignment | None:
    """The user's unit's live part in this item, if any."""
    if user.role not in UNIT_ROLES:
        return None
    return item.assignments.exclude(status=AssignmentStatus.RETURNED).filter(unit_id=user.unit_id).first()


def in_body_scope(user, item: Suggestion) -> bool:
    return user.role in (Role.STAFF, Role.LEADER) and body_in_scope(user, item.body)


def require_lead(user, item: Suggestion) -> None:
    if not (is_lead(user, item) or in_body_scope(user, item)):
        raise NotPermitted("not_lead_deputy", "只有领衔代表（或代为录入的工作人员）可以操作")


def require_body_scope(user, item: Suggestion) -> None:
    if not in_body_scope(user, item):
        raise NotPermitted("out_of_scope", "该件不在您的工作范围内")


def require_cosigner(user, item: Suggestion, *, confirmed: bool = False) -> CoSigner:
    """The user's co-signer row; with `confirmed`, only one who confirmed and has not withdrawn support."""
    row = cosigner_row(user, item)
    if row is None or (confirmed and (not row.confirmed_at or row.declined_at)):
        raise NotPermitted("not_cosigner", "您不是该件的附议代表")
    return row


def require_assignment(user, item: Suggestion) -> Assignment:
    a = assignment_for(user, item)
    if a is None:
        raise NotPermitted("not_assigned", "该件未交办给您的单位")
    return a


def can_read_reply(user, item: Suggestion, reply) -> bool:
    """A sent reply: everyone who may see the item; a draft: its own unit and the staff of the item's body."""
    return (
        reply.status == ReplyStatus.SENT
        or reply.unit_id == getattr(user, "unit_id", None)
        or in_body_scope(user, item)
    )
