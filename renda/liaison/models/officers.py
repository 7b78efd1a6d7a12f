"""人大联络员 (seeds 004: 发挥代表联络员作用): appointed per township or unit, with a term; reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import ReportKind


class LiaisonOfficer(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="聘任机关")
    name = models.CharField("姓名", max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="账号"
    )
    township = models.ForeignKey(
        "core.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="联系乡镇（街道）"
    )
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="联系单位"
    )
    position = models.CharField("工作单位及职务", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    start_date = models.DateField("聘任起始")
    end_date = models.DateField("聘期届满")

    class Meta:
        verbose_name = "人大联络员"
        verbose_name_plural = "人大联络员"
        ordering = ["body", "township", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(township__isnull=False) & Q(unit__isnull=True))
                | (Q(township__isnull=True) & Q(unit__isnull=False)),
                name="officer_township_or_unit",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="officer_term_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def post(self) -> str:
        return str(self.township or self.unit)

    def serving_on(self, on) -> bool:
        return self.start_date <= on <= self.end_date


class OfficerReport(models.Model):
    officer = models.ForeignKey(LiaisonOfficer, models.PROTECT, related_name="reports", verbose_name="联络员")
    kind = models.CharField("类别", max_length=10, choices=ReportKind.choices)
    on = models.DateField("日期")
    title = models.CharField("标题", max_length=120)
    content = models.TextField("内容")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "联络员报告和活动"
        verbose_name_plural = "联络员报告和活动"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return self.title
