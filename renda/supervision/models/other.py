"""Livelihood projects (民生实事票决), record-filing review (备案审查) and case-quality review (案件质量评查),
domain.md §5 and wave2-references (b). Major matters are in `matter.py`."""

from datetime import date

from django.db import models

from ..choices import FilingStatus, Grade, ProjectStatus


class Project(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("项目", max_length=120)
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="实施单位")
    summary = models.TextField("内容", blank=True)
    budget = models.DecimalField("计划投资（万元）", max_digits=12, decimal_places=2)
    spent = models.DecimalField("已完成投资（万元）", max_digits=12, decimal_places=2, default=0)
    progress = models.PositiveSmallIntegerField("形象进度（%）", default=0)
    status = models.CharField(
        "状态", max_length=14, choices=ProjectStatus.choices, default=ProjectStatus.CANDIDATE
    )
    votes = models.PositiveIntegerField("得票", null=True, blank=True)
    poll_id = models.PositiveIntegerField("票决", null=True, blank=True)
    rating_poll_id = models.PositiveIntegerField("年终测评", null=True, blank=True)
    rating = models.CharField("年终测评", max_length=12, choices=Grade.choices, blank=True)
    rating_line = models.CharField("测评票数", max_length=200, blank=True)
    rating_rule = models.TextField("测评判定规则", blank=True)

    class Meta:
        verbose_name = "民生实事项目"
        ordering = ["-year", "-votes", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="sv_progress_range")
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(Project, models.CASCADE, related_name="milestones")
    title = models.CharField("节点", max_length=80)
    due = models.DateField("计划完成")
    done_on = models.DateField("实际完成", null=True, blank=True)

    class Meta:
        ordering = ["due"]

    def __str__(self) -> str:
        return str(self.title)

    def is_overdue(self, on: date) -> bool:
        return self.done_on is None and on > self.due


class Filing(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    title = models.CharField("文件名称", max_length=160)
    number = models.CharField("文号", max_length=60)
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="制定机关")
    published_on = models.DateField("公布日期")
    filing_due = models.DateField("报备期限")
    filed_on = models.DateField("报备日期", null=True, blank=True)
    check_due = models.DateField("形式审查期限", null=True, blank=True)
    review_due = models.DateField("审查期限", null=True, blank=True)
    correction_due = models.DateField("纠正期限", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=FilingStatus.choices, default=FilingStatus.FILED)
    finding = models.TextField("审查意见", blank=True)
    due_note = models.CharField("期限计算", max_length=300, blank=True)

    class Meta:
        verbose_name = "规范性文件备案"
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return self.title

    def filed_late(self) -> bool:
        return bool(self.filed_on and self.filed_on > self.filing_due)

    def overdue(self, on: date) -> str:
        if self.filed_on is None and on > self.filing_due:
            return "逾期未报备"
        if (
            self.status in (FilingStatus.FILED, FilingStatus.REVIEWING)
            and self.review_due
            and on > self.review_due
        ):
            return "审查超期"
        if self.status == FilingStatus.CORRECTION and self.correction_due and on > self.correction_due:
            return "逾期未纠正"
        return ""


class CaseReview(models.Model):
    """One unit's case-quality review (案件质量评查, seed 000: 58 units, 684 cases, 23 opinions): cases sampled,
    reviewers, a score per criterion on the review's own sheet (`criteria`: rows `{"name", "max", "score"}`),
    findings and opinions; the score is Σ score ÷ Σ max × 100."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    year = models.PositiveSmallIntegerField("年度")
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="被评查单位")
    total_cases = models.PositiveIntegerField("办结案件总数", null=True, blank=True)
    cases = models.PositiveIntegerField("抽查案件数")
    case_numbers = models.TextField("抽查案件（案号）", blank=True)
    reviewers = models.CharField("评查人员", max_length=200)
    score = models.DecimalField("得分（百分制）", max_digits=5, decimal_places=2)
    criteria = models.JSONField("分项得分", default=list)
    flawed = models.PositiveIntegerField("瑕疵案件", default=0)
    findings = models.TextField("发现问题", blank=True)
    opinion_text = models.TextField("评查意见", blank=True)
    opinions = models.PositiveIntegerField("评查意见数", default=0)

    class Meta:
        verbose_name = "案件质量评查"
        ordering = ["-year", "score"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.unit}"

    def opinion_lines(self) -> list[str]:
        return [ln.strip() for ln in self.opinion_text.splitlines() if ln.strip()]
