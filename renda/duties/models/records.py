"""The one ledger of duty acts and what feeds it: organised activities, leave requests, awards."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from ..choices import Category, LeaveStatus, Outcome, Review, Source


class Activity(models.Model):
    """An organised activity (a session, an inspection, a group meeting) whose attendance staff enter at once."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="duty_activities", verbose_name="组织机关"
    )
    duty_type = models.ForeignKey(
        "duties.DutyType", models.PROTECT, related_name="activities", verbose_name="履职类型"
    )
    title = models.CharField("活动名称", max_length=200)
    start = models.DateField("开始日期")
    end = models.DateField("结束日期")
    location = models.CharField("地点", max_length=200, blank=True)
    convener = models.CharField("召集人", max_length=60, blank=True)
    participants = models.ManyToManyField(
        "deputies.Mandate", related_name="duty_activities", verbose_name="应参加代表"
    )
    attendance_taken = models.BooleanField("已登记考勤", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="登记人"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "组织活动"
        verbose_name_plural = "组织活动"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["body", "start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="activity_end_after_start")
        ]

    def __str__(self) -> str:
        return self.title


def evidence_path(instance, filename: str) -> str:
    return f"duties/evidence/{instance.mandate_id}/{filename}"


class DutyRecord(models.Model):
    """One duty act (or one absence) of one mandate. Only approved rows count; `points` is what the rule set
    of the record's year gives it, rewritten when the rules change."""

    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="duty_records", verbose_name="代表"
    )
    # The mandate's congress: data scope and the rule set run through it.
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="所属人大")
    duty_type = models.ForeignKey(
        "duties.DutyType", models.PROTECT, related_name="records", verbose_name="履职类型"
    )
    on = models.DateField("履职日期")
    year = models.PositiveSmallIntegerField("年度", editable=False)
    title = models.CharField("事项", max_length=200)
    note = models.TextField("说明", blank=True)
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    # The object an automatic record comes from (core.Deadline's spelling: content type + id + GFK); the
    # unique constraint below keeps `record_automatic` idempotent. PROTECT: see Suggestion.origin_type.
    source_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="来源对象类型"
    )
    source_id = models.CharField("来源对象编号", max_length=40, blank=True, default="")
    source_object = GenericForeignKey("source_type", "source_id")
    activity = models.ForeignKey(
        Activity, models.PROTECT, null=True, blank=True, related_name="records", verbose_name="组织活动"
    )
    outcome = models.CharField("出席情况", max_length=10, choices=Outcome.choices, default=Outcome.ATTENDED)
    status = models.CharField("审核状态", max_length=10, choices=Review.choices, default=Review.APPROVED)
    points = models.DecimalField("积分", max_digits=6, decimal_places=2, default=0)
    # Leave is counted per half day (Jiangbei: half a day's leave from the session −1); copied from the request.
    half_days = models.PositiveSmallIntegerField("请假半天数", default=1, db_default=1)
    evidence = models.FileField("佐证材料", upload_to=evidence_path, blank=True)
    evidence_text = models.TextField("佐证说明", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reject_reason = models.CharField("退回理由", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "履职记录"
        verbose_name_plural = "履职记录"
        ordering = ["-on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "activity"],
                condition=Q(activity__isnull=False),
                name="dutyrecord_once_per_activity",
            ),
            models.UniqueConstraint(
                fields=["mandate", "source_type", "source_id"],
                condition=Q(source_type__isnull=False),
                name="dutyrecord_once_per_source",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "year", "status"]),
            models.Index(fields=["mandate", "year"]),
            models.Index(fields=["duty_type", "year"]),
            models.Index(fields=["status", "source"]),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.year = self.on.year
        super().save(*args, **kwargs)

    @property
    def counts(self) -> bool:
        return self.status == Review.APPROVED

    @property
    def evidence_is_image(self) -> bool:
        """A photo (re-encoded without its location on upload) may be shown inline to the reviewer."""
        return bool(self.evidence) and self.evidence.name.lower().endswith((".jpg", ".jpeg", ".png"))

    @property
    def situation(self) -> str:
        """The duty file's 情况 column: attendance only for what one attends (a suggestion is not 出席)."""
        if self.outcome != Outcome.ATTENDED or self.activity_id or self.source == Source.ACTIVITY:
            return self.get_outcome_display()
        if self.duty_type.is_session or self.duty_type.category == Category.MEETING:
            return self.get_outcome_display()
        return {Category.SUGGESTION: "已提出", Category.VOTERS: "已完成", Category.OTHER: "已完成"}.get(
            self.duty_type.category, "已参加"
        )


class LeaveRequest(models.Model):
    """请假: written, before the activity, to the approver domain.md §3.1 names for it."""

    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="leave_requests", verbose_name="代表"
    )
    activity = models.ForeignKey(Activity, models.PROTECT, related_name="leave_requests", verbose_name="活动")
    reason = models.CharField("请假事由", max_length=300)
    approver = models.CharField("审批人", max_length=60)
    approver_cite = models.CharField("依据", max_length=120)
    status = models.CharField("状态", max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING)
    # 1 = 半天, 2 = 全天, 2 × days = the whole of a longer activity (domain.md §3.3 Jiangbei counts half days).
    half_days = models.PositiveSmallIntegerField("请假时长（半天数）", default=2)
    requested_on = models.DateField("申请日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记审批人",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "请假申请"
        verbose_name_plural = "请假申请"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mandate", "activity"],
                condition=Q(status__in=["pending", "approved"]),
                name="leave_one_open_per_activity",
            ),
            models.CheckConstraint(condition=Q(half_days__gte=1), name="leave_at_least_half_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.mandate.person} 请假：{self.activity}"


class Award(models.Model):
    """Section 8 of the duty file: commendations (e.g. 优秀人大代表)."""

    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="duty_awards", verbose_name="代表"
    )
    on = models.DateField("日期")
    title = models.CharField("表彰名称", max_length=200)
    issuer = models.CharField("授予机关", max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "表彰奖励"
        verbose_name_plural = "表彰奖励"
        ordering = ["-on"]

    def __str__(self) -> str:
        return self.title
