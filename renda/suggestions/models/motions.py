"""Reconsideration of a motion decision (复议, domain.md §1.4; Shanghai motion rules Art. 14).

After the presidium decides not to treat a motion as a motion (不予立案) or to handle it as a suggestion
(转作建议), a majority of its sponsors — and at least the policy's minimum — may ask for reconsideration
before the cut-off ahead of the presidium's last meeting. One request per item; the presidium decides once. The support needed and the cut-off are computed from the
body's policy when asked (services/reconsideration.py), so a corrected meeting time applies at once.
"""

from django.conf import settings
from django.db import models

from .choices import MotionDecision, ReconsiderationStatus
from .items import Suggestion


class Reconsideration(models.Model):
    suggestion = models.OneToOneField(
        Suggestion, models.CASCADE, related_name="reconsideration", verbose_name="议案"
    )
    decision = models.CharField("被申请复议的决定", max_length=16, choices=MotionDecision.choices)
    reasons = models.TextField("复议理由")
    sponsors = models.PositiveSmallIntegerField(
        "提案代表人数", help_text="领衔代表和已确认、未撤回的附议代表"
    )
    status = models.CharField(
        "状态", max_length=10, choices=ReconsiderationStatus.choices, default=ReconsiderationStatus.OPEN
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField("申请时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("决定时间", null=True, blank=True)
    decision_note = models.TextField("主席团复议意见", blank=True)

    class Meta:
        verbose_name = "议案复议申请"
        verbose_name_plural = "议案复议申请"

    def __str__(self) -> str:
        return f"复议：{self.suggestion}"


class ReconsiderationSupport(models.Model):
    """One sponsor (the lead deputy or a co-signer) who joins the request; counted against `needed`."""

    reconsideration = models.ForeignKey(Reconsideration, models.CASCADE, related_name="supports")
    mandate = models.ForeignKey("deputies.Mandate", models.PROTECT, related_name="+", verbose_name="提案代表")
    at = models.DateTimeField("联名时间")

    class Meta:
        verbose_name = "复议联名"
        verbose_name_plural = "复议联名"
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reconsideration", "mandate"], name="reconsideration_support_once"
            )
        ]

    def __str__(self) -> str:
        return str(self.mandate)
