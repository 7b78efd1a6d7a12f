"""Who may do what, and which rows they may see (data scope). Checked in services, filtered in selectors."""

from collections.abc import Iterable

from django.db.models import QuerySet

from .errors import NotPermitted
from .models import Body
from .queries import one_or_none
from .roles import ADMIN_ROLES, UNIT_ROLES, Role


def has_role(user, *roles: Role) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in roles


def require_role(user, roles: Iterable[Role], *, action: str = "") -> None:
    """Raise NotPermitted unless the user holds one of `roles`."""
    if not has_role(user, *roles):
        raise NotPermitted("role_not_allowed", f"当前角色无权执行此操作{('：' + action) if action else ''}")


def is_business_user(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role not in ADMIN_ROLES


def require_business(user) -> None:
    """The three admin roles manage the system, never its business data (等保 2.0 三员分立)."""
    if not is_business_user(user):
        raise NotPermitted("admin_reads_no_business_data", "系统、安全和审计管理员不能查看业务数据")


def bodies_in_scope(user) -> QuerySet[Body]:
    """The user's own body and every body below it; nothing for admins and unit users."""
    if not is_business_user(user) or user.role in UNIT_ROLES:
        return Body.objects.none()
    return Body.objects.filter(path__startswith=user.body.scope_path)


def body_in_scope(user, body: Body) -> bool:
    return (
        is_business_user(user) and user.role not in UNIT_ROLES and body.path.startswith(user.body.scope_path)
    )


def scope(qs: QuerySet, user, *, body_field: str | None = "body", unit_field: str | None = None) -> QuerySet:
    """Filter `qs` to what `user` may see.

    Body users see rows whose `body_field` lies in their subtree; unit users see rows whose
    `unit_field` is their unit (and nothing when the rows have no unit); admins see nothing.
    """
    if not is_business_user(user):
        return qs.none()
    if user.role in UNIT_ROLES:
        if unit_field is None:
            return qs.none()
        return (
            qs.filter(**{unit_field: user.unit_id}).distinct()
            if "__" in unit_field
            else qs.filter(**{unit_field: user.unit_id})
        )
    if body_field is None:
        return qs.none()
    return qs.filter(**{f"{body_field}__path__startswith": user.body.scope_path})


def get_in_scope(qs: QuerySet, user, pk, **scope_kwargs):
    """One row by pk within scope; not found and not yours both raise Http404."""
    from django.http import Http404

    obj = one_or_none(scope(qs, user, **scope_kwargs).filter(pk=pk))
    if obj is None:
        raise Http404("记录不存在或无权查看")
    return obj
