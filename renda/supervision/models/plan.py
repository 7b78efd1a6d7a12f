"""The annual supervision plan and its items (监督法第六十三条, domain.md §5.1)."""

from datetime import date

from django.conf import settings
from django.db import models

from ..choices import ItemStatus, Kind, PlanStatus


class Plan(models.Model):
    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="supervision_plans", verbose_name="人大机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=120)
    status = models.CharField("状态", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    adopted_on = models.DateField("主任会议通过日期", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        verbose_name = "年度监督工作计划"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="sv_plan_one_per_year")]

    def __str__(self) -> str:
        return self.title


class PlanItem(models.Model):
    plan = models.ForeignKey(Plan, models.CASCADE, related_name="items", verbose_name="计划")
    kind = models.CharField("监督方式", max_length=20, choices=Kind.choices)
    title = models.CharField("议题", max_length=200)
    committee = models.ForeignKey(
        "core.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="牵头委员会"
    )
    unit = models.ForeignKey(
        "core.Unit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="supervision_items",
        verbose_name="监督对象",
    )
    start = models.DateField("开始日期", null=True, blank=True)
    end = models.DateField("结束日期", null=True, blank=True)
    meeting_date = models.DateField("提请常委会会议日期", null=True, blank=True)
    draft_due = models.DateField("报告稿送专委会", null=True, blank=True)
    final_due = models.DateField("报告送常委会", null=True, blank=True)
    members_due = models.DateField("发组成人员", null=True, blank=True)
    materials_in = models.DateField("报告材料送达", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    # Law-enforcement inspection (监督法第三十六—三十七条): the law, the team, sites, findings.
    law = models.CharField("检查的法律法规", max_length=120, blank=True)
    team = models.TextField("检查组成员（常委会组成人员、代表）", blank=True)
    sites = models.TextField("检查地点", blank=True)
    findings = models.TextField("发现的问题", blank=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "监督事项"
        ordering = ["meeting_date", "start", "id"]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.title

    def materials_overdue(self, on: date) -> bool:
        return bool(self.final_due and not self.materials_in and on > self.final_due)


class ItemDocument(models.Model):
    item = models.ForeignKey(PlanItem, models.CASCADE, related_name="documents")
    title = models.CharField("文件名称", max_length=120)
    kind = models.CharField("类别", max_length=30, default="报告")
    file = models.FileField("文件", upload_to="supervision/%Y/", blank=True)
    public = models.BooleanField("公开", default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return str(self.title)
