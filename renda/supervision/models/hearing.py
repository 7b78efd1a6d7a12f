"""Online hearings and special inquiries (网络问政·专题询问, 监督法第四十七—五十条; seed 001)."""

from django.db import models

from ..choices import Grade, HearingStatus, QuestionStatus


class Hearing(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    item = models.ForeignKey(
        "supervision.PlanItem",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearings",
        verbose_name="计划事项",
    )
    title = models.CharField("名称", max_length=120)
    held_on = models.DateField("问政日期")
    place = models.CharField("地点", max_length=80, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=HearingStatus.choices, default=HearingStatus.COLLECTING
    )
    answer_minutes = models.PositiveSmallIntegerField("每题答复时间（分钟）", default=5)
    current = models.ForeignKey(
        "supervision.Question", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    current_started = models.DateTimeField(null=True, blank=True)
    public = models.BooleanField("公开征集问题", default=True)

    class Meta:
        verbose_name = "网络问政"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    hearing = models.ForeignKey(Hearing, models.CASCADE, related_name="questions")
    asker = models.CharField("提问人", max_length=40)
    from_deputy = models.BooleanField("代表提问", default=False)
    text = models.TextField("问题")
    unit = models.ForeignKey(
        "core.Unit", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="答复单位"
    )
    answerer = models.CharField("答复人", max_length=60, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    status = models.CharField(
        "状态", max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.PROPOSED
    )
    poll_id = models.PositiveIntegerField("现场测评", null=True, blank=True)
    grade = models.CharField("测评结果", max_length=12, choices=Grade.choices, blank=True)
    grade_source = models.CharField("测评依据", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:30]
