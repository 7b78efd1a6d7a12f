"""Major-matter decisions (重大事项决定): proposed, deliberated, decided by a resolution vote of the standing
committee (a poll on a meeting's agenda item, renda.meetings + renda.voting), then tracked — implementation
reports and a follow-up — until closed (地方组织法第五十条; 监督法第十七条 跟踪监督, domain.md §5.1)."""

from django.conf import settings
from django.db import models

from ..choices import MatterStatus


class Matter(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    title = models.CharField("重大事项", max_length=160)
    proposer = models.CharField("提请机关", max_length=60)
    proposed_on = models.DateField("提请日期")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision = models.TextField("决定/决议", blank=True)
    status = models.CharField(
        "状态", max_length=14, choices=MatterStatus.choices, default=MatterStatus.PROPOSED
    )
    poll_id = models.PositiveIntegerField("表决", null=True, blank=True, unique=True)
    vote_line = models.CharField("表决结果", max_length=300, blank=True)
    decided_by = models.TextField("判定规则", blank=True)
    meeting_title = models.CharField("审议会议", max_length=200, blank=True)
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="执行单位"
    )
    report_due = models.DateField("执行情况报告期限", null=True, blank=True)

    class Meta:
        verbose_name = "重大事项决定"
        ordering = ["-proposed_on"]

    def __str__(self) -> str:
        return self.title

    def report_overdue(self, on) -> bool:
        """Tracked, past the report deadline, and no implementation report yet."""
        return (
            self.status == MatterStatus.TRACKED
            and bool(self.report_due)
            and on > self.report_due
            and (not self.reports.all())
        )


class MatterReport(models.Model):
    """An implementation report on a decided matter (决定执行情况报告), by the unit or entered by staff."""

    matter = models.ForeignKey(Matter, models.CASCADE, related_name="reports", verbose_name="重大事项")
    text = models.TextField("执行情况")
    reported_on = models.DateField("报告日期")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="报告人")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重大事项执行情况报告"
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.matter_id} {self.reported_on}"
