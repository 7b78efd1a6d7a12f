"""One natural person. A person may hold several mandates (county and township) but exists once."""

from datetime import date

from django.conf import settings
from django.db import models

from renda.core import crypto

from .. import dates, pinyin
from ..choices import ETHNICITY_CHOICES, PARTY_UNKNOWN, Education, Gender, OccupationCategory, Party


class Person(models.Model):
    name = models.CharField("姓名", max_length=40)
    name_pinyin = models.CharField("姓名拼音", max_length=120, blank=True, db_index=True, editable=False)
    name_initials = models.CharField("拼音首字母", max_length=20, blank=True, db_index=True, editable=False)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=8, choices=ETHNICITY_CHOICES, default="汉族")
    # Only what the source says: the first day of a known year or month, with its precision (dates.py).
    birth_date = models.DateField("出生日期", null=True, blank=True)
    birth_precision = models.CharField(
        "出生日期精度",
        max_length=5,
        choices=dates.PRECISION_CHOICES,
        default=dates.DAY,
        db_default=dates.DAY,  # bulk writers that list their columns (benchmarks, COPY) need not name it
    )
    # Blank is 未填 (unknown), never guessed as 群众.
    party = models.CharField("政治面貌", max_length=12, choices=Party.choices, blank=True, default="")
    education = models.CharField("学历", max_length=12, choices=Education.choices, blank=True)
    occupation = models.CharField("职业", max_length=60, blank=True)
    occupation_category = models.CharField(
        "代表构成类别", max_length=16, choices=OccupationCategory.choices, default=OccupationCategory.OTHER
    )
    work_unit = models.CharField("工作单位及职务", max_length=120, blank=True)
    photo = models.ImageField("照片", upload_to="deputies/photos/", blank=True)
    bio = models.TextField("简介", blank=True)
    # Personal data (domain.md §7.2): encrypted at rest, masked in lists, never published.
    id_number = crypto.EncryptedCharField("身份证号", blank=True, default="")
    id_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    phone = crypto.EncryptedCharField("手机号码", blank=True, default="")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="代表账号",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "代表个人"
        verbose_name_plural = "代表个人"
        ordering = ["name_pinyin", "id"]
        indexes = [models.Index(fields=["name", "birth_date"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_pinyin", "name_initials", "id_hash"}
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """Pinyin keys and the ID lookup hash; bulk imports call this since bulk_create skips save()."""
        self.name_pinyin, self.name_initials = pinyin.keys(self.name)
        self.id_hash = crypto.lookup_hash(self.id_number)

    @property
    def birth_iso(self) -> str:
        return dates.partial_iso(self.birth_date, self.birth_precision)

    @property
    def birth_text(self) -> str:
        """出生日期 as far as known: 1967年03月08日 / 1967年03月 / 1967年."""
        return dates.partial_text(self.birth_date, self.birth_precision)

    @property
    def birth_month_text(self) -> str:
        """出生年月 (what rosters print): 1967年03月, or 1967年 when only the year is known."""
        return dates.partial_text(self.birth_date, self.birth_precision, upto=dates.MONTH)

    @property
    def party_label(self) -> str:
        return self.get_party_display() or PARTY_UNKNOWN

    def age_on(self, on: date) -> int | None:
        if not self.birth_date:
            return None
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))
