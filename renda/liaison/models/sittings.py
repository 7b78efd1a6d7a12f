"""代表列席常委会会议 (seeds 002): a committee sitting, the deputies invited in rotation, attendance, speeches."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from ..choices import Reply


class Sitting(models.Model):
    """One standing-committee meeting deputies sit in on. `meeting_*` points at the meetings app's meeting
    when there is one (a generic reference: this app never depends on meetings' tables)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="常委会")
    title = models.CharField("会议名称", max_length=120)
    on = models.DateField("会议日期")
    place = models.CharField("地点", max_length=100, blank=True)
    agenda = models.TextField("主要议程", blank=True)
    meeting_type = models.ForeignKey(ContentType, models.PROTECT, null=True, blank=True, related_name="+")
    meeting_id = models.CharField(max_length=40, blank=True)
    attendance_taken = models.BooleanField("已登记出席", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "列席会议"
        verbose_name_plural = "列席会议"
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return self.title


class SittingInvitation(models.Model):
    sitting = models.ForeignKey(Sitting, models.CASCADE, related_name="invitations", verbose_name="会议")
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="sittings", verbose_name="代表"
    )
    reply = models.CharField("答复", max_length=10, choices=Reply.choices, default=Reply.PENDING)
    attended = models.BooleanField("出席", null=True)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "列席邀请"
        verbose_name_plural = "列席邀请"
        ordering = ["sitting", "mandate__person__name_pinyin"]
        constraints = [models.UniqueConstraint(fields=["sitting", "mandate"], name="sitting_invite_once")]

    def __str__(self) -> str:
        return f"{self.sitting} · {self.mandate}"


class SittingSpeech(models.Model):
    """A speech of an invited deputy at the sitting (审议发言): a duty of its own."""

    invitation = models.ForeignKey(SittingInvitation, models.CASCADE, related_name="speeches")
    subject = models.CharField("议题", max_length=120)
    content = models.TextField("发言要点")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "列席发言"
        verbose_name_plural = "列席发言"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.subject
