"""Append-only audit log with a hash chain (domain.md §7.1, 等保 2.0 安全审计)."""

import hashlib
import json

from django.conf import settings
from django.db import models


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("审计日志只能追加，不能修改")

    def delete(self):
        raise AppendOnly("审计日志只能追加，不能删除")


class AuditEntry(models.Model):
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    role = models.CharField("角色", max_length=20, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    action = models.CharField("动作", max_length=60, db_index=True)
    object_type = models.CharField("对象类型", max_length=60, blank=True)
    object_id = models.CharField("对象", max_length=40, blank=True)
    object_repr = models.CharField("对象名称", max_length=200, blank=True)
    summary = models.JSONField("变更摘要", default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.actor_name}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnly("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("审计日志只能追加，不能删除")

    def canonical(self) -> str:
        """The exact text the hash covers; changing any field breaks the chain."""
        return json.dumps(
            [
                self.at.isoformat(timespec="microseconds"),
                self.actor_id,
                self.actor_name,
                self.role,
                self.ip,
                self.action,
                self.object_type,
                self.object_id,
                self.object_repr,
                self.summary,
                self.prev_hash,
            ],
            ensure_ascii=False,
            sort_keys=True,
            default=str,
        )

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode()).hexdigest()


class AuditArchive(models.Model):
    """Entries past the retention period, moved out of the table into a file (issue 21; domain.md §7.1: kept
    at least 180 days). The chain goes on from `last_hash`: verification of the rows left starts there, and
    the file's SHA-256 shows the archive was not changed since."""

    archived_at = models.DateTimeField("归档时间", auto_now_add=True)
    up_to_id = models.BigIntegerField("归档至记录号")
    entries = models.PositiveIntegerField("条数")
    first_at = models.DateTimeField("最早时间")
    last_at = models.DateTimeField("最晚时间")
    last_hash = models.CharField(max_length=64)
    path = models.CharField("归档文件", max_length=300)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计日志归档"
        verbose_name_plural = "审计日志归档"
        ordering = ["-up_to_id"]

    def __str__(self) -> str:
        return f"归档至 #{self.up_to_id}（{self.entries} 条）"
