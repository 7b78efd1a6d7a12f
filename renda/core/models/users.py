from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from ..roles import UNIT_ROLES, Role
from .bodies import Body, Unit


class User(AbstractUser):
    """An account. It belongs to exactly one body, or (for unit roles) exactly one unit."""

    full_name = models.CharField("姓名", max_length=40)
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    body = models.ForeignKey(
        Body, models.PROTECT, null=True, blank=True, related_name="users", verbose_name="所属机关"
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="users", verbose_name="所属单位"
    )
    phone = models.CharField("手机", max_length=20, blank=True)
    is_demo = models.BooleanField("演示账号", default=False)

    REQUIRED_FIELDS = ["full_name", "role"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(r.value for r in UNIT_ROLES), unit__isnull=False, body__isnull=True)
                    | (
                        ~Q(role__in=sorted(r.value for r in UNIT_ROLES))
                        & Q(body__isnull=False, unit__isnull=True)
                    )
                ),
                name="user_in_one_body_or_unit",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role else ""

    @property
    def home_body(self) -> Body:
        """The body whose tree bounds this user's data scope (a unit user: the unit's body)."""
        return self.body if self.body_id else self.unit.body

    @property
    def org_name(self) -> str:
        return str(self.body or self.unit or "")
