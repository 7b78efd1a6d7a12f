"""The tree of congress bodies and the handling units that answer to them."""

from django.db import models


class Level(models.TextChoices):
    NATIONAL = "national", "全国"
    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县"
    TOWNSHIP = "township", "乡镇"


class BodyKind(models.TextChoices):
    CONGRESS = "congress", "人民代表大会"
    STANDING_COMMITTEE = "standing_committee", "人大常委会"
    PRESIDIUM = "presidium", "乡镇人大主席团"
    SUBDISTRICT_COMMITTEE = "subdistrict_committee", "人大街道工委"
    SPECIAL_COMMITTEE = "special_committee", "专门委员会"
    WORKING_COMMITTEE = "working_committee", "工作委员会"


OFFICE_SUFFIXES = ("人大主席团", "人大街道工作委员会", "人大街道工委", "人大工作委员会", "人大工委")


class Body(models.Model):
    """A congress body. `path` ("/1/4/9/") makes "this body and all below it" one indexed prefix query."""

    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    kind = models.CharField("类别", max_length=32, choices=BodyKind.choices)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )
    region_code = models.CharField("行政区划代码", max_length=12, blank=True, db_index=True)
    region_name = models.CharField("行政区划", max_length=60, blank=True)
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "人大机关"
        verbose_name_plural = "人大机关"
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if path != self.path:
            self.path = path
            Body.objects.filter(pk=self.pk).update(path=path)

    @property
    def scope_path(self) -> str:
        """The subtree a member of this body may see. A standing committee and the special and working
        committees act for their congress, so their members see the whole congress tree."""
        if self.kind in COMMITTEE_KINDS and self.parent_id:
            return self.path.rsplit("/", 2)[0] + "/"
        return self.path

    @property
    def place_name(self) -> str:
        """The place a body serves (城关镇, 东城街道), not its office (城关镇人大主席团): what voters choose from."""
        if self.short_name:
            return self.short_name
        for suffix in OFFICE_SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) > len(suffix):
                return self.name[: -len(suffix)]
        return self.name

    @property
    def congress_name(self) -> str:
        """The congress its deputies sit in: a township presidium stands for 城关镇人民代表大会 (宪法 Art. 97)."""
        if self.kind == BodyKind.PRESIDIUM:
            return f"{self.place_name}人民代表大会"
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def descendants(self, include_self: bool = True) -> models.QuerySet["Body"]:
        qs = Body.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def is_within(self, other: "Body") -> bool:
        return self.path.startswith(other.path)


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "政府部门"
    COURT = "court", "人民法院"
    PROCURATORATE = "procuratorate", "人民检察院"
    TOWNSHIP_GOVERNMENT = "township_government", "乡镇人民政府/街道办事处"
    ENTERPRISE = "enterprise", "国有企业/事业单位"
    OTHER = "other", "其他"


class Unit(models.Model):
    """A handling unit (承办单位). `body` is the congress body whose items it handles."""

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类别", max_length=24, choices=UnitKind.choices, default=UnitKind.GOVERNMENT)
    body = models.ForeignKey(Body, models.PROTECT, related_name="units", verbose_name="对应人大机关")
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=30, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "承办单位"
        verbose_name_plural = "承办单位"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="unit_unique_name_per_body")]

    def __str__(self) -> str:
        return self.name


# Bodies in which deputies hold seats: people's congresses, and a township's congress through its presidium.
# A sub-district working committee (人大街道工委) has no deputies of its own: it liaises with the district's
# deputies in its area (地方组织法 Art. 59, domain.md §1.2), whose seats are in the district congress.
DEPUTY_BODY_KINDS = frozenset({BodyKind.CONGRESS, BodyKind.PRESIDIUM})

COMMITTEE_KINDS = frozenset(
    {BodyKind.STANDING_COMMITTEE, BodyKind.SPECIAL_COMMITTEE, BodyKind.WORKING_COMMITTEE}
)
