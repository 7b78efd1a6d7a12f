"""代表约见国家机关负责人 (seeds 001): a request, its arrangement, the meeting, what was said, the follow-up."""

from django.conf import settings
from django.db import models

from ..choices import MeetingState


class OfficialMeeting(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    lead = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="official_meetings_led", verbose_name="领衔代表"
    )
    mandates = models.ManyToManyField(
        "deputies.Mandate", related_name="official_meetings", verbose_name="参加约见的代表"
    )
    topic = models.CharField("约见事由", max_length=200)
    unit = models.ForeignKey("core.Unit", models.PROTECT, related_name="+", verbose_name="约见单位")
    official = models.CharField("约见负责人", max_length=60)
    reason = models.TextField("情况和问题", blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=MeetingState.choices, default=MeetingState.REQUESTED, db_index=True
    )
    scheduled_at = models.DateTimeField("约见时间", null=True, blank=True)
    place = models.CharField("地点", max_length=100, blank=True)
    held_on = models.DateField("约见日期", null=True, blank=True)
    minutes = models.TextField("约见情况（谈了什么）", blank=True)
    commitments = models.TextField("负责人答复和承诺", blank=True)
    follow_up = models.TextField("跟踪落实情况", blank=True)
    decline_reason = models.CharField("未安排理由", max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "约见国家机关负责人"
        verbose_name_plural = "约见国家机关负责人"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.topic
