"""常委会组成人员联系代表 (seeds 002): a member linked to deputies, and the contacts they record."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import ContactKind


class MemberLink(models.Model):
    """One standing-committee member linked to one deputy of the same congress, from a date (until ended)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="常委会")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="deputy_links", verbose_name="组成人员"
    )
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="member_links", verbose_name="联系代表"
    )
    start_date = models.DateField("联系起始")
    end_date = models.DateField("联系终止", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "联系代表关系"
        verbose_name_plural = "联系代表关系"
        ordering = ["member", "mandate__person__name_pinyin"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "mandate"], condition=Q(end_date__isnull=True), name="memberlink_one_open"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="memberlink_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.mandate.person}"


class MemberContact(models.Model):
    """A contact between a member and linked deputies: the member's record; each deputy gets a duty record."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="常委会")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="deputy_contacts", verbose_name="组成人员"
    )
    mandates = models.ManyToManyField("deputies.Mandate", related_name="member_contacts", verbose_name="代表")
    on = models.DateField("联系日期")
    kind = models.CharField("方式", max_length=12, choices=ContactKind.choices)
    summary = models.CharField("事项", max_length=200)
    opinions = models.TextField("代表反映的意见建议", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "联系代表记录"
        verbose_name_plural = "联系代表记录"
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["body", "on"])]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.summary}"
