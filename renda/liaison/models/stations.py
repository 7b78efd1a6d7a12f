"""代表之家、联络站的“六有”标准 (seeds 003): the standard as data, each station's facilities and rules, and
the gaps found by comparing the two."""

from django.conf import settings
from django.db import models


class ItemKind(models.TextChoices):
    AREA = "area", "场所面积（按参数中的最小面积）"
    FACILITY = "facility", "须有所列设施"
    RULE = "rule", "须有所列制度"
    KEEPER = "keeper", "须有管理员"
    MANUAL = "manual", "人工检查"


class StandardItem(models.Model):
    body = models.ForeignKey("core.Body", models.PROTECT, related_name="+", verbose_name="人大机关")
    code = models.SlugField("代码", max_length=30)
    name = models.CharField("标准项", max_length=30)
    kind = models.CharField("检查方式", max_length=10, choices=ItemKind.choices)
    required = models.JSONField("须有的设施或制度", default=list, blank=True)
    requirement = models.CharField("要求", max_length=200)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "站点建设标准项"
        verbose_name_plural = "站点建设标准项"
        ordering = ["body", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "code"], name="standard_item_code_once")]

    def __str__(self) -> str:
        return self.name


class StationProfile(models.Model):
    """What a station has: area, facilities and written rules, as the keeper or staff entered them."""

    station = models.OneToOneField("deputies.Station", models.CASCADE, related_name="standard_profile")
    area = models.PositiveIntegerField("面积（平方米）", default=0)
    facilities = models.JSONField("设施", default=list, blank=True)
    rules = models.JSONField("上墙制度", default=list, blank=True)
    updated_on = models.DateField("更新日期")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "站点建设情况"
        verbose_name_plural = "站点建设情况"

    def __str__(self) -> str:
        return f"{self.station} 建设情况"


class StationCheck(models.Model):
    """The latest finding of a manual item for one station; a new check replaces it (audited)."""

    station = models.ForeignKey("deputies.Station", models.CASCADE, related_name="standard_checks")
    item = models.ForeignKey(StandardItem, models.CASCADE, related_name="checks")
    met = models.BooleanField("达标")
    note = models.CharField("情况", max_length=200, blank=True)
    checked_on = models.DateField("检查日期")
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "站点达标检查"
        verbose_name_plural = "站点达标检查"
        constraints = [models.UniqueConstraint(fields=["station", "item"], name="station_check_once")]

    def __str__(self) -> str:
        return f"{self.station} · {self.item}"
