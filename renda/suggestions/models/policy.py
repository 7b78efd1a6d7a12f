"""The jurisdiction's numbers for suggestion handling: one row per congress body, defaults from domain.md."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from renda.core.models import BodyKind, Level

# Motion thresholds by level (domain.md §1.2: 地方组织法 Art. 22, 全国人大组织法 Art. 17).
MOTION_THRESHOLD = {
    Level.TOWNSHIP: 5,
    Level.COUNTY: 10,
    Level.CITY: 10,
    Level.PROVINCE: 10,
    Level.NATIONAL: 30,
}


def _days(label: str, default: int, help_text: str):
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=help_text, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )


def _months(label: str, default: int, help_text: str):
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=help_text, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )


class Policy(models.Model):
    """Deadlines (working days or months, as the rule says), thresholds and ranking weights of one body.

    Every number here is data a staff member may change; the help text names the rule behind the default.
    """

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="suggestion_policy", verbose_name="人大机关"
    )
    handover_days = _days("交办期限（工作日）", 5, "§1.3 第3步：青岛第14条5个工作日；上海7个；重庆10个")
    return_days = _days(
        "退回申请期限（工作日）", 7, "§1.3 第5步：青岛5个工作日；上海第14条7个；浙江、重庆10个"
    )
    contact_days = _days("首次联系代表期限（工作日）", 20, "§1.3 第6步：重庆第18条收到后20个工作日内联系代表")
    cohandler_months = _months(
        "协办意见期限（月）", 1, "§1.3 第4步：上海第17条、青岛第24条1个月；浙江、河南2个月"
    )
    reply_months = _months("答复期限（月）", 3, "§1.1 代表法第51条：自交办之日起3个月")
    extension_max_months = _months(
        "最多延期（月）", 3, "§1.3 第7步：延期合计不超过6个月（上海第19条最多再延3个月）"
    )
    feedback_days = _days(
        "代表反馈期限（工作日）", 15, "§1.3 第9步：北京第23条15个工作日；重庆20个；河南10个"
    )
    reminder_grace_days = _days(
        "催告后宽限（工作日）", 5, "§1.3 第9步：重庆第29条，经催告仍未反馈的不计入满意率"
    )
    rehandle_months = _months(
        "重新办理期限（月）", 1, "§1.3 第10步：上海、山东、浙江、河南1个月；北京、重庆2个月"
    )
    due_soon_days = _days("临期提醒（工作日）", 5, "到期前多少个工作日标为“即将到期”并提醒")
    motion_threshold = models.PositiveSmallIntegerField(
        "议案联名人数",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="§1.2：乡镇5人以上，县级以上10人以上（全国30人），常委会组成人员3人以上",
    )
    reconsider_min_sponsors = models.PositiveSmallIntegerField(
        "议案复议最少联名人数",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="§1.4：提案代表过半数且不少于10人可以提出复议（上海议案规定第14条）",
    )
    reconsider_share_percent = models.PositiveSmallIntegerField(
        "议案复议须超过的提案代表比例（%）",
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(99)],
        help_text="§1.4：默认50，即提案代表过半数",
    )
    reconsider_hours_before = models.PositiveSmallIntegerField(
        "复议截止（主席团最后一次会议前小时数）",
        default=4,
        validators=[MinValueValidator(0), MaxValueValidator(240)],
        help_text="§1.4：主席团最后一次会议召开4小时前提出（上海议案规定第14条）",
    )
    presidium_last_meeting_at = models.DateTimeField(
        "本次大会主席团最后一次会议时间",
        null=True,
        blank=True,
        help_text="每次大会由工作人员登记；未登记时不能申请议案复议",
    )
    weight_on_time = models.DecimalField(
        "权重：按时办复率",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    weight_solved = models.DecimalField(
        "权重：解决率（A+B）",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.30"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    weight_satisfied = models.DecimalField(
        "权重：满意率",
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.40"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    min_items = models.PositiveSmallIntegerField(
        "参与排名的最少件数",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text="少于此数的单位单独列出，不参与排名",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "建议办理规则"
        verbose_name_plural = "建议办理规则"

    def __str__(self) -> str:
        return f"{self.body} 建议办理规则"

    # Set by law for each congress (thresholds by level) or by each session (the presidium's meeting):
    # a township never inherits these from its county (renda/core/policy.py).
    LOCAL_FIELDS = ("motion_threshold", "reconsider_min_sponsors", "presidium_last_meeting_at")

    @classmethod
    def defaults_for(cls, body) -> dict:
        # Motions to a standing committee need 3 of its members (地方组织法 Art. 52), to a congress by level.
        threshold = 3 if body.kind == BodyKind.STANDING_COMMITTEE else MOTION_THRESHOLD.get(body.level, 10)
        # Shanghai's "at least 10" for reconsideration equals its motion threshold; a township's motion of
        # 5 sponsors could never reach 10, so the minimum follows the level's motion threshold.
        return {"motion_threshold": threshold, "reconsider_min_sponsors": threshold}


NUMBER_FIELDS = (
    "handover_days",
    "return_days",
    "contact_days",
    "cohandler_months",
    "reply_months",
    "extension_max_months",
    "feedback_days",
    "reminder_grace_days",
    "rehandle_months",
    "due_soon_days",
    "motion_threshold",
    "reconsider_min_sponsors",
    "reconsider_share_percent",
    "reconsider_hours_before",
    "weight_on_time",
    "weight_solved",
    "weight_satisfied",
    "min_items",
)
