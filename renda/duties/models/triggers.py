"""What the rules raise for staff to act on (domain.md §3.1 Art. 62, §3.3 talks and resignation)."""

from django.conf import settings
from django.db import models

from ..choices import TalkStatus, TriggerKind, TriggerStatus


class Trigger(models.Model):
    kind = models.CharField("类型", max_length=20, choices=TriggerKind.choices)
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="duty_triggers", verbose_name="代表"
    )
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="所属人大")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField(
        "状态", max_length=10, choices=TriggerStatus.choices, default=TriggerStatus.OPEN
    )
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("处理说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "履职提示"
        verbose_name_plural = "履职提示"
        ordering = ["status", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "mandate", "year"], name="trigger_once_per_year")
        ]
        indexes = [models.Index(fields=["body", "status", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.mandate.person}"


class TalkCase(models.Model):
    """约谈: its own record — date, who talked, content, commitments, follow-up."""

    trigger = models.OneToOneField(Trigger, models.PROTECT, null=True, blank=True, related_name="talk")
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="duty_talks", verbose_name="代表"
    )
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=10, choices=TalkStatus.choices, default=TalkStatus.PLANNED)
    planned_on = models.DateField("约谈日期", null=True, blank=True)
    held_on = models.DateField("实际约谈日期", null=True, blank=True)
    talked_by = models.CharField("约谈人", max_length=100, blank=True)
    content = models.TextField("约谈内容", blank=True)
    commitments = models.TextField("代表承诺", blank=True)
    follow_up = models.TextField("跟踪情况", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "约谈"
        verbose_name_plural = "约谈"
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"约谈 {self.mandate.person}"
