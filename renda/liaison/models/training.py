"""代表学习培训 (seeds 003: 区人大代表培训中心, courses by level): courses, invitations, sign-in, materials."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..choices import CourseLevel


class Course(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="举办机关")
    title = models.CharField("培训名称", max_length=120)
    level = models.CharField("培训类别", max_length=16, choices=CourseLevel.choices)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=100, blank=True)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=4)
    content = models.TextField("培训内容", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "培训班"
        verbose_name_plural = "培训班"
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="course_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CourseInvitation(models.Model):
    course = models.ForeignKey(Course, models.CASCADE, related_name="invitations", verbose_name="培训班")
    mandate = models.ForeignKey(
        "deputies.Mandate", models.PROTECT, related_name="courses", verbose_name="代表"
    )
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)

    class Meta:
        verbose_name = "参训代表"
        verbose_name_plural = "参训代表"
        ordering = ["course", "mandate__person__name_pinyin"]
        constraints = [models.UniqueConstraint(fields=["course", "mandate"], name="course_invite_once")]

    def __str__(self) -> str:
        return f"{self.course} · {self.mandate}"

    @property
    def attendance_label(self) -> str:
        from django.utils import timezone

        if self.signed_in_at:
            return "已签到"
        return "未参加" if self.course.ends_at < timezone.now() else "待签到"


class CourseMaterial(models.Model):
    course = models.ForeignKey(Course, models.CASCADE, related_name="materials", verbose_name="培训班")
    title = models.CharField("材料名称", max_length=120)
    file = models.FileField("文件", upload_to="liaison/materials/", blank=True)
    text = models.TextField("内容摘要", blank=True)

    class Meta:
        verbose_name = "培训材料"
        verbose_name_plural = "培训材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
