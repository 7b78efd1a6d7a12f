"""Notifications: the inbox (system of record), the outbox of e-mail/SMS/WeChat deliveries, templates,
per-user preferences, per-body policy and the date-keyed digest ledger (docs/notify.md)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from renda.core.crypto import EncryptedCharField


class Notification(models.Model):
    """One message in a user's inbox: always written, whatever else is delivered (the system of record)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读", null=True, blank=True)
    # Repeated reminders of the same thing (a deadline scan runs daily) must not pile up.
    dedupe_key = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["user", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="notification_dedupe"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"
    WECHAT = "wechat", "微信公众号"


class Status(models.TextChoices):
    QUEUED = "queued", "待发送"
    SENDING = "sending", "发送中"
    CHECKING = "checking", "结果待查"
    RETRY = "retry", "失败待重试"
    SENT = "sent", "已发送"
    DEAD = "dead", "发送失败（不再重试）"
    SKIPPED = "skipped", "未发送（限制或偏好）"


OPEN = (Status.QUEUED, Status.RETRY)  # what the dispatcher claims
FINAL = (Status.SENT, Status.DEAD, Status.SKIPPED)


class Outbox(models.Model):
    """One delivery of one notification over one channel to one address.

    Written in the caller's transaction (no dual write). `key` is (event, recipient, channel): the unique
    index makes a second enqueue of the same event a no-op, and it is what the provider gets as its
    idempotency reference (Aliyun OutId, Tencent SessionContext, the e-mail Message-ID).
    """

    key = models.CharField("幂等键", max_length=200, unique=True)
    event = models.CharField("事件", max_length=160)
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="收件人",
    )
    body = models.ForeignKey(
        "core.Body", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="人大机关"
    )  # whose staff see the row (the event's body)
    # Phone, e-mail or OpenID: encrypted at rest like every phone number (design.md "Security"); the keyed hash
    # is what the per-number limits compare.
    address = EncryptedCharField("地址")
    address_hash = models.CharField(max_length=64, blank=True, default="")
    template = models.CharField("模板", max_length=60, blank=True)
    provider_template = models.CharField("服务商模板编号", max_length=80, blank=True)
    subject = models.CharField("标题", max_length=200, blank=True)
    text = models.TextField("内容", blank=True)
    params = models.JSONField("模板参数", default=dict, blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    fallback = models.JSONField("后备渠道", default=list, blank=True)  # e.g. ["sms"] after WeChat
    urgent = models.BooleanField("紧急", default=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    checks = models.PositiveSmallIntegerField("查询次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试")
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    expires_at = models.DateTimeField("过期时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    provider_ref = models.CharField("服务商回执编号", max_length=120, blank=True)
    last_error = models.CharField("最近错误", max_length=500, blank=True)
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "发送队列"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["channel", "address_hash", "created_at"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.key}"

    def masked_address(self) -> str:
        """What the admin pages show: 138****5678, w***@example.cn, an OpenID's last 4 characters."""
        a = self.address
        if self.channel == Channel.SMS and len(a) >= 7:
            return a[:3] + "****" + a[-4:]
        if self.channel == Channel.EMAIL and "@" in a:
            name, _, domain = a.partition("@")
            return name[:1] + "***@" + domain
        return "…" + a[-4:]


class Attempt(models.Model):
    """One try (or one receipt check) of an outbox row: what happened, for the admin page."""

    outbox = models.ForeignKey(Outbox, models.CASCADE, related_name="log")
    at = models.DateTimeField("时间")
    kind = models.CharField("类型", max_length=10, default="send")  # send | check
    result = models.CharField("结果", max_length=10)  # sent | retry | permanent | unknown | pending
    error = models.CharField("错误", max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.result}"


class Approval(models.TextChoices):
    PENDING = "pending", "待服务商审核"
    APPROVED = "approved", "已通过"
    REJECTED = "rejected", "未通过"


class Template(models.Model):
    """A body's own wording of one notification (the defaults live in renda/notify/templates_default.py).

    `{name}` placeholders must be among the template's declared variables (checked on save). An SMS goes out
    only while `sms_approval` is approved: providers refuse unapproved templates, and editing the SMS text
    sends it back to pending (the provider must approve the new wording).
    """

    body = models.ForeignKey("core.Body", models.CASCADE, related_name="+", verbose_name="人大机关")
    code = models.CharField("模板", max_length=60)
    title = models.CharField("标题（站内信/邮件）", max_length=200)
    text = models.TextField("内容（站内信/邮件）", max_length=2000)
    sms_text = models.CharField("短信内容", max_length=300, blank=True)
    sms_provider_code = models.CharField("短信服务商模板编号", max_length=80, blank=True)
    sms_approval = models.CharField(
        "短信模板审核状态", max_length=10, choices=Approval.choices, default=Approval.PENDING
    )
    wechat_template_id = models.CharField("微信模板编号", max_length=80, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "通知模板"
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="notify_template_per_body")]

    def __str__(self) -> str:
        return self.code


class Preference(models.Model):
    """What one user wants: channels, addresses that override the account's, and the daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="notify_preference")
    email_on = models.BooleanField("接收电子邮件", default=True)
    sms_on = models.BooleanField("接收短信", default=True)
    wechat_on = models.BooleanField("接收微信公众号消息", default=True)
    phone = models.CharField("通知手机号（留空用账号手机号）", max_length=20, blank=True)
    email = models.EmailField("通知邮箱（留空用账号邮箱）", blank=True)
    wechat_openid = models.CharField("微信 OpenID", max_length=64, blank=True)
    digest_on = models.BooleanField("每日汇总邮件（前一天的站内通知）", default=False)
    # The last date whose digest was queued: the next run queues every later day up to yesterday, once each.
    last_digest_for = models.DateField("最近汇总日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知偏好"

    def __str__(self) -> str:
        return f"通知偏好 {self.user_id}"


def _minutes(label: str, default: int, cite: str, top: int = 1440) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, default=default, help_text=cite, validators=[MinValueValidator(0), MaxValueValidator(top)]
    )


class NotifyPolicy(models.Model):
    """One body's delivery rules; a body without a row uses the nearest body above it, then these defaults
    (wave2-references.md (d): provider limits, quiet hours, retries, retention)."""

    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="notify_policy", verbose_name="人大机关"
    )
    sms_interval_minutes = _minutes(
        "同一号码两条短信最短间隔（分钟）", 10, "本项目默认值：每人每 10 分钟至多 1 条非紧急短信"
    )
    sms_daily_cap = _minutes("每人每日短信上限", 10, "阿里云通知短信同号码每日 50 条；本项目默认 10 条", 500)
    quiet_start = _minutes("免打扰开始（时）", 22, "22:00–08:00 免打扰（本项目默认值），紧急通知除外", 23)
    quiet_end = _minutes("免打扰结束（时）", 8, "免打扰结束的整点", 23)
    max_attempts = _minutes("最多尝试次数", 6, "失败后按指数退避重试，超过次数转为失败", 20)
    retry_base_seconds = _minutes("首次重试等待（秒）", 60, "之后每次加倍（带随机抖动），最长 6 小时", 3600)
    max_checks = _minutes("结果待查最多查询次数", 10, "服务商结果不明时查询回执，不盲目重发", 100)
    expire_hours = _minutes("通知有效期（小时）", 72, "过期未送达的通知转为失败", 720)
    retention_days = _minutes("发送记录保留天数", 90, "参照 django-post-office cleanup_mail 默认 90 天", 3650)
    announce_channels = models.PositiveSmallIntegerField(
        "会议和代表活动通知的渠道",
        default=2,
        choices=[(0, "只发站内信"), (1, "站内信和短信"), (2, "站内信和微信，未绑定微信的发短信")],
        help_text="代表活动提前通知；各人的通知偏好（关闭短信或微信）仍然有效",
        validators=[MinValueValidator(0), MaxValueValidator(2)],
    )

    ANNOUNCE = {0: ("inbox",), 1: ("inbox", "sms"), 2: ("inbox", "wechat", "sms")}

    class Meta:
        verbose_name = verbose_name_plural = "通知规则"

    def __str__(self) -> str:
        return f"通知规则 {self.body_id}"
