"""Who may do what in supervision: staff write, leaders read and decide, unit users answer their own items."""

from renda.core.permissions import require_business, require_role
from renda.core.roles import UNIT_ROLES, Role

READERS = {Role.STAFF, Role.LEADER, Role.DEPUTY, Role.UNIT_HANDLER, Role.UNIT_HEAD}


def require_read(user) -> None:
    require_business(user)
    require_role(user, READERS, action="查看监督工作")


def require_staff(user, action: str = "") -> None:
    require_role(user, {Role.STAFF}, action=action or "管理监督工作")


def is_unit(user) -> bool:
    return getattr(user, "role", None) in UNIT_ROLES


def can_write(user) -> bool:
    return getattr(user, "role", None) == Role.STAFF
