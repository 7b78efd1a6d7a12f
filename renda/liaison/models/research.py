"""代表专业组调研 (seeds 003: 代表专业组调研百余次，形成调研报告 50 篇): topics, activities, reports."""

from django.conf import settings
from django.db import models


class ResearchTopic(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    group = models.ForeignKey(
        "deputies.ProfessionalGroup", models.PROTECT, related_name="research_topics", verbose_name="专业组"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("调研课题", max_length=120)
    lead = models.ForeignKey("deputies.Mandate", models.PROTECT, related_name="+", verbose_name="牵头代表")
    members = models.ManyToManyField(
        "deputies.Mandate", related_name="research_topics", verbose_name="课题组成员"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "专业组调研课题"
        verbose_name_plural = "专业组调研课题"
        ordering = ["-year", "group", "id"]

    def __str__(self) -> str:
        return self.title


class ResearchActivity(models.Model):
    topic = models.ForeignKey(ResearchTopic, models.CASCADE, related_name="activities", verbose_name="课题")
    on = models.DateField("日期")
    title = models.CharField("调研活动", max_length=120)
    place = models.CharField("地点", max_length=100, blank=True)
    participants = models.ManyToManyField("deputies.Mandate", related_name="+", verbose_name="参加代表")
    findings = models.TextField("了解到的情况", blank=True)

    class Meta:
        verbose_name = "调研活动"
        verbose_name_plural = "调研活动"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.title


class ResearchReport(models.Model):
    topic = models.ForeignKey(ResearchTopic, models.PROTECT, related_name="reports", verbose_name="课题")
    title = models.CharField("调研报告", max_length=120)
    submitted_on = models.DateField("报送日期")
    summary = models.TextField("主要内容和建议")
    suggestions = models.ManyToManyField(
        "suggestions.Suggestion", related_name="+", verbose_name="形成的代表建议", blank=True
    )

    class Meta:
        verbose_name = "调研报告"
        verbose_name_plural = "调研报告"
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return self.title
