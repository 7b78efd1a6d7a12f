"""Reports to voters (向选民述职) and the voters' evaluation (domain.md §3.4)."""

from django.conf import settings
from django.db import models

from ..choices import Channel, MeetingStatus, Verdict


class ReportMeeting(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="组织机关")
    title = models.CharField("会议名称", max_length=200)
    constituency = models.ForeignKey(
        "deputies.Constituency", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="选区"
    )
    mandates = models.ManyToManyField(
        "deputies.Mandate", related_name="report_meetings", verbose_name="述职代表"
    )
    on = models.DateField("日期")
    place = models.CharField("地点", max_length=200)
    min_voters = models.PositiveSmallIntegerField("最少选民代表人数")
    status = models.CharField(
        "状态", max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Voters open the ballot page by this token (QR code); it closes when the result is published.
    token = models.CharField(max_length=32, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "述职会"
        verbose_name_plural = "述职会"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return self.title


class Invitee(models.Model):
    meeting = models.ForeignKey(ReportMeeting, models.CASCADE, related_name="invitees")
    name = models.CharField("姓名", max_length=40)
    place = models.CharField("所在村（社区）", max_length=60, blank=True)
    attended = models.BooleanField("到会", default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """One voter's verdict on one deputy, on paper (entered by staff) or from a phone."""

    meeting = models.ForeignKey(ReportMeeting, models.CASCADE, related_name="evaluations")
    mandate = models.ForeignKey("deputies.Mandate", models.PROTECT, related_name="+")
    verdict = models.CharField("评价", max_length=12, choices=Verdict.choices)
    channel = models.CharField("方式", max_length=8, choices=Channel.choices)
    ballot = models.CharField(max_length=40, blank=True, default="")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["meeting", "mandate", "verdict"])]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "mandate", "ballot"],
                condition=~models.Q(ballot=""),
                name="evaluation_one_per_ballot",
            ),
        ]

    def __str__(self) -> str:
        return self.get_verdict_display()
