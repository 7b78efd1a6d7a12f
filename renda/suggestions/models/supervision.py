"""Priority supervision (重点督办, §1.3 step 12) and publication to the portal (§1.3 step 13)."""

from django.conf import settings
from django.db import models

from .items import Suggestion


class Supervision(models.Model):
    """A leader-picked item or theme: 常委会领导牵头督办、政府领导领衔办理."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    year = models.PositiveSmallIntegerField("年度")
    theme = models.CharField("督办主题", max_length=120)
    supervising_leader = models.CharField("督办领导", max_length=60)
    handling_leader = models.CharField("领办领导", max_length=60)
    items = models.ManyToManyField(Suggestion, related_name="supervisions", verbose_name="督办建议")
    note = models.TextField("督办要求", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重点督办"
        verbose_name_plural = "重点督办"
        ordering = ["-year", "id"]

    def __str__(self) -> str:
        return self.theme


class Publication(models.Model):
    """What the portal shows: a filtered copy, so nothing private can reach the public by a later edit."""

    suggestion = models.OneToOneField(Suggestion, models.CASCADE, related_name="publication")
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(db_index=True)
    number = models.CharField(max_length=30)
    title = models.CharField(max_length=120)
    deputies = models.CharField(max_length=300)
    facts = models.TextField()
    proposals = models.TextField()
    units = models.CharField(max_length=300)
    replies = models.JSONField(default=list)
    ratings = models.JSONField(default=list)
    state_label = models.CharField(max_length=30)
    search_text = models.TextField()
    published_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    withdrawn = models.BooleanField(default=False)

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title
