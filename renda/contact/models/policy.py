"""The numbers a jurisdiction sets for voters' messages: deadlines, notice, rate weights (per body)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _days(label: str, default: int, cite: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=cite, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )


def _weight(label: str, default: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, default=default, validators=[MaxValueValidator(100)])


class ContactPolicy(models.Model):
    """One body's rules; a body without a row uses the nearest body above it, then these defaults
    (domain.md §2.2–2.3 and §4)."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="contact_policy", verbose_name="人大机关"
    )
    accept_days = _days("受理时限（工作日）", 2, "收到留言后受理或说明不予受理的期限（§2.3 网上诉求受理）")
    forward_days = _days(
        "转办时限（工作日）", 3, "受理后当场答复、转办或转为建议的期限（§4 乡镇流程：10日内交办）"
    )
    reply_days = _days("答复时限（工作日）", 15, "承办单位答复期限（§2.3 复杂诉求15日）")
    second_reply_days = _days("重新办理时限（工作日）", 10, "选民不满意后再次答复的期限（§4 不满意重新办理）")
    rate_days = _days("评价期限（工作日）", 10, "答复后选民评价的期限，逾期自动办结（§2.1 Art. 23 回访）")
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

    @property
    def weights(self) -> tuple[int, int, int]:
        return self.weight_response, self.weight_resolution, self.weight_satisfaction
