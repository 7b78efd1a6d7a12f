"""The registry's filters, shared by the staff list, the export, the statistics and the API."""

import re
from dataclasses import dataclass, fields
from datetime import date

from django.db.models import Q, QuerySet

from renda.core.models import Level

from .choices import (
    CURRENT_STATUSES,
    ETHNICITIES,
    PARTY_UNKNOWN_FILTER,
    Gender,
    MandateStatus,
    OccupationCategory,
    Party,
)

_ASCII = re.compile(r"^[a-z]+$")
CURRENT = "current"  # the default status filter: active or suspended


@dataclass
class RegistryFilter:
    q: str = ""
    level: str = ""
    body: int | None = None
    term: int | None = None
    constituency: int | None = None
    delegation: int | None = None
    group: int | None = None
    professional_group: int | None = None
    party: str = ""
    gender: str = ""
    ethnicity: str = ""
    category: str = ""
    status: str = CURRENT
    on: date | None = None

    @classmethod
    def from_mapping(cls, data) -> "RegistryFilter":
        """Parse query parameters leniently: an unknown value is ignored, not an error page."""
        f = cls()
        f.q = (data.get("q") or "").strip()[:40]
        f.level = data.get("level", "") if data.get("level") in Level.values else ""
        f.party = data.get("party", "") if data.get("party") in (*Party.values, PARTY_UNKNOWN_FILTER) else ""
        f.gender = data.get("gender", "") if data.get("gender") in Gender.values else ""
        f.ethnicity = data.get("ethnicity", "") if data.get("ethnicity") in ETHNICITIES else ""
        f.category = data.get("category", "") if data.get("category") in OccupationCategory.values else ""
        status = data.get("status", CURRENT)
        f.status = status if status in (*MandateStatus.values, CURRENT, "all") else CURRENT
        for name in ("body", "term", "constituency", "delegation", "group", "professional_group"):
            raw = str(data.get(name) or "")
            setattr(f, name, int(raw) if raw.isdigit() and len(raw) < 12 else None)
        try:
            f.on = date.fromisoformat(data["on"]) if data.get("on") else None
        except (ValueError, TypeError):
            f.on = None
        return f

    def as_query(self) -> str:
        from urllib.parse import urlencode

        pairs = {}
        for fl in fields(self):
            value = getattr(self, fl.name)
            if value not in (None, "") and not (fl.name == "status" and value == CURRENT):
                pairs[fl.name] = value.isoformat() if isinstance(value, date) else value
        return urlencode(pairs)

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.q:
            qs = qs.filter(name_query(self.q))
        if self.party == PARTY_UNKNOWN_FILTER:  # 未填: the blank party, its own slice in the statistics
            qs = qs.filter(person__party="")
        for name in ("level", "party", "gender", "ethnicity"):
            value = getattr(self, name)
            if name == "party" and value == PARTY_UNKNOWN_FILTER:
                continue
            if value:
                qs = qs.filter(**{name if name == "level" else f"person__{name}": value})
        if self.category:
            qs = qs.filter(person__occupation_category=self.category)
        for name in ("body", "term", "constituency", "delegation", "group"):
            value = getattr(self, name)
            if value:
                qs = qs.filter(**{f"{name}_id": value})
        if self.professional_group:
            qs = qs.filter(professional_groups=self.professional_group)
        if self.on:
            qs = qs.filter(start_date__lte=self.on).filter(Q(end_date__isnull=True) | Q(end_date__gt=self.on))
        elif self.status == CURRENT:
            qs = qs.filter(status__in=CURRENT_STATUSES)
        elif self.status in MandateStatus.values:
            qs = qs.filter(status=self.status)
        return qs


def name_query(q: str, prefix: str = "person__") -> Q:
    """Chinese characters match the name; latin letters match the full pinyin or its initials
    ("zhangwei", "zhang", "zw"); a card number matches exactly."""
    compact = "".join(q.split()).lower()
    if _ASCII.match(compact):
        return Q(**{f"{prefix}name_pinyin__startswith": compact}) | Q(
            **{f"{prefix}name_initials__startswith": compact}
        )
    cond = Q(**{f"{prefix}name__contains": compact})
    if prefix:
        cond |= Q(card_number=q.strip())
    return cond
