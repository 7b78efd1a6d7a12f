"""The numbers a jurisdiction sets for voters' messages: deadlines, notice, rate weights (per body)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

REOPEN_CAP = 10  # the highest cap a body may set; the message table's constraint holds the same bound


def _days(label: str, default: int, cite: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=cite, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )


def _hours(label: str, default: int, cite: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=cite, validators=[MinValueValidator(1), MaxValueValidator(720)]
    )


def _weight(label: str, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, default=default, validators=[MaxValueValidator(100)])


class ContactPolicy(models.Model):
    """One body's rules; a body without a row uses the nearest body above it, then these defaults
    (domain.md §2.2–2.3 and §4)."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="contact_policy", verbose_name="人大机关"
    )
    # Hours run around the clock (core.calendar.add_hours); days without "工作日" are calendar days.
    accept_hours = _hours(
        "受理时限（小时）", 2, "网上诉求 2 小时内受理（§2.3《12345热线服务与管理规范》征求意见稿）"
    )
    forward_days = _days("转办时限（工作日）", 10, "受理后交办承办单位的期限（§4 乡镇流程：10日内交办）")
    reply_emergency_hours = _hours(
        "答复时限：紧急诉求（小时）",
        2,
        "突发事件、危及生命财产安全的诉求 2 小时内反馈（§2.3 按类型反馈时限）",
    )
    reply_utilities_hours = _hours(
        "答复时限：水电气热（小时）", 24, "水电气热等时效性强的诉求 24 小时内反馈（§2.3 按类型反馈时限）"
    )
    reply_ordinary_days = _days("答复时限：一般诉求（日）", 7, "一般诉求 7 日内反馈（§2.3 按类型反馈时限）")
    reply_complex_days = _days("答复时限：复杂诉求（日）", 15, "复杂诉求 15 日内反馈（§2.3 按类型反馈时限）")
    reopen_max = models.PositiveSmallIntegerField(
        "不满意重新办理最多轮次",
        default=3,
        help_text="不满意的重新办理，直至基本满意以上（§4 乡镇流程）；来源未规定轮次上限，3 轮为本项目默认值",
        validators=[MinValueValidator(1), MaxValueValidator(REOPEN_CAP)],
    )
    rate_days = _days(
        "评价期限（工作日）",
        10,
        "答复后选民评价的期限，逾期自动办结；来源未规定期限，10 个工作日为本项目默认值",
    )
    publish_lead_days = _days("接待日提前公布（天）", 3, "接待日至少提前几天公布（§4 接待安排：提前3天）")
    due_soon_days = _days("临期提醒（天）", 2, "到期前几天标为临期并提醒")
    weight_response = _weight("响应率权重", 30)
    weight_resolution = _weight("解决率权重", 35)
    weight_satisfaction = _weight("满意率权重", 35)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "社情民意办理规则"
        verbose_name_plural = "社情民意办理规则"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    weight_response__lte=100, weight_resolution__lte=100, weight_satisfaction__lte=100
                ),
                name="contact_policy_weights_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} 社情民意办理规则"

    def reply_clock(self, urgency: str) -> tuple[str, int]:
        """The policy field and its hours for a message of this type (domain.md §2.3 table)."""
        field = REPLY_CLOCKS.get(urgency, "reply_ordinary_days")
        amount = getattr(self, field)
        return field, amount if field.endswith("_hours") else amount * 24

    @property
    def weights(self) -> tuple[int, int, int]:
        return self.weight_response, self.weight_resolution, self.weight_satisfaction


# Which policy field sets the reply deadline of each type of message (choices.Urgency).
REPLY_CLOCKS = {
    "emergency": "reply_emergency_hours",
    "utilities": "reply_utilities_hours",
    "ordinary": "reply_ordinary_days",
    "complex": "reply_complex_days",
}
