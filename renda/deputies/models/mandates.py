"""A mandate is one person's seat in one congress for one term; its changes are kept as history."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from renda.core.models import Level

from ..choices import CURRENT_STATUSES, ChangeKind, MandateStatus


class Mandate(models.Model):
    person = models.ForeignKey(
        "deputies.Person", models.PROTECT, related_name="mandates", verbose_name="代表"
    )
    # The congress (or township presidium) the deputy sits in; data scope runs through it.
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="mandates", verbose_name="所属人大")
    level = models.CharField("层级", max_length=16, choices=Level.choices, editable=False)
    term = models.ForeignKey("deputies.Term", models.PROTECT, related_name="mandates", verbose_name="届次")
    constituency = models.ForeignKey(
        "deputies.Constituency",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name="选区",
    )
    # Deputies above county level are elected by the congress below, not by voters (选举单位).
    electing_body = models.ForeignKey(
        "core.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="选举单位"
    )
    delegation = models.ForeignKey(
        "deputies.Delegation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name="代表团",
    )
    group = models.ForeignKey(
        "deputies.DeputyGroup",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name="代表小组",
    )
    professional_groups = models.ManyToManyField(
        "deputies.ProfessionalGroup", blank=True, related_name="mandates", verbose_name="专业小组"
    )
    card_number = models.CharField("代表证号", max_length=30, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=MandateStatus.choices, default=MandateStatus.ACTIVE
    )
    start_date = models.DateField("任职起始")
    end_date = models.DateField("任职终止", null=True, blank=True)
    re_elected = models.BooleanField("连任", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "代表资格"
        verbose_name_plural = "代表资格"
        ordering = ["body", "person__name_pinyin", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "body", "term"],
                condition=Q(status__in=list(CURRENT_STATUSES)),
                name="mandate_one_current_per_person_body_term",
            ),
            models.UniqueConstraint(
                fields=["body", "term", "card_number"],
                condition=~Q(card_number=""),
                name="mandate_unique_card_number",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="mandate_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=MandateStatus.ENDED) | Q(end_date__isnull=False),
                name="mandate_ended_has_end_date",
            ),
        ]
        indexes = [
            models.Index(fields=["body", "status"]),
            models.Index(fields=["level", "status"]),
            models.Index(fields=["start_date", "end_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.body}"

    def save(self, *args, **kwargs) -> None:
        if self.body_id and not self.level:
            self.level = self.body.level
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES

    def held_on(self, on: date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date > on)


class MandateChange(models.Model):
    """One change of mandate (补选、辞职、罢免、终止、暂停、恢复、调整选区、去世); the roster on a past date
    is derived from these rows and the mandate dates they set."""

    mandate = models.ForeignKey(Mandate, models.PROTECT, related_name="changes", verbose_name="代表资格")
    kind = models.CharField("变动类型", max_length=16, choices=ChangeKind.choices)
    date = models.DateField("生效日期")
    reason = models.CharField("事由", max_length=500, blank=True)
    document = models.CharField("决定文号", max_length=100, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    at = models.DateTimeField("登记时间", auto_now_add=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "代表资格变动"
        verbose_name_plural = "代表资格变动"
        ordering = ["mandate", "date", "id"]
        indexes = [models.Index(fields=["mandate", "date"]), models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"
