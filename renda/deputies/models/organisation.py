"""Terms, constituencies, delegations, groups and liaison stations of a congress."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from ..choices import StationKind

# Project default, not a rule of law: a general election may come up to half a year before the term's
# first session (township and county elections end months before the new congress first meets).
ELECTED_BEFORE_TERM_DAYS = 183


class Term(models.Model):
    """届: one congress's term, e.g. 青山县第十八届人民代表大会 (2021–2026)."""

    body = models.ForeignKey("core.Body", models.PROTECT, related_name="terms", verbose_name="人民代表大会")
    number = models.PositiveSmallIntegerField("届次")
    start_date = models.DateField("起始日期")
    end_date = models.DateField("届满日期", null=True, blank=True)

    class Meta:
        verbose_name = "届次"
        verbose_name_plural = "届次"
        ordering = ["body", "-number"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="term_unique_number_per_body")]

    def __str__(self) -> str:
        return f"第{chinese_number(self.number)}届"

    def election_problem(self, on: date, *, by_election: bool = False) -> str:
        """Why `on` cannot be this term's election date ("" if it can). A general election precedes the
        term's first session (elected in January, the term starts in March); a 补选 falls within the term."""
        earliest = (
            self.start_date if by_election else self.start_date - timedelta(days=ELECTED_BEFORE_TERM_DAYS)
        )
        if on < earliest or (self.end_date and on > self.end_date):
            if by_election:
                return f"补选日期 {on:%Y-%m-%d} 不在{self}任期内"
            return f"当选日期 {on:%Y-%m-%d} 不在{self}任期内（最早可在届首前 {ELECTED_BEFORE_TERM_DAYS} 天）"
        return ""

    def seat_start(self, elected_on: date) -> date:
        """A seat won before the term begins is held from the term's start."""
        return max(elected_on, self.start_date)


class Constituency(models.Model):
    """选区. `township` is the township/sub-district it lies in; `places` lists the communities and villages
    it covers, one per line, for "find my deputy"."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="constituencies", verbose_name="人民代表大会"
    )
    name = models.CharField("名称", max_length=60)
    township = models.ForeignKey(
        "core.Body", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="所在乡镇（街道）"
    )
    places = models.TextField("覆盖的社区、村", blank=True)
    seats = models.PositiveSmallIntegerField("应选代表名额", default=1)

    class Meta:
        verbose_name = "选区"
        verbose_name_plural = "选区"
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="constituency_unique_name_per_body")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place_list(self) -> list[str]:
        return [p.strip() for p in self.places.splitlines() if p.strip()]


class Delegation(models.Model):
    """代表团 (a county's deputies to the city congress, or a township's deputies at the county session)."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="delegations", verbose_name="人民代表大会"
    )
    name = models.CharField("名称", max_length=60)
    # A closed delegation (e.g. after two townships merge) takes no new seats but stays on the seats and in
    # the history that name it; staff close and reopen it on the setup page.
    closed = models.BooleanField("已停用", default=False, db_default=False)

    class Meta:
        verbose_name = "代表团"
        verbose_name_plural = "代表团"
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="delegation_unique_name_per_body")
        ]

    def __str__(self) -> str:
        return self.name


class DeputyGroup(models.Model):
    """代表小组: the unit deputies meet and act in between sessions."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="deputy_groups", verbose_name="人民代表大会"
    )
    name = models.CharField("名称", max_length=60)
    delegation = models.ForeignKey(
        Delegation, models.SET_NULL, null=True, blank=True, related_name="groups", verbose_name="所属代表团"
    )
    closed = models.BooleanField("已停用", default=False, db_default=False)  # as Delegation.closed

    class Meta:
        verbose_name = "代表小组"
        verbose_name_plural = "代表小组"
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="deputygroup_unique_name_per_body")
        ]

    def __str__(self) -> str:
        return self.name


class ProfessionalGroup(models.Model):
    """专业小组 (e.g. 财经、教科文卫): deputies with a field of expertise, joined to committee work."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="professional_groups", verbose_name="人民代表大会"
    )
    name = models.CharField("名称", max_length=60)

    class Meta:
        verbose_name = "专业小组"
        verbose_name_plural = "专业小组"
        ordering = ["body", "name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "name"], name="profgroup_unique_name_per_body")
        ]

    def __str__(self) -> str:
        return self.name


class Station(models.Model):
    """代表联络站 / 代表之家 / 代表工作室 / 网上联络站 (domain.md §4). Reception days and voters' messages
    live in the contact app; here is where it is and which deputies sit at it."""

    body = models.ForeignKey(
        "core.Body", models.PROTECT, related_name="stations", verbose_name="所属人大机关"
    )
    name = models.CharField("名称", max_length=80)
    kind = models.CharField("类别", max_length=12, choices=StationKind.choices, default=StationKind.STATION)
    address = models.CharField("地址", max_length=200, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    opening_hours = models.CharField("开放时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    keeper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="kept_stations",
        verbose_name="管理员",
    )
    members = models.ManyToManyField(
        "deputies.Mandate", blank=True, related_name="stations", verbose_name="进站代表"
    )
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "代表联络站"
        verbose_name_plural = "代表联络站"
        ordering = ["body", "name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="station_unique_name_per_body")]

    def __str__(self) -> str:
        return self.name


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals (届次 are written 第十八届)."""
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[ones] if ones else ''}"
