"""Roles (design.md "Who uses it"). One role per account; a person with two jobs has two accounts."""

from django.db import models


class Role(models.TextChoices):
    STAFF = "staff", "人大机关工作人员"
    LEADER = "leader", "领导"
    DEPUTY = "deputy", "代表"
    UNIT_HANDLER = "unit_handler", "承办单位经办人"
    UNIT_HEAD = "unit_head", "承办单位负责人"
    STATION_KEEPER = "station_keeper", "联络站管理员"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


# 等保 2.0 separation of duties (domain.md §7.1): the three admins never read business data.
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
UNIT_ROLES = frozenset({Role.UNIT_HANDLER, Role.UNIT_HEAD})
BODY_ROLES = frozenset(set(Role) - UNIT_ROLES)
BUSINESS_ROLES = frozenset(set(Role) - ADMIN_ROLES)
# Who must sign in with a second factor (TOTP).
SECOND_FACTOR_ROLES = frozenset({Role.STAFF, Role.LEADER, *ADMIN_ROLES})
