"""Handling records: contacts with the deputy, replies, extensions, evaluations, escalations, promises."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .choices import (
    ContactForm,
    ContactStage,
    EscalationKind,
    ExtensionStatus,
    Rating,
    ReplyClass,
    ReplyStatus,
)
from .items import Assignment, Suggestion


class Contact(models.Model):
    """办前/办中/办后沟通 (domain.md §1.3 step 6)."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="contacts")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="承办单位")
    stage = models.CharField("阶段", max_length=8, choices=ContactStage.choices)
    on = models.DateField("日期")
    form = models.CharField("方式", max_length=8, choices=ContactForm.choices)
    content = models.TextField("沟通内容")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "沟通记录"
        verbose_name_plural = "沟通记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.on}"


def reply_upload_to(instance, filename: str) -> str:
    return f"suggestions/replies/{instance.suggestion_id}/{filename}"


class Reply(models.Model):
    """A unit's reply in one round. Drafted by the handler, approved by the unit head (§1.3 step 7)."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="replies")
    assignment = models.ForeignKey(Assignment, models.PROTECT, related_name="replies")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="答复单位")
    round = models.PositiveSmallIntegerField("轮次", default=1)
    reply_class = models.CharField("答复类别", max_length=1, choices=ReplyClass.choices)
    content = models.TextField("答复内容")
    document = models.FileField("答复函", upload_to=reply_upload_to, max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True)
    cohandler_views = models.TextField("协办单位意见说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核负责人",
    )
    sent_on = models.DateField("答复日期", null=True, blank=True)
    head_note = models.CharField("审核意见", max_length=300, blank=True)

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["round", "id"]
        constraints = [
            # A reply reaches the deputy only signed, with its date: the unit head approves it (§1.3 step 7).
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(approved_by__isnull=False, sent_on__isnull=False),
                name="reply_sent_has_approver",
            ),
            models.UniqueConstraint(
                fields=["assignment", "round"], condition=Q(status="sent"), name="reply_one_sent_per_round"
            ),
        ]

    def __str__(self) -> str:
        return f"第{self.round}轮答复 {self.get_reply_class_display()}"


class Extension(models.Model):
    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="extensions")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+")
    months = models.PositiveSmallIntegerField("延期（月）")
    reason = models.TextField("理由")
    status = models.CharField(
        "状态", max_length=10, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_on = models.DateField("申请日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"延期{self.months}个月"


class Evaluation(models.Model):
    """The deputy's rating of one exact reply (and round): attitude and result separately (§1.3 step 9)."""

    reply = models.OneToOneField(Reply, models.PROTECT, related_name="evaluation", verbose_name="所评答复")
    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="evaluations")
    round = models.PositiveSmallIntegerField("轮次")
    attitude = models.CharField("办理态度", max_length=12, choices=Rating.choices)
    result = models.CharField("办理结果", max_length=12, choices=Rating.choices)
    reason = models.TextField("理由", blank=True)
    cosigner_views = models.TextField("附议代表意见", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    on = models.DateField("评价日期")

    class Meta:
        verbose_name = "代表评价"
        verbose_name_plural = "代表评价"
        ordering = ["round", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(attitude="unsatisfied") & ~Q(result="unsatisfied")) | ~Q(reason=""),
                name="evaluation_unsatisfied_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"态度{self.get_attitude_display()} 结果{self.get_result_display()}"


class Escalation(models.Model):
    """Still unsatisfied after the second reply: expert assessment or a joint meeting (§1.3 step 10)."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="escalations")
    kind = models.CharField("方式", max_length=8, choices=EscalationKind.choices)
    note = models.TextField("安排")
    outcome = models.TextField("结论", blank=True)
    on = models.DateField("日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "评估会商"
        verbose_name_plural = "评估会商"

    def __str__(self) -> str:
        return self.get_kind_display()


class Promise(models.Model):
    """承诺事项台账 (§1.3 step 11): carried across years and reported until done."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="promises")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="suggestion_promises")
    text = models.CharField("承诺事项", max_length=300)
    due = models.DateField("承诺完成时间", db_index=True)
    done_on = models.DateField("完成日期", null=True, blank=True)
    progress = models.TextField("进展", blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "承诺事项"
        verbose_name_plural = "承诺事项"
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return self.text
