"""年度代表活动计划 (seeds 004: 科学合理制定活动计划；活动安排要提前告知代表): per body and year."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import ActivityKind, ActivityState


class ActivityPlan(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("计划名称", max_length=120)
    closed_on = models.DateField("年终总结日期", null=True, blank=True)
    summary = models.TextField("执行情况总结", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "年度代表活动计划"
        verbose_name_plural = "年度代表活动计划"
        ordering = ["-year", "body"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="plan_one_per_body_year")]

    def __str__(self) -> str:
        return self.title


class PlannedActivity(models.Model):
    plan = models.ForeignKey(ActivityPlan, models.CASCADE, related_name="activities", verbose_name="计划")
    kind = models.CharField("类别", max_length=12, choices=ActivityKind.choices)
    title = models.CharField("活动", max_length=120)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    place = models.CharField("地点", max_length=100, blank=True)
    mandates = models.ManyToManyField(
        "deputies.Mandate", related_name="planned_activities", verbose_name="参加代表", blank=True
    )
    state = models.CharField(
        "状态", max_length=10, choices=ActivityState.choices, default=ActivityState.PLANNED
    )
    notified_on = models.DateField("已通知日期", null=True, blank=True)
    outcome = models.TextField("开展情况", blank=True)

    class Meta:
        verbose_name = "计划活动"
        verbose_name_plural = "计划活动"
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="planned_end_after_start")
        ]
        indexes = [models.Index(fields=["state", "start"])]

    def __str__(self) -> str:
        return self.title
