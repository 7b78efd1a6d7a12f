"""Open data (/open/): published data as CSV and JSON, with a licence line and the date (issue 19).

Only what is already public: deputies' public profiles, liaison stations, published reception days, published
suggestions with their replies, published duty points. The rows are the public API's rows (one definition).
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

DEFAULT_LICENCE = "知识共享 署名 4.0 国际许可协议（CC BY 4.0）：可自由复制、分发和再利用，请注明来源"


def licence() -> str:
    return getattr(settings, "DASHBOARDS_OPEN_DATA_LICENCE", DEFAULT_LICENCE)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    rows: Callable[[], Iterable[dict]]
    api: str


def _deputies():
    from renda.deputies import public

    from .api import _deputy

    for m in public.search():
        row = _deputy(m)
        row["stations"] = "、".join(s["name"] for s in row["stations"])
        yield row


def _stations():
    from .api import _station, _stations

    return (_station(s) for s in _stations())


def _receptions():
    from renda.contact.api import _reception
    from renda.contact.selectors import public_receptions

    for d in public_receptions():
        row = _reception(d)
        row["deputies"] = "、".join(row["deputies"])
        yield row


def _suggestions():
    from renda.suggestions.models import Publication

    for p in Publication.objects.filter(withdrawn=False).order_by("-year", "number", "id"):
        yield {
            "id": p.pk,
            "year": p.year,
            "number": p.number,
            "title": p.title,
            "deputies": p.deputies,
            "units": p.units,
            "state": p.state_label,
            "facts": p.facts,
            "proposals": p.proposals,
            "replies": json.dumps(p.replies, ensure_ascii=False, cls=DjangoJSONEncoder),
            "published_at": p.published_at,
        }


def _points():
    from renda.duties.models import PublishedScore

    qs = (
        PublishedScore.objects.filter(publication__to_portal=True)
        .select_related("publication__body", "mandate__person", "mandate__body")
        .order_by("publication__body__path", "-publication__end", "rank")
    )
    for s in qs:
        yield {
            "period": s.publication.label,
            "body": s.publication.body.short_name or s.publication.body.name,
            "rank": s.rank,
            "name": s.mandate.person.name,
            "total": s.total,
            "band": s.band,
            "records": s.records,
        }


DATASETS = {
    d.key: d
    for d in (
        Dataset(
            "deputies",
            "代表公开信息",
            "在任代表的姓名、性别、民族、政治面貌、职业、所属人大、选区、代表小组和进站联络站",
            _deputies,
            "/api/v1/public/deputies",
        ),
        Dataset(
            "stations",
            "代表联络站",
            "在用联络站的名称、地址、开放时间、公开电话、坐标和进站代表人数",
            _stations,
            "/api/v1/public/stations",
        ),
        Dataset(
            "receptions",
            "选民接待日",
            "已公布、尚未举行的接待日：联络站、日期、时间、主题和接待代表",
            _receptions,
            "/api/v1/contact/receptions",
        ),
        Dataset(
            "suggestions",
            "已公开的代表建议和答复",
            "公开的建议、承办单位和答复",
            _suggestions,
            "/api/v1/public/suggestions",
        ),
        Dataset(
            "points",
            "代表履职积分（公开）",
            "在门户公布的季度或年度积分、档次和排名",
            _points,
            "/api/v1/public/duty-publications",
        ),
    )
}


def as_csv(rows: Iterable[dict]) -> bytes:
    rows = list(rows)
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
    if rows:
        w = csv.DictWriter(out, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return out.getvalue().encode()


def as_json(d: Dataset) -> bytes:
    body = {
        "title": d.title,
        "description": d.description,
        "licence": licence(),
        "generated_at": timezone.localtime(),
        "items": list(d.rows()),
    }
    return json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder).encode()
