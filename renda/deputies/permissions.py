"""Who may manage the registry: staff of the body the mandate sits in, or of a body above it."""

from renda.core.errors import NotPermitted
from renda.core.permissions import body_in_scope, has_role, is_business_user
from renda.core.roles import Role

MANAGERS = (Role.STAFF,)
READERS = (Role.STAFF, Role.LEADER)


def can_manage(user, body) -> bool:
    return has_role(user, *MANAGERS) and body_in_scope(user, body)


def require_manage(user, body, *, action: str = "") -> None:
    if not can_manage(user, body):
        raise NotPermitted(
            "deputies_not_permitted", f"无权管理{body}的代表{('：' + action) if action else ''}"
        )


def can_read_registry(user) -> bool:
    return is_business_user(user) and has_role(user, *READERS)


def require_read(user) -> None:
    if not can_read_registry(user):
        raise NotPermitted("deputies_registry_staff_only", "代表名册仅限人大机关工作人员和领导查看")
