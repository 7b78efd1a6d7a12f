"""Budget networked supervision (预算联网监督, 监督法第三十条, domain.md §5.5; wave2-references (b) B1–B17).

Rules are versioned policy data: a RuleSet per body and version; its Rule rows carry the code, the
article and the numbers. A warning keeps the exact rule row that raised it.
"""

from datetime import date

from django.conf import settings
from django.db import models

from ..choices import EventKind, LineCategory, Severity, WarningStatus


class RuleSet(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    version = models.PositiveIntegerField("版本")
    effective_from = models.DateField("生效日期")
    note = models.CharField("修订说明", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "预警规则集"
        ordering = ["body", "-version"]
        constraints = [models.UniqueConstraint(fields=["body", "version"], name="sv_ruleset_version")]

    def __str__(self) -> str:
        return f"预警规则 第{self.version}版"


class Rule(models.Model):
    ruleset = models.ForeignKey(RuleSet, models.CASCADE, related_name="rules")
    code = models.CharField("编号", max_length=8)
    title = models.CharField("规则", max_length=120)
    article = models.CharField("依据", max_length=160)
    params = models.JSONField("参数", default=dict)
    severity = models.CharField("级别", max_length=8, choices=Severity.choices, default=Severity.YELLOW)
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        ordering = ["ruleset", "id"]
        constraints = [models.UniqueConstraint(fields=["ruleset", "code"], name="sv_rule_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Import(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    filename = models.CharField("文件", max_length=200)
    rows = models.PositiveIntegerField("行数")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "预算数据导入"
        ordering = ["-at"]

    def __str__(self) -> str:
        return str(self.filename)


class Line(models.Model):
    """One budget item of one department in one year; its monthly execution is in Month rows."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="budget_lines", verbose_name="部门")
    code = models.CharField("项目编码", max_length=30)
    name = models.CharField("项目名称", max_length=120)
    category = models.CharField("类别", max_length=14, choices=LineCategory.choices)
    budget = models.DecimalField("年度预算（元）", max_digits=16, decimal_places=2)
    source = models.ForeignKey(Import, models.SET_NULL, null=True, blank=True, related_name="lines")

    class Meta:
        verbose_name = "预算项目"
        ordering = ["unit", "code"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "unit", "code"], name="sv_line_once")]
        indexes = [models.Index(fields=["body", "year"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Month(models.Model):
    line = models.ForeignKey(Line, models.CASCADE, related_name="months")
    month = models.PositiveSmallIntegerField("月份")
    amount = models.DecimalField("支出（元）", max_digits=16, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "month"], name="sv_month_once"),
            models.CheckConstraint(condition=models.Q(month__gte=1, month__lte=12), name="sv_month_range"),
        ]

    def __str__(self) -> str:
        return str(f"{self.month}月 {self.amount}")


class Event(models.Model):
    """A dated fact the date rules read: a budget issued, a transfer passed down, a report sent, cash drawn."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("事项", max_length=20, choices=EventKind.choices)
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="部门"
    )
    title = models.CharField("说明", max_length=160, blank=True)
    base_on = models.DateField("起算日（批准/接收/会议）", null=True, blank=True)
    done_on = models.DateField("办理日", null=True, blank=True)
    amount = models.DecimalField("金额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    limit = models.DecimalField("限额（元）", max_digits=16, decimal_places=2, null=True, blank=True)
    approved = models.BooleanField("已经法定程序批准", default=True)
    purpose = models.CharField("用途", max_length=60, blank=True)
    years = models.PositiveSmallIntegerField("连续年数", default=0)

    class Meta:
        verbose_name = "预算事项"
        ordering = ["year", "kind", "base_on"]
        indexes = [models.Index(fields=["body", "year", "kind"])]

    def __str__(self) -> str:
        return str(self.title or self.get_kind_display())


class Warning(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    rule = models.ForeignKey(Rule, models.PROTECT, related_name="warnings", verbose_name="规则")
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="部门"
    )
    line = models.ForeignKey(Line, models.CASCADE, null=True, blank=True, related_name="warnings")
    event = models.ForeignKey(Event, models.CASCADE, null=True, blank=True, related_name="warnings")
    key = models.CharField(max_length=80)  # rule code + subject: one warning per subject per rule and year
    severity = models.CharField("级别", max_length=8, choices=Severity.choices)
    message = models.CharField("预警内容", max_length=300)
    status = models.CharField(
        "状态", max_length=10, choices=WarningStatus.choices, default=WarningStatus.PUSHED
    )
    explain_due = models.DateField("说明期限", null=True, blank=True)
    explanation = models.TextField("单位说明", blank=True)
    note = models.TextField("核查意见", blank=True)
    raised_on = models.DateField("预警日期")
    closed_on = models.DateField("关闭日期", null=True, blank=True)

    class Meta:
        verbose_name = "预算预警"
        ordering = ["status", "-raised_on", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "year", "key"], name="sv_warning_once")]
        indexes = [models.Index(fields=["body", "year", "status"])]

    def __str__(self) -> str:
        return str(self.message)

    def is_overdue(self, on: date) -> bool:
        return self.status == WarningStatus.PUSHED and bool(self.explain_due) and on > self.explain_due
