"""Tables of the insight app: its policy, the staff's verdicts on routing suggestions, model versions and
merge links (并案).

Items of other apps (a voter's message, a suggestion) are referenced the one way renda spells a generic
reference (docs/architecture.md): a ContentType foreign key, a CharField id and a GenericForeignKey.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


def _percent(label: str, default: int, cite: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=cite, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )


class InsightPolicy(models.Model):
    """One body's thresholds; a body without a row uses the nearest body above it, then these defaults."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="insight_policy", verbose_name="人大机关"
    )
    route_threshold = _percent(
        "分办建议最低置信度（%）",
        60,
        "低于此置信度不给建议，由工作人员自行判断（issue 22：不作无声猜测）；60% 时留出折上约 95% 的留言得到建议，其中约 94% 正确",
    )
    similar_threshold = _percent(
        "相似件最低相似度（%）", 25, "两件文本 TF-IDF 余弦相似度不低于此值才列为相似件"
    )
    campaign_threshold = _percent(
        "集中反映判定相似度（%）", 70, "MinHash 估计的 Jaccard 相似度不低于此值视为同一批次（近乎相同的留言）"
    )
    hot_baseline_periods = models.PositiveSmallIntegerField(
        "热点基线期数",
        default=8,
        help_text="热度的突增分与此前若干个等长时段比较（wave2-references (f)：与前 8 周比较）",
        validators=[MinValueValidator(2), MaxValueValidator(52)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "智能分析规则"
        verbose_name_plural = "智能分析规则"

    def __str__(self) -> str:
        return f"{self.body} 智能分析规则"


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", "采纳"
    CORRECTED = "corrected", "更正"


class RoutingFeedback(models.Model):
    """A staff member's verdict on one routing suggestion: accepted as shown, or corrected. Every verdict is
    kept (the last one per item is what the next training reads)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    target_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+", verbose_name="对象类型")
    target_id = models.CharField("对象编号", max_length=40)
    target = GenericForeignKey("target_type", "target_id")
    verdict = models.CharField("结论", max_length=10, choices=Verdict.choices)
    suggested_category = models.CharField("建议类别", max_length=40, blank=True)
    suggested_unit = models.ForeignKey(
        "core.Unit", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="建议单位"
    )
    confidence = models.FloatField("置信度", null=True, blank=True)
    model_version = models.PositiveIntegerField("模型版本", null=True, blank=True)
    category = models.CharField("确定类别", max_length=40, blank=True)
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="确定单位"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="工作人员"
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "分办建议反馈"
        verbose_name_plural = "分办建议反馈"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"], name="insight_fb_target")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(category="") | models.Q(unit__isnull=False), name="insight_fb_has_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} {self.target_type_id}:{self.target_id}"


class ModelVersion(models.Model):
    """One trained router on disk (RENDA_VAR_DIR/insight/models/router-v<version>-<random>.pkl). Exactly one is
    active; the previous one is kept so `rollback` can return to it."""

    version = models.PositiveIntegerField("版本", unique=True)
    file = models.CharField("文件", max_length=200)
    active = models.BooleanField("在用", default=False)
    fingerprint = models.CharField("训练数据指纹", max_length=64)
    samples = models.PositiveIntegerField("训练样本数", default=0)
    corrections = models.PositiveIntegerField("其中工作人员更正", default=0)
    sources = models.JSONField("数据来源", default=dict)
    seconds = models.FloatField("训练用时（秒）", default=0)
    trained_at = models.DateTimeField("训练时间", auto_now_add=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "分办模型版本"
        verbose_name_plural = "分办模型版本"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["active"], condition=models.Q(active=True), name="insight_one_active_model"
            )
        ]

    def __str__(self) -> str:
        return f"v{self.version}"


class MergeLink(models.Model):
    """并案: `merged` is handled together with `primary`. Both items stay, with their own authors; the link is
    read both ways (selectors.merge_group). Stored here, so suggestions and contact need no new field."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    primary_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    primary_id = models.CharField(max_length=40)
    primary = GenericForeignKey("primary_type", "primary_id")
    merged_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    merged_id = models.CharField(max_length=40)
    merged = GenericForeignKey("merged_type", "merged_id")
    reason = models.CharField("并案理由", max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "并案"
        verbose_name_plural = "并案"
        constraints = [
            models.UniqueConstraint(fields=["merged_type", "merged_id"], name="insight_merged_once"),
            models.CheckConstraint(
                condition=~(
                    models.Q(primary_type=models.F("merged_type"))
                    & models.Q(primary_id=models.F("merged_id"))
                ),
                name="insight_merge_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"并案 {self.merged_id} → {self.primary_id}"
