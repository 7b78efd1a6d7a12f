"""/api/v1/public/… — published data anyone may read with no session or token (issue 19 "Open API"), and the
Open311 intake (open311.py). Existing public endpoints stay where their apps put them:
`/public/suggestions` (published suggestions, replies, ratings) and `/contact/receptions` (reception days).

Every public list: `limit`/`offset` ({count, items}), bounded filters, an unknown parameter or a page past the
end is a 400/404 `{code, message}`, and a per-address rate limit (429)."""

from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from renda.api.auth import ApiError
from renda.api.schema import Error, IsoDate, Out, PublicPage, Rows, Text, responses

from . import ratelimit

router = Router(tags=["公开数据"])

ID = Field(..., ge=1, le=2**62)


class IdPath(Schema):
    id: int = ID


# ---- deputies' public profiles ------------------------------------------------------------------------


class PublicDeputyFilter(Schema):
    q: Text(40) | None = Field(None, description="姓名、全拼或拼音首字母")
    body: int | None = Field(None, ge=1, le=2**62, description="人大机关编号")
    level: Text(16) | None = Field(None, description="national/province/city/county/township")


class PublicStationRef(Out):
    id: int
    name: str


class PublicDeputyOut(Out):
    id: int = Field(description="代表资格编号")
    person_id: int
    name: str = Field(examples=["张建国"])
    gender: str = Field(description="性别：男 / 女")
    ethnicity: str
    party: str = Field(description="政治面貌")
    occupation: str
    body: str = Field(description="所属人大")
    level: str
    term: str = Field(examples=["第十八届"])
    constituency: str = Field(description="选区（县乡代表）")
    group: str = Field(description="代表小组")
    stations: list[PublicStationRef] = Field(description="进站联络站")
    profile_url: str


def _deputy(m) -> dict:
    p = m.person
    return {
        "id": m.pk,
        "person_id": p.pk,
        "name": p.name,
        "gender": p.get_gender_display(),
        "ethnicity": p.ethnicity,
        "party": p.party_label,
        "occupation": p.occupation,
        "body": m.body.short_name or m.body.name,
        "level": m.level,
        "term": f"第{m.term.number}届" if m.term_id else "",
        "constituency": m.constituency.name if m.constituency_id else "",
        "group": m.group.name if m.group_id else "",
        "stations": [{"id": s.pk, "name": s.name} for s in m.stations.all()],
        "profile_url": f"/deputies/{p.pk}/",
    }


@router.get(
    "/public/deputies",
    response=responses(list[PublicDeputyOut], public=True),
    auth=None,
    summary="公开：代表公开信息（在任）",
    description="在任代表的公开信息（不含身份证号、电话、住址）。可按姓名或拼音、人大机关、层级筛选。",
)
@paginate(PublicPage)
def public_deputies(request, filters: Query[PublicDeputyFilter]):
    from renda.deputies import public

    ratelimit.check(request)
    qs = public.search(q=filters.q or "", body=filters.body, level=filters.level or "")
    return Rows(qs, _deputy)


@router.get(
    "/public/deputies/{id}",
    response=responses(PublicDeputyOut, public=True),
    auth=None,
    summary="公开：一名代表的公开信息",
)
def public_deputy(request, path: Path[IdPath]):
    from renda.deputies import public

    ratelimit.check(request)
    return _deputy(get_object_or_404(public.public_mandates(), pk=path.id))


# ---- liaison stations ---------------------------------------------------------------------------------


class PublicStationFilter(Schema):
    body: int | None = Field(None, ge=1, le=2**62, description="人大机关编号")
    q: Text(40) | None = Field(None, description="名称或地址中的文字")


class PublicStationOut(Out):
    id: int
    name: str = Field(examples=["城关镇人大代表联络站"])
    kind: str
    body: str
    address: str
    opening_hours: str
    phone: str = Field(description="联络站的公开电话（非个人电话）")
    latitude: Decimal | None
    longitude: Decimal | None
    deputies: int = Field(description="进站代表人数")


def _station(s) -> dict:
    return {
        "id": s.pk,
        "name": s.name,
        "kind": s.get_kind_display(),
        "body": s.body.short_name or s.body.name,
        "address": s.address,
        "opening_hours": s.opening_hours,
        "phone": s.phone,
        "latitude": s.latitude,
        "longitude": s.longitude,
        "deputies": s.n_deputies or 0,
    }


def _stations():
    from django.db.models import Count, IntegerField, OuterRef, Subquery

    from renda.deputies.models import Station

    # A correlated count, not a GROUP BY over the join: the page's rows only, and `count()` stays plain.
    members = (
        Station.members.through.objects.filter(station_id=OuterRef("pk"))
        .order_by()
        .values("station_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        Station.objects.filter(active=True)
        .select_related("body")
        .only(
            "id",
            "name",
            "kind",
            "address",
            "opening_hours",
            "phone",
            "latitude",
            "longitude",
            "body__name",
            "body__short_name",
            "body__path",
        )
        .annotate(n_deputies=Subquery(members, output_field=IntegerField()))
        .order_by("body__path", "name", "id")
    )


class CountedRows(Rows):
    """Rows whose count runs on the plain filter (no annotations, no joins the count does not need)."""

    def __init__(self, queryset, make, count_queryset):
        super().__init__(queryset, make)
        self.count_queryset = count_queryset

    def count(self) -> int:
        return self.count_queryset.count()


# The list reads through one hand-written query and one count (the public list is the endpoint a city's
# portal and crawlers hit most; the ORM's compile cost per request was most of its CPU in `make bench`).
_STATION_ROWS = """
SELECT s.id, s.name, s.kind, b.short_name, b.name, s.address, s.opening_hours, s.phone, s.latitude, s.longitude,
       (SELECT COUNT(*) FROM deputies_station_members sm WHERE sm.station_id = s.id)
FROM deputies_station s JOIN core_body b ON b.id = s.body_id
WHERE s.active {where}
ORDER BY b.path, s.name, s.id
LIMIT %s OFFSET %s
"""
_STATION_COUNT = "SELECT COUNT(*) FROM deputies_station s WHERE s.active {where}"


class StationRows:
    """The paginator's protocol (`all`, `count`, a slice) over the hand-written query."""

    def __init__(self, *, body: int | None, q: str | None) -> None:
        where, params = [], []
        if body:
            where.append("AND s.body_id = %s")
            params.append(body)
        if q:
            like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("AND (s.name LIKE %s ESCAPE '\\' OR s.address LIKE %s ESCAPE '\\')")
            params += [like, like]
        self.where, self.params = " ".join(where), params

    def all(self) -> "StationRows":
        return self

    def count(self) -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(_STATION_COUNT.format(where=self.where), self.params)
            return cursor.fetchone()[0]

    def __getitem__(self, page: slice) -> list[dict]:
        from django.db import connection

        from renda.deputies.choices import StationKind

        kinds = dict(StationKind.choices)
        with connection.cursor() as cursor:
            cursor.execute(
                _STATION_ROWS.format(where=self.where), [*self.params, page.stop - page.start, page.start]
            )
            rows = cursor.fetchall()
        return [
            {
                "id": r[0],
                "name": r[1],
                "kind": kinds.get(r[2], r[2]),
                "body": r[3] or r[4],
                "address": r[5],
                "opening_hours": r[6],
                "phone": r[7],
                "latitude": r[8],
                "longitude": r[9],
                "deputies": r[10],
            }
            for r in rows
        ]


@router.get(
    "/public/stations",
    response=responses(list[PublicStationOut], public=True),
    auth=None,
    summary="公开：代表联络站",
    description="在用的联络站、地址、开放时间和进站代表人数；接待日见 /contact/receptions。",
)
@paginate(PublicPage)
def public_stations(request, filters: Query[PublicStationFilter]):
    ratelimit.check(request)
    return StationRows(body=filters.body, q=filters.q)


@router.get(
    "/public/stations/{id}",
    response=responses(PublicStationOut, public=True),
    auth=None,
    summary="公开：一个联络站",
)
def public_station(request, path: Path[IdPath]):
    ratelimit.check(request)
    return _station(get_object_or_404(_stations(), pk=path.id))


# ---- published duty points ----------------------------------------------------------------------------


class PublicationFilter(Schema):
    body: int | None = Field(None, ge=1, le=2**62, description="人大机关编号")
    year: int | None = Field(None, ge=2000, le=2100)
    start: IsoDate | None = Field(None, description="统计期间结束日不早于此日（YYYY-MM-DD）")
    end: IsoDate | None = Field(None, description="统计期间结束日不晚于此日（YYYY-MM-DD）")


class PublicationOut(Out):
    id: int
    body: str
    label: str = Field(examples=["2026年第3季度"])
    year: int
    period: str = Field(description="Q1–Q4 或 Y（全年）")
    start: date
    end: date
    scores: int = Field(description="公布的代表人数")


class PublishedScoreOut(Out):
    rank: int
    name: str
    body: str
    total: Decimal = Field(description="履职积分")
    band: str = Field(description="档次")
    records: int = Field(description="计入的履职记录数")


def _publication(p) -> dict:
    return {
        "id": p.pk,
        "body": p.body.short_name or p.body.name,
        "label": p.label,
        "year": p.year,
        "period": p.period,
        "start": p.start,
        "end": p.end,
        "scores": p.n_scores,
    }


def date_range(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        # 409 like a refusal: each date is valid on its own (a 422 would say the schema was broken).
        raise ApiError(409, "date_range_reversed", f"开始日期 {start} 晚于结束日期 {end}")


@router.get(
    "/public/duty-publications",
    response={**responses(list[PublicationOut], public=True), 409: Error},
    auth=None,
    summary="公开：已公布的代表履职积分（季度亮分）",
)
@paginate(PublicPage)
def publications(request, filters: Query[PublicationFilter]):
    from django.db.models import Count

    from renda.duties.selectors import published_for_portal

    ratelimit.check(request)
    date_range(filters.start, filters.end)
    qs = published_for_portal().annotate(n_scores=Count("scores"))
    if filters.body:
        qs = qs.filter(body_id=filters.body)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.start:
        qs = qs.filter(end__gte=filters.start)
    if filters.end:
        qs = qs.filter(end__lte=filters.end)
    return Rows(qs, _publication)


@router.get(
    "/public/duty-publications/{id}/scores",
    response=responses(list[PublishedScoreOut], public=True),
    auth=None,
    summary="公开：一次公布的代表积分",
)
@paginate(PublicPage)
def publication_scores(request, path: Path[IdPath]):
    from renda.duties.models import PublishedScore
    from renda.duties.selectors import published_for_portal

    ratelimit.check(request)
    pub = get_object_or_404(published_for_portal(), pk=path.id)
    qs = (
        PublishedScore.objects.filter(publication=pub)
        .select_related("mandate__person", "mandate__body")
        .order_by("rank", "id")
    )

    def make(s) -> dict:
        b = s.mandate.body
        return {
            "rank": s.rank,
            "name": s.mandate.person.name,
            "body": b.short_name or b.name,
            "total": s.total,
            "band": s.band,
            "records": s.records,
        }

    return Rows(qs, make)


from . import open311  # noqa: E402,F401  (its operations join this router)
