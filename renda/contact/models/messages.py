"""A voter's message (社情民意) and its replies, timeline and photos (domain.md §2, §4)."""

from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from renda.core.crypto import EncryptedCharField

from ..choices import (
    Category,
    Channel,
    NotAcceptedReason,
    Outcome,
    Rating,
    ReplyKind,
    Status,
    Urgency,
)
from .policy import REOPEN_CAP


class Message(models.Model):
    # The congress body that handles it: the station's body, else the addressed deputy's body.
    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="voter_messages", verbose_name="办理机关"
    )
    station = models.ForeignKey(
        "deputies.Station",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="联络站",
    )
    mandate = models.ForeignKey(
        "deputies.Mandate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_messages",
        verbose_name="代表",
    )
    reception = models.ForeignKey(
        "contact.ReceptionDay",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="接待日",
    )
    township = models.ForeignKey(
        "core.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所在乡镇（街道）"
    )
    # The voter's only key to the status page (unguessable, see codes.py). Only its keyed hash is stored
    # (codes.digest); the clear code exists in memory on the new row (`message.code`), shown once.
    code_hash = models.CharField("查询码摘要", max_length=64, unique=True)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices, default=Channel.WEB)
    category = models.CharField("类别", max_length=12, choices=Category.choices)
    # db_default: rows written by raw SQL (the benchmark generator) before acceptance have no type yet.
    urgency = models.CharField(
        "诉求类型", max_length=10, choices=Urgency.choices, blank=True, default="", db_default=""
    )
    title = models.CharField("标题", max_length=80)
    content = models.TextField("内容")
    place = models.CharField("地点", max_length=100, blank=True)
    voter_name = models.CharField("称呼", max_length=40, blank=True)
    # Personal data (domain.md §7.2): encrypted at rest, masked on screens, never published.
    phone = EncryptedCharField("联系电话", blank=True, default="")
    # A keyed hash of the phone (core.crypto.lookup_hash) so a voter's request for their data can be found by
    # number without decrypting every row (contact/privacy.py); blank when there is no phone.
    phone_hash = models.CharField(max_length=64, blank=True, default="", db_default="", db_index=True)
    consent_at = models.DateTimeField("同意隐私说明时间")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )

    status = models.CharField("状态", max_length=14, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField("办理方式", max_length=12, choices=Outcome.choices, blank=True)
    not_accepted_reason = models.CharField(
        "不予受理原因", max_length=12, choices=NotAcceptedReason.choices, blank=True
    )
    decision_note = models.TextField("说明", blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="voter_messages",
        verbose_name="承办单位",
    )
    # The draft suggestion made from this message; the suggestion points back through its `origin`.
    suggestion = models.ForeignKey(
        "suggestions.Suggestion",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="voter_messages",
        verbose_name="转成的代表建议",
    )
    hotline_ref = models.CharField("12345工单号", max_length=40, blank=True)

    received_at = models.DateTimeField("收到时间", db_index=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    forwarded_at = models.DateTimeField("转办时间", null=True, blank=True)
    replied_at = models.DateTimeField("答复时间", null=True, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    # Clocks in hours (domain.md §2.3) keep the exact moment in *_due_at; the date beside it is that moment's
    # local day, for day-level lists, the three rates and their indexes.
    accept_due_at = models.DateTimeField("受理期限（时刻）", null=True, blank=True)
    accept_due = models.DateField("受理期限", null=True, blank=True)
    forward_due = models.DateField("转办期限", null=True, blank=True)
    reply_due_at = models.DateTimeField("答复期限（时刻）", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True)
    rate_due = models.DateField("评价期限", null=True, blank=True)
    # Stored at the moment they become known so the three rates are one grouped aggregate.
    accepted_on_time = models.BooleanField("按时受理", null=True, blank=True)
    replied_on_time = models.BooleanField("按时答复", null=True, blank=True)
    rating = models.CharField("评价", max_length=12, choices=Rating.choices, blank=True)
    resolved = models.BooleanField("问题已解决", null=True, blank=True)
    rating_note = models.CharField("评价意见", max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField("重新办理次数", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "社情民意"
        verbose_name_plural = "社情民意"
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "reply_due_at"], name="contact_msg_unit_todo_at"),
            models.Index(fields=["body", "status", "received_at"], name="contact_msg_body_status"),
            models.Index(fields=["station", "received_at"], name="contact_msg_station"),
            models.Index(fields=["mandate", "received_at"], name="contact_msg_mandate"),
            models.Index(fields=["township", "received_at"], name="contact_msg_township"),
            # The overdue board and the home page's overdue count (selectors.overdue): each stage's deadline over
            # the few messages in that stage, so the OR of the three becomes three small index scans
            # (a sequential scan of every message before: 0.9 s at 2 M messages, 0.19 s with these).
            models.Index(
                fields=["accept_due_at"], condition=Q(status="received"), name="contact_msg_accept_open_at"
            ),
            models.Index(
                fields=["forward_due"], condition=Q(status="accepted"), name="contact_msg_forward_open"
            ),
            models.Index(
                fields=["reply_due_at"],
                condition=Q(status__in=["forwarded", "reopened"]),
                name="contact_msg_reply_open_at",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_accepted") | ~Q(not_accepted_reason=""),
                name="contact_msg_not_accepted_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reopen_count__lte=REOPEN_CAP), name="contact_msg_reopen_capped"
            ),
        ]

    def __str__(self) -> str:
        return f"留言 {self.pk}"

    def save(self, *args, **kwargs) -> None:
        from ..privacy import phone_digest

        self.phone_hash = phone_digest(self.phone)
        if kwargs.get("update_fields") is not None and "phone" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "phone_hash"}
        super().save(*args, **kwargs)

    @property
    def current_due(self) -> date | None:
        """The deadline the message is waiting on in its present state."""
        return {
            Status.RECEIVED: self.accept_due,
            Status.ACCEPTED: self.forward_due,
            Status.FORWARDED: self.reply_due,
            Status.REOPENED: self.reply_due,
            Status.REPLIED: self.rate_due,
        }.get(self.status)

    @property
    def current_due_field(self) -> str:
        return {
            Status.RECEIVED: "accept_due",
            Status.ACCEPTED: "forward_due",
            Status.FORWARDED: "reply_due",
            Status.REOPENED: "reply_due",
            Status.REPLIED: "rate_due",
        }.get(self.status, "")

    @property
    def current_due_at(self) -> datetime | None:
        """The exact moment for the clocks kept in hours (acceptance, reply), else None."""
        if self.status == Status.RECEIVED:
            return self.accept_due_at
        if self.status in (Status.FORWARDED, Status.REOPENED):
            return self.reply_due_at
        return None

    def is_overdue(self, on: date, now: datetime | None = None) -> bool:
        if self.status == Status.REPLIED:
            return False
        at = self.current_due_at
        if at is not None:
            return at < (now or timezone.now())
        due = self.current_due
        return due is not None and due < on

    @property
    def overdue_now(self) -> bool:
        return self.is_overdue(timezone.localdate())

    def days_left(self, on: date) -> int | None:
        due = self.current_due
        return None if due is None else (due - on).days

    @property
    def is_open(self) -> bool:
        from ..choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES


class Reply(models.Model):
    """An answer the voter sees: on the spot, by a handling unit, or a note (round 2 after 不满意)."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="replies")
    round = models.PositiveSmallIntegerField("轮次", default=1)
    kind = models.CharField("类别", max_length=10, choices=ReplyKind.choices)
    unit = models.ForeignKey("core.Unit", models.PROTECT, null=True, blank=True, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField("答复人", max_length=120)
    text = models.TextField("答复内容")
    at = models.DateTimeField("答复时间")

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["message", "at", "id"]

    def __str__(self) -> str:
        return f"{self.message_id} 第{self.round}次答复"


class MessageEvent(models.Model):
    """The message's timeline; `public` rows are what the voter sees on the status page."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="events")
    at = models.DateTimeField("时间")
    action = models.CharField("动作", max_length=30)
    label = models.CharField("说明", max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    note = models.TextField("备注", blank=True)
    status_after = models.CharField(max_length=14, choices=Status.choices)
    public = models.BooleanField("选民可见", default=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["message", "at", "id"]
        indexes = [models.Index(fields=["message", "at"])]

    def __str__(self) -> str:
        return f"{self.message_id} {self.action}"


class Photo(models.Model):
    """A photo the voter attached; re-encoded on upload (type checked by content, GPS removed unless kept)."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="photos")
    file = models.FileField("照片", upload_to="contact/photos/%Y/%m/")
    content_type = models.CharField(max_length=30)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    kept_location = models.BooleanField("保留位置信息", default=False)

    class Meta:
        verbose_name = "照片"
        verbose_name_plural = "照片"

    def __str__(self) -> str:
        return self.file.name
