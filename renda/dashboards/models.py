"""Tables of the dashboards app: staff-editable report templates and personal API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ReportKind(models.TextChoices):
    SUGGESTIONS = "suggestions", "代表建议办理工作情况报告"
    DUTIES = "duties", "代表履职情况报告"
    STATIONS = "stations", "代表联络站工作情况报告"
    SUPERVISION = "supervision", "监督工作总结"


def template_path(instance, filename: str) -> str:
    return f"dashboards/templates/{instance.body_id}/{instance.kind}-{timezone.now():%Y%m%d%H%M%S}.docx"


class ReportTemplate(models.Model):
    """A body's own Word template for one year-end report (docxtpl tags); without one the default is used.
    Uploading a new one replaces it (the old row is kept, `active=False`: the history of what was used)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    kind = models.CharField("报告", max_length=16, choices=ReportKind.choices)
    file = models.FileField("模板文件", upload_to=template_path, max_length=200)
    original_name = models.CharField("原文件名", max_length=200, blank=True)
    active = models.BooleanField("在用", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = "报告模板"
        verbose_name_plural = "报告模板"
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind"], condition=Q(active=True), name="dashboards_one_active_template"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}模板（{self.uploaded_at:%Y-%m-%d}）"


class Scope(models.TextChoices):
    READ = "read", "读取（在本人数据范围内查询）"
    WRITE = "write", "写入（办理、申报等操作）"
    OPEN311 = "open311", "Open311 留言接入（第三方平台代收群众留言）"


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token: acts as its user, limited to its scopes, until it expires or is revoked.
    Only the SHA-256 of the key is stored; the key is shown once, when created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="api_tokens")
    name = models.CharField("用途", max_length=60)
    prefix = models.CharField("前缀", max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField("权限范围", default=list)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="dashboards_token_expires_after_created",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "已吊销"
        if self.expires_at <= timezone.now():
            return "已过期"
        return "有效"

    def scope_labels(self) -> list[str]:
        return [Scope(s).label for s in self.scopes if s in Scope.values]
