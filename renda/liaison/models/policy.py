"""The liaison numbers of one body (house-style: per-body policy data, defaults from domain.md)."""

from django.db import models


class LiaisonPolicy(models.Model):
    body = models.OneToOneField(
        "core.Body", models.CASCADE, related_name="liaison_policy", verbose_name="人大机关"
    )
    notice_days = models.PositiveSmallIntegerField(
        "活动提前通知天数",
        default=3,
        help_text="domain.md §4：接待和活动安排提前 3 天告知（运行规范草案为 2 天）；seeds 004：代表活动安排要提前告知代表",
    )
    signin_open_minutes = models.PositiveSmallIntegerField(
        "培训签到提前开放（分钟）", default=30, help_text="本系统默认值：开课前 30 分钟起可签到，结课即截止"
    )
    sitting_seats = models.PositiveSmallIntegerField(
        "每次常委会会议邀请列席代表人数",
        default=3,
        help_text="本系统默认值，请按本地代表列席常委会会议办法修改",
    )
    min_station_area = models.PositiveSmallIntegerField(
        "联络站最小面积（平方米）", default=100, help_text="domain.md §4：运行规范草案，场所不少于 100 平方米"
    )

    class Meta:
        verbose_name = "联系代表参数"
        verbose_name_plural = "联系代表参数"

    def __str__(self) -> str:
        return f"{self.body} 联系代表参数"
