"""Reception days (接待日) at a liaison station and the deputies on duty (domain.md §4 进站接待)."""

from django.conf import settings
from django.db import models

from ..choices import ReceptionStatus


class ReceptionDay(models.Model):
    station = models.ForeignKey(
        "deputies.Station", models.PROTECT, related_name="reception_days", verbose_name="联络站"
    )
    date = models.DateField("日期")
    starts = models.TimeField("开始时间")
    ends = models.TimeField("结束时间")
    topic = models.CharField("主题", max_length=120, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=ReceptionStatus.choices, default=ReceptionStatus.PLANNED
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    served_at = models.DateTimeField("接待完成时间", null=True, blank=True)
    visitors = models.PositiveSmallIntegerField("接待人次", default=0)
    summary = models.TextField("接待情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mandates = models.ManyToManyField(
        "deputies.Mandate", through="DutyAssignment", related_name="reception_days", verbose_name="接待代表"
    )

    class Meta:
        verbose_name = "选民接待日"
        verbose_name_plural = "选民接待日"
        ordering = ["date", "starts"]
        indexes = [models.Index(fields=["station", "date"]), models.Index(fields=["status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="reception_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.date:%Y-%m-%d} 接待日"


class DutyAssignment(models.Model):
    """A deputy on duty on a reception day; the deputy confirms (or declines with a reason)."""

    reception = models.ForeignKey(ReceptionDay, models.CASCADE, related_name="duties")
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="reception_duties", verbose_name="代表"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    declined_reason = models.CharField("不能参加的原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "接待代表"
        verbose_name_plural = "接待代表"
        constraints = [
            models.UniqueConstraint(fields=["reception", "mandate"], name="duty_once_per_reception")
        ]
        indexes = [models.Index(fields=["mandate", "reception"])]

    def __str__(self) -> str:
        return f"{self.mandate} @ {self.reception}"
