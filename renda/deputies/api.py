"""The deputies API: the registry list (same filters as the staff page), one deputy, and the public
Popolo export. Staff and leaders read the registry within their data scope; ID and phone are masked."""

from datetime import date

from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.schema import IsoDate, Out, Page, Rows, Text, responses
from renda.core.models import Body
from renda.core.templatetags.renda import mask_id, mask_phone

from . import dates, permissions, popolo, selectors
from .choices import PARTY_UNKNOWN, Party
from .filters import RegistryFilter
from .models.organisation import chinese_number

router = Router(tags=["代表"])


class DeputyFilter(Schema):
    q: Text(40) | None = Field(None, description="姓名、全拼或拼音首字母，或代表证号")
    level: Text(16) | None = Field(None, description="national/province/city/county/township")
    body: int | None = Field(None, ge=1, le=2**62)
    term: int | None = Field(None, ge=1, le=2**62)
    constituency: int | None = Field(None, ge=1, le=2**62)
    delegation: int | None = Field(None, ge=1, le=2**62)
    group: int | None = Field(None, ge=1, le=2**62)
    professional_group: int | None = Field(None, ge=1, le=2**62)
    party: Text(12) | None = None
    gender: Text(1) | None = Field(None, description="M 或 F")
    ethnicity: Text(8) | None = None
    category: Text(16) | None = None
    status: Text(12) | None = Field(
        None, description="current（默认，在任含暂停）/active/suspended/ended/all"
    )
    on: IsoDate | None = Field(None, description="只列出这一天在任的代表（YYYY-MM-DD）")


class PersonOut(Out):
    id: int
    name: str
    name_pinyin: str
    gender: str
    ethnicity: str
    birth_date: str | None = Field(description="出生日期，只含已知部分：1967-03-08、1967-03 或 1967")
    birth_precision: str = Field(description="day / month / year")
    party: str
    party_label: str
    education: str
    occupation: str
    occupation_category: str
    work_unit: str
    id_number_masked: str
    phone_masked: str


class DeputyOut(Out):
    id: int = Field(description="代表资格（mandate）编号")
    person: PersonOut
    body_id: int
    body_name: str
    level: str
    term_id: int
    term: str
    constituency_id: int | None
    constituency: str | None
    delegation_id: int | None
    delegation: str | None
    group_id: int | None
    group: str | None
    card_number: str
    status: str
    start_date: date
    end_date: date | None
    re_elected: bool


class ChangeOut(Out):
    kind: str
    kind_label: str
    date: date
    reason: str
    document: str


class DeputyDetailOut(DeputyOut):
    professional_groups: list[str]
    stations: list[str]
    changes: list[ChangeOut]


def _person(p) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "name_pinyin": p.name_pinyin,
        "gender": p.gender,
        "ethnicity": p.ethnicity,
        "birth_date": p.birth_iso or None,
        "birth_precision": p.birth_precision,
        "party": p.party,
        "party_label": p.party_label,
        "education": p.education,
        "occupation": p.occupation,
        "occupation_category": p.occupation_category,
        "work_unit": p.work_unit,
        "id_number_masked": mask_id(p.id_number),
        "phone_masked": mask_phone(p.phone),
    }


def _deputy(m) -> dict:
    return {
        "id": m.pk,
        "person": _person(m.person),
        "body_id": m.body_id,
        "body_name": m.body.name,
        "level": m.level,
        "term_id": m.term_id,
        "term": str(m.term),
        "constituency_id": m.constituency_id,
        "constituency": m.constituency.name if m.constituency_id else None,
        "delegation_id": m.delegation_id,
        "delegation": m.delegation.name if m.delegation_id else None,
        "group_id": m.group_id,
        "group": m.group.name if m.group_id else None,
        "card_number": m.card_number,
        "status": m.status,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "re_elected": m.re_elected,
    }


# The list reads plain values, not model instances: a 50-row page built 350 objects before (one per join).
_ROW = (
    "id",
    "body_id",
    "body__name",
    "level",
    "term_id",
    "term__number",
    "constituency_id",
    "constituency__name",
    "delegation_id",
    "delegation__name",
    "group_id",
    "group__name",
    "card_number",
    "status",
    "start_date",
    "end_date",
    "re_elected",
)
_PERSON = (
    "id",
    "name",
    "name_pinyin",
    "gender",
    "ethnicity",
    "birth_date",
    "birth_precision",
    "party",
    "education",
    "occupation",
    "occupation_category",
    "work_unit",
    "id_number",
    "phone",
)
_PARTY = dict(Party.choices)


def _row(v: dict) -> dict:
    person = {k: v["person__" + k] for k in _PERSON}
    person["party_label"] = _PARTY.get(person["party"], person["party"]) or PARTY_UNKNOWN
    person["birth_date"] = dates.partial_iso(person["birth_date"], person["birth_precision"]) or None
    person["id_number_masked"], person["phone_masked"] = (
        mask_id(person.pop("id_number")),
        mask_phone(person.pop("phone")),
    )
    return {
        "id": v["id"],
        "person": person,
        "body_id": v["body_id"],
        "body_name": v["body__name"],
        "level": v["level"],
        "term_id": v["term_id"],
        "term": f"第{chinese_number(v['term__number'])}届",
        "constituency_id": v["constituency_id"],
        "constituency": v["constituency__name"],
        "delegation_id": v["delegation_id"],
        "delegation": v["delegation__name"],
        "group_id": v["group_id"],
        "group": v["group__name"],
        **{k: v[k] for k in ("card_number", "status", "start_date", "end_date", "re_elected")},
    }


@router.get("/deputies", response=responses(list[DeputyOut]), summary="代表名册（筛选、分页）")
@paginate(Page)
def deputies(request, filters: Query[DeputyFilter]):
    permissions.require_read(request.auth)
    data = filters.dict(exclude_none=True)
    f = RegistryFilter.from_mapping(
        {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
    )
    qs = selectors.search_mandates(request.auth, f)
    return Rows(qs.values(*_ROW, *("person__" + k for k in _PERSON)), _row)


class IdPath(Schema):
    id: int = Field(ge=1, le=2**62)


@router.get("/deputies/{id}", response=responses(DeputyDetailOut), summary="一名代表的一个代表资格")
def deputy(request, path: Path[IdPath]):
    permissions.require_read(request.auth)
    m = selectors.mandate_in_scope(request.auth, path.id)
    return {
        **_deputy(m),
        "professional_groups": [g.name for g in m.professional_groups.all()],
        "stations": [s.name for s in m.stations.all()],
        "changes": [
            {
                "kind": c.kind,
                "kind_label": c.get_kind_display(),
                "date": c.date,
                "reason": c.reason,
                "document": c.document,
            }
            for c in m.changes.order_by("date", "id")
        ],
    }


class PopoloFilter(Schema):
    body: int | None = Field(None, ge=1, le=2**62, description="只导出该人大机关及其下级")


class PopoloOut(Schema):
    persons: list[dict]
    organizations: list[dict]
    memberships: list[dict]
    posts: list[dict]
    areas: list[dict]
    events: list[dict] = Field(
        description="每一届是一个 legislative period 事件；任职的 legislative_period_id 指向它"
    )


@router.get(
    "/popolo.json",
    response=responses(PopoloOut, public=True),
    auth=None,
    summary="Popolo 格式的代表数据（公开字段）",
)
def popolo_json(request, filters: Query[PopoloFilter]):
    body = None
    if filters.body:
        from django.shortcuts import get_object_or_404

        body = get_object_or_404(Body, pk=filters.body)
    return popolo.export(body=body, image_base=request.build_absolute_uri("/media/"))
