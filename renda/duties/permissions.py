"""Who may: staff of the mandate's body (or a body above it) manage duty records; leaders read; a deputy
registers, declares and asks for leave for their own mandates only."""

from renda.core.errors import NotPermitted
from renda.core.permissions import body_in_scope, has_role
from renda.core.roles import Role


def is_own(user, mandate) -> bool:
    return has_role(user, Role.DEPUTY) and mandate.person.user_id == user.pk


def can_manage(user, body) -> bool:
    return has_role(user, Role.STAFF) and body_in_scope(user, body)


def require_manage(user, body, *, action: str = "") -> None:
    if not can_manage(user, body):
        raise NotPermitted(
            "duties_not_permitted", f"无权管理{body}代表的履职{('：' + action) if action else ''}"
        )


def can_read(user) -> bool:
    return has_role(user, Role.STAFF, Role.LEADER)


def require_read(user) -> None:
    if not can_read(user):
        raise NotPermitted("duties_staff_only", "仅限人大机关工作人员和领导查看")


def require_own(user, mandate, *, action: str = "") -> None:
    if not is_own(user, mandate):
        raise NotPermitted("not_your_mandate", f"只能为本人{action or '办理'}")
