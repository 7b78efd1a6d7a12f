"""Points rule sets per body and year (domain.md §3.3), what a recompute changed, and publications."""

from django.conf import settings
from django.db import models

from ..choices import Cycle


class RuleSet(models.Model):
    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="duty_rulesets", verbose_name="人大机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    # Dongbao counts a base of 60; Yinchuan scores 0–100 from activity alone. Default 0, editable.
    base_score = models.DecimalField("基础分", max_digits=6, decimal_places=2, default=0)
    # Jiangbei: half a day's leave from the congress session −1 (so per half day).
    leave_points = models.DecimalField("人代会请假扣分（每半天）", max_digits=6, decimal_places=2, default=-1)
    absence_points = models.DecimalField("无故缺席扣分", max_digits=6, decimal_places=2, default=-5)
    cycle = models.CharField("公布周期", max_length=10, choices=Cycle.choices, default=Cycle.YEARLY)
    # On unless a body turns it off: 代表法 Art. 58 makes publishing deputies' duty information mandatory, and the
    # published systems (Dongbao, Hanbin, domain.md §3.3) publish scores online. Off by default, a publication
    # was frozen invisible and the portal said 暂无公示 whatever staff published.
    publish_to_portal = models.BooleanField("在门户网站公布", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "积分规则"
        verbose_name_plural = "积分规则"
        ordering = ["body", "-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="ruleset_one_per_body_year")]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年积分规则"


class TypePoints(models.Model):
    ruleset = models.ForeignKey(RuleSet, models.CASCADE, related_name="type_points")
    duty_type = models.ForeignKey(
        "duties.DutyType", models.CASCADE, related_name="+", verbose_name="履职类型"
    )
    points = models.DecimalField("每次分值", max_digits=6, decimal_places=2)
    cap = models.DecimalField("年度上限", max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["duty_type__order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["ruleset", "duty_type"], name="typepoints_once_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.duty_type} {self.points}"


class Band(models.Model):
    """A score band: [min_score, next band's min). `poor` bands trigger a talk (Yinchuan: < 60 → 约谈)."""

    ruleset = models.ForeignKey(RuleSet, models.CASCADE, related_name="bands")
    label = models.CharField("等次", max_length=20)
    min_score = models.DecimalField("最低分（含）", max_digits=6, decimal_places=2)
    max_score = models.DecimalField("最高分（不含）", max_digits=6, decimal_places=2, null=True, blank=True)
    poor = models.BooleanField("较差（触发约谈）", default=False)

    class Meta:
        ordering = ["-min_score"]

    def __str__(self) -> str:
        return self.label

    def holds(self, score) -> bool:
        return score >= self.min_score and (self.max_score is None or score < self.max_score)


class Requirement(models.Model):
    """An annual minimum (Xiangzhou "五个一"): at least `min_count` approved records of these types."""

    ruleset = models.ForeignKey(RuleSet, models.CASCADE, related_name="requirements")
    label = models.CharField("要求", max_length=40)
    type_codes = models.JSONField("计入的履职类型代码", default=list)
    min_count = models.PositiveSmallIntegerField("最少次数", default=1)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class RecomputeRun(models.Model):
    """A rule change mid-year rewrites record points; this keeps whose score and band changed."""

    ruleset = models.ForeignKey(RuleSet, models.CASCADE, related_name="runs")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField("原因", max_length=200)
    changes = models.JSONField(default=list)
    records_updated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.ruleset} 重算 {self.at:%Y-%m-%d}"


class Publication(models.Model):
    """Scores of one body for one period (a quarter or a year), frozen when published (季度亮分)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    year = models.PositiveSmallIntegerField("年度")
    period = models.CharField("期间", max_length=4)  # Q1–Q4 or Y
    start = models.DateField()
    end = models.DateField()
    to_portal = models.BooleanField("在门户公布", default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-end", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year", "period"], name="publication_once_per_period")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.year}年" + ("" if self.period == "Y" else f"第{self.period[1]}季度")


class PublishedScore(models.Model):
    publication = models.ForeignKey(Publication, models.CASCADE, related_name="scores")
    mandate = models.ForeignKey("deputies.Mandate", models.CASCADE, related_name="+")
    total = models.DecimalField(max_digits=7, decimal_places=2)
    band = models.CharField(max_length=20, blank=True)
    rank = models.PositiveIntegerField()
    records = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["rank"]
        constraints = [models.UniqueConstraint(fields=["publication", "mandate"], name="published_once")]

    def __str__(self) -> str:
        return f"{self.mandate_id} {self.total}"
