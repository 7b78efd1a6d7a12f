"""A bulk import keeps a status row: what was uploaded, what the check found, what the import wrote."""

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        CHECKED = "checked", "已校验"
        IMPORTED = "imported", "已导入"
        REJECTED = "rejected", "无法读取"

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="上传人")
    filename = models.CharField("文件名", max_length=200)
    file = models.FileField(upload_to="deputies/imports/", blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.CHECKED)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    error_rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "代表导入"
        verbose_name_plural = "代表导入"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
