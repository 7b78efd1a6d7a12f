"""Tables of the meetings app."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Position(models.TextChoices):
    CHAIR = "chair", "主任"
    VICE_CHAIR = "vice_chair", "副主任"
    SECRETARY_GENERAL = "secretary_general", "秘书长"
    MEMBER = "member", "委员"


class Membership(models.Model):
    """A seat in a body that meets and votes (常委会组成人员, 主任会议, 主席团): who may vote there, and
    from when to when. Supervision's satisfaction votes, liaison's member-deputy links and the meetings'
    electorate all read it through `selectors.members_of`."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="memberships", verbose_name="机关")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="memberships", verbose_name="组成人员"
    )
    position = models.CharField("职务", max_length=20, choices=Position.choices, default=Position.MEMBER)
    voting = models.BooleanField("有表决权", default=True)
    start_date = models.DateField("任职起始")
    end_date = models.DateField("任职终止", null=True, blank=True)

    class Meta:
        verbose_name = "组成人员"
        verbose_name_plural = "组成人员"
        ordering = ["body", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "user", "start_date"], name="membership_once"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_position_display()}"
