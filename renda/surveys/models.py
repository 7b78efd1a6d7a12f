"""Tables of the surveys app: a survey and its questions, who took part, and the answer sets.

Who answered and what was answered are two tables (docs/surveys.md "Anonymity"): `Participation` says that a
person (or a device) answered, `Response` holds the answers under a random id. For an anonymous survey the
response keeps neither the person nor a time, so the two can't be joined back — the secret-ballot shape of
wave2-references.md, cross-cutting lesson 2.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Audience(models.TextChoices):
    DEPUTIES = "deputies", "本级人大代表"
    MEMBERS = "members", "常委会组成人员"
    NAMED = "named", "指定人员"
    PUBLIC = "public", "社会公众（链接或二维码）"


class Kind(models.TextChoices):
    SINGLE = "single", "单选题"
    MULTIPLE = "multiple", "多选题"
    RATING = "rating", "评价量表"
    MATRIX = "matrix", "矩阵评价题"
    TEXT = "text", "填空题（文字）"


class Channel(models.TextChoices):
    ONLINE = "online", "网上填写"
    PAPER = "paper", "纸质问卷录入"


def _slug() -> str:
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="surveys", verbose_name="所属机关")
    title = models.CharField("问卷标题", max_length=120)
    intro = models.TextField("填写说明", blank=True)
    audience = models.CharField("调查对象", max_length=12, choices=Audience.choices)
    anonymous = models.BooleanField(
        "匿名", default=True, help_text="匿名问卷：工作人员只知道谁已填写，不知道谁填了什么"
    )
    opens_at = models.DateTimeField("开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    results_public = models.BooleanField("公开结果", default=False)
    # When the answer sets of a closed survey were rewritten in a random order (services.seal).
    sealed_at = models.DateTimeField("封存时间", null=True, blank=True, editable=False)
    slug = models.CharField("公开链接码", max_length=16, unique=True, default=_slug, editable=False)
    version = models.PositiveSmallIntegerField("版本", default=1)
    previous = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="versions", verbose_name="上一版本"
    )
    # Bumped by every builder change: the public endpoint caches the compiled definition under it.
    structure = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "问卷"
        verbose_name_plural = "问卷"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="surveys_closes_after_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.PUBLIC

    def status(self, now=None) -> str:
        now = now or timezone.now()
        if not self.published_at:
            return "draft"
        if self.opens_at and now < self.opens_at:
            return "scheduled"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    STATUS_LABELS = {"draft": "草稿", "scheduled": "未开始", "open": "填写中", "closed": "已截止"}

    def status_label(self) -> str:
        return self.STATUS_LABELS[self.status()]


class Section(models.Model):
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("分节标题", max_length=120)
    description = models.TextField("分节说明", blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="surveys_section_position")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, models.SET_NULL, null=True, blank=True, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField("题型", max_length=10, choices=Kind.choices)
    text = models.CharField("题目", max_length=300)
    help_text = models.CharField("提示", max_length=300, blank=True)
    required = models.BooleanField("必答", default=True)
    max_choices = models.PositiveSmallIntegerField("最多选几项", null=True, blank=True)
    published = models.BooleanField("结果公开", default=True, help_text="公开结果页是否显示本题")
    # Display condition (Decidim display_conditions): shown only when `show_if` was answered with this option.
    show_if = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="conditioned", verbose_name="显示条件题"
    )
    show_if_option = models.ForeignKey(
        "Option", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="显示条件选项"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="surveys_question_position"),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=1),
                name="surveys_max_choices_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def has_options(self) -> bool:
        return self.kind != Kind.TEXT


class Option(models.Model):
    """A choice, or a point of a rating scale; `score` (0–100) lets a scale feed supervision's appraisal."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("选项", max_length=120)
    score = models.DecimalField("分值（0–100）", max_digits=5, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="surveys_option_position"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
                name="surveys_score_0_100",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class MatrixRow(models.Model):
    """One item rated in a matrix question (e.g. 县人大常委会工作报告), all on the question's options."""

    question = models.ForeignKey(Question, models.CASCADE, related_name="rows")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField("评价对象", max_length=120)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "position"], name="surveys_row_position")]

    def __str__(self) -> str:
        return self.label


class Invitee(models.Model):
    """A named respondent: one answer each (domain: deputies at the session, standing-committee members)."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="invitees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="survey_invitations")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_invitation")]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.user_id}"


class Participation(models.Model):
    """That someone answered: a named user, or a public device (its token's hash). Never what they answered."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="participations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    device_hash = models.CharField(max_length=64, null=True, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"],
                condition=Q(user__isnull=False),
                name="surveys_one_answer_per_person",
            ),
            models.UniqueConstraint(
                fields=["survey", "device_hash"],
                condition=Q(device_hash__isnull=False),
                name="surveys_one_answer_per_device",
            ),
        ]

    def __str__(self) -> str:
        return f"participation {self.pk}"


class Response(models.Model):
    """One answer set under a random id. `answers` maps question id → option id, [option ids], {row id: option
    id} or text. `respondent` and `submitted_at` stay empty when the survey is anonymous."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="responses")
    answers = models.JSONField(default=dict)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["survey"], name="surveys_response_survey")]

    def __str__(self) -> str:
        return str(self.id)
