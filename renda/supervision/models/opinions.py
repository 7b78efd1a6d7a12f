"""Deliberation opinions (审议意见) → handling report → evaluation, and tracked follow-ups (督办).

监督法第十七条; local deadlines domain.md §5.2. A follow-up is started by an unsatisfactory evaluation or
vote, an unsatisfied hearing answer, a budget warning or an appraisal's rectification item; it points at
its source with a GenericForeignKey (the house spelling, core.Deadline.target).
"""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..choices import FollowStatus, Grade, OpinionStatus


class Opinion(models.Model):
    item = models.ForeignKey(
        "supervision.PlanItem", models.CASCADE, related_name="opinions", verbose_name="监督事项"
    )
    text = models.TextField("审议意见")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="办理单位")
    status = models.CharField(
        "状态", max_length=12, choices=OpinionStatus.choices, default=OpinionStatus.DRAFT
    )
    sent_on = models.DateField("交办日期", null=True, blank=True)
    send_due = models.DateField("应交办日期", null=True, blank=True)
    report_due = models.DateField("办理报告期限", null=True, blank=True)
    report_text = models.TextField("办理情况报告", blank=True)
    report_file = models.FileField("报告附件", upload_to="supervision/reports/%Y/", blank=True)
    reported_on = models.DateField("报送日期", null=True, blank=True)
    evaluation_due = models.DateField("评价期限", null=True, blank=True)
    grade = models.CharField("评价结果", max_length=12, choices=Grade.choices, blank=True)
    grade_source = models.CharField("评价依据", max_length=200, blank=True)
    poll_id = models.PositiveIntegerField("满意度测评", null=True, blank=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    due_state = models.CharField(max_length=8, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "审议意见"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "report_due"])]

    def __str__(self) -> str:
        return f"{self.item.title} 审议意见"

    def is_overdue(self, on: date) -> bool:
        if self.status == OpinionStatus.SENT and self.report_due:
            return on > self.report_due
        if self.status == OpinionStatus.DRAFT and self.send_due:
            return on > self.send_due
        return False


class FollowUp(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    title = models.CharField("督办事项", max_length=200)
    detail = models.TextField("督办要求", blank=True)
    origin = models.CharField("来源", max_length=30)
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, related_name="supervision_followups", verbose_name="责任单位"
    )
    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)
    source = GenericForeignKey("content_type", "object_id")
    due = models.DateField("办结期限", null=True, blank=True)
    status = models.CharField("状态", max_length=10, choices=FollowStatus.choices, default=FollowStatus.OPEN)
    answer = models.TextField("整改反馈", blank=True)
    answered_on = models.DateField("反馈日期", null=True, blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)
    due_state = models.CharField(max_length=8, blank=True, default="")
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "跟踪督办"
        ordering = ["status", "due"]
        indexes = [models.Index(fields=["content_type", "object_id"]), models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: date) -> bool:
        return self.status == FollowStatus.OPEN and bool(self.due) and on > self.due
