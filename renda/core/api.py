from datetime import date

from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.auth import any_role_session
from renda.api.schema import Page, Text, responses

from . import calendar, selectors
from .permissions import bodies_in_scope, require_business

router = Router(tags=["基础"])


class CalendarDayOut(Schema):
    date: date
    kind: str
    name: str
    source: str


class CalendarYearOut(Schema):
    year: int
    source: str = Field(description="notice：已按国务院放假通知录入；estimate：尚未录入，按周一至周五估算")
    note: str
    days: list[CalendarDayOut]


class YearPath(Schema):
    year: int = Field(ge=2000, le=2100)


@router.get(
    "/calendar/{year}",
    response=responses(CalendarYearOut, public=True),
    auth=None,
    summary="一年的法定节假日与调休上班日",
)
def calendar_year(request, path: Path[YearPath]):
    days = calendar.year_days(path.year)
    known = any(d.kind == "holiday" for d in days)
    return {
        "year": path.year,
        "source": "notice" if known else "estimate",
        "note": days[0].source if known else calendar.ESTIMATE_NOTE,
        "days": [{"date": d.date, "kind": d.kind, "name": d.name, "source": d.source} for d in days],
    }


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    body_id: int | None
    unit_id: int | None


@router.get("/me", response=responses(MeOut), auth=any_role_session, summary="当前用户")
def me(request):
    u = request.auth
    return {
        "username": u.username,
        "full_name": u.full_name,
        "role": u.role,
        "role_label": u.role_label,
        "body_id": u.body_id,
        "unit_id": u.unit_id,
    }


class BodyOut(Schema):
    id: int
    name: str
    kind: str
    level: str
    parent_id: int | None
    region_code: str
    region_name: str


class BodyFilter(Schema):
    level: Text(16) | None = None


@router.get("/bodies", response=responses(list[BodyOut]), summary="本级及下级人大机关")
@paginate(Page)
def bodies(request, filters: Query[BodyFilter]):
    require_business(request.auth)
    qs = bodies_in_scope(request.auth)
    if filters.level:
        qs = qs.filter(level=filters.level)
    return qs


class IdPath(Schema):
    id: int = Field(ge=1, le=2**62)


@router.get("/bodies/{id}", response=responses(BodyOut), summary="一个人大机关")
def body(request, path: Path[IdPath]):
    require_business(request.auth)
    return selectors.body_for(request.auth, path.id)
