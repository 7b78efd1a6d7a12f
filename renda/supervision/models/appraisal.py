"""Work appraisal (工作评议) and appraisal of appointed officials (述职评议), domain.md §5.4.

A weighted criteria sheet, rater groups with weights summing to 100 %, per-group averages per criterion;
the total is Σ group weight × Σ criterion (score / max × weight). Ranking is within a list (ranked
together or apart: 58 appraised, 44 ranked together).
"""

from decimal import Decimal

from django.db import models

from ..choices import AppraisalKind


class GradeRule(models.Model):
    """The body's rule turning an appraisal's total into its grade (评议等次) and the grade's consequence, as
    data: bands from the highest down, each `{"label", "min", "consequence"}`; the first band whose `min` the
    total reaches is the grade. Versioned: a revision is a new row, and an appraisal keeps the version it was
    graded by (domain.md §5.4; seed 001: 评议不合格的一律免职)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    kind = models.CharField("适用评议", max_length=12, choices=AppraisalKind.choices)
    version = models.PositiveSmallIntegerField("版本", default=1)
    name = models.CharField("规则名称", max_length=80)
    article = models.CharField("依据", max_length=300)
    bands = models.JSONField("等次划分", default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "评议等次规则"
        ordering = ["body", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["body", "kind", "version"], name="sv_grade_rule_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    def bands_text(self) -> str:
        out = []
        for k, b in enumerate(self.bands):
            upper = f"、不足{self.bands[k - 1]['min']}分" if k else ""
            out.append(
                f"{b['label']}：{b['min']}分以上{upper}"
                + (f"（{b['consequence']}）" if b.get("consequence") else "")
            )
        return "；".join(out)


class Appraisal(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    item = models.ForeignKey(
        "supervision.PlanItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="appraisals",
        verbose_name="计划事项",
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=120)
    kind = models.CharField("类别", max_length=12, choices=AppraisalKind.choices)
    locked = models.BooleanField("评分已开始（权重锁定）", default=False)
    grade_rule = models.ForeignKey(
        GradeRule, models.PROTECT, null=True, blank=True, related_name="+", verbose_name="等次规则"
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        verbose_name = "评议"
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    appraisal = models.ForeignKey(Appraisal, models.CASCADE, related_name="criteria")
    name = models.CharField("评分项", max_length=60)
    weight = models.DecimalField("权重（%）", max_digits=5, decimal_places=2)
    max_score = models.DecimalField("满分", max_digits=6, decimal_places=2, default=Decimal(100))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(weight__gt=0), name="sv_criterion_weight")]

    def __str__(self) -> str:
        return str(self.name)


class RaterGroup(models.Model):
    appraisal = models.ForeignKey(Appraisal, models.CASCADE, related_name="groups")
    name = models.CharField("评议主体", max_length=40)
    weight = models.DecimalField("权重（%）", max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(weight__gt=0), name="sv_group_weight")]

    def __str__(self) -> str:
        return str(self.name)


class Appraisee(models.Model):
    appraisal = models.ForeignKey(Appraisal, models.CASCADE, related_name="appraisees")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="单位")
    person = models.CharField("被评议人", max_length=40, blank=True)
    post = models.CharField("职务", max_length=60, blank=True)
    list_name = models.CharField("排名序列", max_length=30, default="综合排名")
    ranked = models.BooleanField("参加排名", default=True)
    total = models.DecimalField("总分", max_digits=7, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField("名次", null=True, blank=True)
    outcome = models.CharField("评议等次", max_length=12, blank=True)
    consequence = models.CharField("处理结果", max_length=200, blank=True)
    outcome_rule = models.CharField("等次依据", max_length=400, blank=True)
    decided = models.BooleanField("常委会另行决定", default=False)

    class Meta:
        ordering = ["list_name", "rank", "id"]

    def __str__(self) -> str:
        return f"{self.person}（{self.post}）" if self.person else self.unit.name


class Score(models.Model):
    appraisee = models.ForeignKey(Appraisee, models.CASCADE, related_name="scores")
    group = models.ForeignKey(RaterGroup, models.CASCADE, related_name="+")
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="+")
    value = models.DecimalField("得分（该主体平均）", max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["appraisee", "group", "criterion"], name="sv_score_once"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="sv_score_nonneg"),
        ]

    def __str__(self) -> str:
        return str(f"{self.value}")
