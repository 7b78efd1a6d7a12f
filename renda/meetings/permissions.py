"""Who may: staff of the meeting's body (or a body above it) prepare it; leaders in scope chair it; the people
called to it read its agenda and the papers they are allowed to, reply to the notice and sign in."""

from renda.core.errors import NotPermitted
from renda.core.permissions import body_in_scope, has_role
from renda.core.roles import Role


def can_manage(user, meeting_or_body) -> bool:
    body = getattr(meeting_or_body, "body", meeting_or_body)
    return has_role(user, Role.STAFF) and body_in_scope(user, body)


def require_manage(user, meeting_or_body, *, action: str = "") -> None:
    if not can_manage(user, meeting_or_body):
        raise NotPermitted("meetings_not_permitted", f"无权筹备该会议{('：' + action) if action else ''}")


def can_chair(user, meeting) -> bool:
    return can_manage(user, meeting) or (has_role(user, Role.LEADER) and body_in_scope(user, meeting.body))


def require_chair(user, meeting, *, action: str = "") -> None:
    if not can_chair(user, meeting):
        raise NotPermitted("not_the_chair", f"只有会议主持人或工作人员可以{action or '操作'}")


def attendee(user, meeting):
    if not getattr(user, "is_authenticated", False):
        return None
    return meeting.attendees.filter(user=user).first()


def can_read(user, meeting) -> bool:
    return can_chair(user, meeting) or attendee(user, meeting) is not None


def can_read_document(user, document) -> bool:
    meeting = document.item.meeting
    if can_manage(user, meeting):
        return True
    if attendee(user, meeting) is None:
        return False
    return not document.readers.exists() or document.readers.filter(pk=user.pk).exists()
