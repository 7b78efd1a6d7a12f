"""Duty types and the per-body policy numbers (domain.md §3.1, §3.3, §3.4). Each body edits its own."""

from django.db import models

from ..choices import Category


class DutyType(models.Model):
    """One kind of duty act of one body's deputies. `is_session` marks congress sessions, whose unapproved
    absences count towards 代表法 Art. 62."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="duty_types", verbose_name="人大机关")
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("名称", max_length=60)
    category = models.CharField("档案栏目", max_length=16, choices=Category.choices)
    is_session = models.BooleanField("本级人代会会议", default=False)
    declarable = models.BooleanField("代表可自行申报", default=True)
    default_points = models.DecimalField("默认分值", max_digits=6, decimal_places=2, default=0)
    default_cap = models.DecimalField("默认年度上限", max_digits=6, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "履职类型"
        verbose_name_plural = "履职类型"
        ordering = ["body", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="dutytype_unique_code_per_body")]

    def __str__(self) -> str:
        return self.name


class DutyPolicy(models.Model):
    """Jurisdiction numbers of one body (house-style: per-body policy, defaults from domain.md)."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="duty_policy", verbose_name="人大机关"
    )
    # domain.md §3.4: at least 50 voter representatives attend a township deputy's report.
    report_min_voters = models.PositiveSmallIntegerField("述职会最少选民代表人数", default=50)
    evidence_max_mb = models.PositiveSmallIntegerField("申报佐证材料大小上限（MB）", default=10)
    # 代表法 Art. 62 names two absences; kept here so a rule change is a setting, not a release.
    absences_end_mandate = models.PositiveSmallIntegerField("未经批准缺席人代会次数（资格终止）", default=2)

    class Meta:
        verbose_name = "履职管理参数"
        verbose_name_plural = "履职管理参数"

    def __str__(self) -> str:
        return f"{self.body} 履职管理参数"
