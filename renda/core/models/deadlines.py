from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Deadline(models.Model):
    """How a due date on some record was counted, so it can be shown and recounted.

    The record keeps its own DateField (for indexed queries); this row keeps the recipe: start, amount,
    unit and article. When a year's holidays are entered, every deadline that crossed it is recounted.
    """

    content_type = models.ForeignKey(ContentType, models.CASCADE)
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    field = models.CharField(max_length=60)
    start = models.DateField("起算日")
    amount = models.PositiveIntegerField("期限")
    unit = models.CharField(max_length=16, choices=[("working_days", "个工作日"), ("months", "个月")])
    cite = models.CharField("依据", max_length=200, blank=True)
    due = models.DateField("到期日", db_index=True)
    estimated = models.BooleanField("估算", default=False, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="deadline_unique_field"
            )
        ]
        indexes = [models.Index(fields=["start", "due"])]

    def __str__(self) -> str:
        return f"{self.field}={self.due}"
