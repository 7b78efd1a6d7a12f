"""A suggestion or motion, its co-signers, its handling units and its timeline (domain.md §1.3)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .choices import (
    AssignmentStatus,
    DueState,
    Kind,
    MotionDecision,
    NonAcceptance,
    Period,
    Rating,
    ReplyClass,
    State,
    UnitRole,
)

OPEN_STATES = (
    State.ACCEPTED,
    State.HANDED_OVER,
    State.HANDLING,
    State.REPLIED,
    State.REHANDLING,
    State.EVALUATED,
    State.ESCALATED,
)


class Suggestion(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="suggestions", verbose_name="人大机关")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.SUGGESTION)
    period = models.CharField("提出时间", max_length=10, choices=Period.choices, default=Period.INTERIM)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    number = models.CharField("编号", max_length=30, blank=True)
    title = models.CharField("标题", max_length=120)
    facts = models.TextField("事由（情况和问题）")
    proposals = models.TextField("具体建议")
    # Motions need reason, grounds and plan (代表法 Art. 15): facts = 案由+案据, proposals = 方案.
    lead = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="led_suggestions", verbose_name="领衔代表"
    )
    card_number = models.CharField("代表证号", max_length=30)
    contact = models.CharField("联系方式", max_length=60)
    private = models.BooleanField(
        "不宜公开", default=False, help_text="代表认为不宜公开的，不在门户发布（河南第29条）"
    )
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    round = models.PositiveSmallIntegerField("办理轮次", default=1)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    handover_due = models.DateField("交办期限", null=True, blank=True)
    handed_over_on = models.DateField("交办日期", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    extended_months = models.PositiveSmallIntegerField("已延期（月）", default=0)
    feedback_due = models.DateField("反馈期限", null=True, blank=True)
    feedback_reminded_on = models.DateField("催告日期", null=True, blank=True)
    unrated = models.BooleanField("逾期未评价", default=False, help_text="经催告仍未反馈，不计入满意率")
    closed_on = models.DateField("办结日期", null=True, blank=True)
    due_state = models.CharField(
        "期限状态", max_length=8, choices=DueState.choices, blank=True, default="", db_index=True
    )
    non_acceptance = models.CharField(
        "不予受理理由", max_length=24, choices=NonAcceptance.choices, blank=True
    )
    motion_decision = models.CharField(
        "议案审查决定", max_length=16, choices=MotionDecision.choices, blank=True
    )
    decision_note = models.TextField("审查意见", blank=True)
    is_priority = models.BooleanField("重点督办", default=False, db_index=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    # What the draft was made from (a voter's message), in core.Deadline's spelling: content type + id + GFK.
    # PROTECT: a content type cannot be removed (remove_stale_contenttypes) while an item still points at it.
    # Rows migrated from a string naming no model keep it as such a content type (migration 0004).
    origin_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="来源"
    )
    origin_id = models.CharField("来源编号", max_length=40, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="录入人"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "代表建议"
        verbose_name_plural = "代表建议"
        ordering = ["-year", "-id"]
        indexes = [
            models.Index(fields=["body", "year", "state"]),
            models.Index(fields=["state", "reply_due"]),
            models.Index(fields=["origin_type", "origin_id"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(round__gte=1, round__lte=2), name="suggestion_round_1_or_2"),
            models.CheckConstraint(
                condition=~Q(state="not_accepted") | ~Q(non_acceptance=""),
                name="suggestion_not_accepted_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '未编号'} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class CoSigner(models.Model):
    """A co-signing deputy (附议代表); joint items go ahead only when every co-signer has confirmed."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="cosigners")
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="cosigned", verbose_name="附议代表"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    declined_at = models.DateTimeField("拒绝时间", null=True, blank=True)
    agrees_withdraw_at = models.DateTimeField("同意撤回", null=True, blank=True)
    view = models.TextField(
        "对答复的意见", blank=True, help_text="联名件由领衔代表汇总附议代表意见（山东、重庆）"
    )

    class Meta:
        verbose_name = "附议代表"
        verbose_name_plural = "附议代表"
        constraints = [models.UniqueConstraint(fields=["suggestion", "mandate"], name="cosigner_once")]

    def __str__(self) -> str:
        return str(self.mandate)


class Assignment(models.Model):
    """One unit's part in handling: lead (主办), co-handler (协办/会办) or separate (分办).

    The figures of the unit ranking are kept here (first reply on time, latest class and rating) so the
    ranking is one aggregate query per year.
    """

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, related_name="suggestion_assignments", verbose_name="承办单位"
    )
    role = models.CharField("承办方式", max_length=10, choices=UnitRole.choices)
    status = models.CharField(
        "状态", max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    year = models.PositiveSmallIntegerField("交办年度", db_index=True)
    assigned_on = models.DateField("交办日期")
    return_due = models.DateField("退回申请期限")
    cohandler_due = models.DateField("协办意见期限", null=True, blank=True)
    contact_due = models.DateField("首次联系期限", null=True, blank=True)
    accepted_at = models.DateTimeField("签收时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    return_requested_on = models.DateField("申请退回日期", null=True, blank=True)
    opinion = models.TextField("协办意见", blank=True)
    opinion_on = models.DateField("协办意见日期", null=True, blank=True)
    replied_on = models.DateField("首次答复日期", null=True, blank=True)
    on_time = models.BooleanField("按时答复", null=True)
    reply_class = models.CharField("答复类别", max_length=1, choices=ReplyClass.choices, blank=True)
    result = models.CharField("结果评价", max_length=12, choices=Rating.choices, blank=True)
    attitude = models.CharField("态度评价", max_length=12, choices=Rating.choices, blank=True)
    unrated = models.BooleanField("逾期未评价", default=False)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "承办单位"
        verbose_name_plural = "承办单位"
        ordering = ["suggestion", "role", "id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["year", "unit", "role"])]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "unit"],
                condition=~Q(status="returned"),
                name="assignment_one_live_per_unit",
            ),
            models.UniqueConstraint(
                fields=["suggestion"],
                condition=Q(role="lead") & ~Q(status="returned"),
                name="assignment_one_live_lead",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"

    @property
    def replies_to_deputy(self) -> bool:
        return self.role in (UnitRole.LEAD, UnitRole.SEPARATE)

    @property
    def live(self) -> bool:
        return self.status != AssignmentStatus.RETURNED


class TimelineEntry(models.Model):
    """Everything that happened to an item: transitions, contacts, reminders, documents. Never edited."""

    suggestion = models.ForeignKey(Suggestion, models.CASCADE, related_name="timeline")
    at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    action = models.CharField("动作", max_length=40)
    label = models.CharField("事项", max_length=60)
    state_from = models.CharField(max_length=20, blank=True)
    state_to = models.CharField(max_length=20, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.label}"
