"""Deputies benchmarks: the bare view the deputies API is measured against, and the home page's deputies
figures counted by hand (the generator is in `deputies.py`)."""

from __future__ import annotations

from benchmarks.bare import bare, page_args, scope_prefix
from benchmarks.modules.api_list import measure_first
from benchmarks.registry import raw_count
from renda.core import crypto
from renda.core.roles import Role
from renda.deputies.choices import Party

# The API benchmark measures GET /api/v1/deputies once the deputies API exists, against this bare view.
measure_first("/api/v1/deputies?limit=50", "deputies")

_LIST_SQL = """
SELECT m.id, m.body_id, b.name, m.level, m.term_id, t.number, m.constituency_id, c.name, m.delegation_id, d.name,
       m.group_id, g.name, m.card_number, m.status, m.start_date, m.end_date, m.re_elected,
       p.id, p.name, p.name_pinyin, p.gender, p.ethnicity, p.birth_date, p.party, p.education, p.occupation,
       p.occupation_category, p.work_unit, p.id_number, p.phone, p.birth_precision
FROM deputies_mandate m
JOIN core_body b ON b.id = m.body_id
JOIN deputies_person p ON p.id = m.person_id
JOIN deputies_term t ON t.id = m.term_id
LEFT JOIN deputies_constituency c ON c.id = m.constituency_id
LEFT JOIN deputies_delegation d ON d.id = m.delegation_id
LEFT JOIN deputies_deputygroup g ON g.id = m.group_id
WHERE b.path LIKE %s AND m.status IN ('active', 'suspended')
ORDER BY b.path, p.name_pinyin, m.id
LIMIT %s OFFSET %s
"""
_COUNT_SQL = """
SELECT COUNT(*) FROM deputies_mandate m JOIN core_body b ON b.id = m.body_id
WHERE b.path LIKE %s AND m.status IN ('active', 'suspended')
"""


@bare("deputies")
def bare_deputies(request):
    """The same rows as GET /api/v1/deputies (current mandates in scope, masked ID and phone), by hand."""
    from django.db import connection
    from django.http import JsonResponse

    from renda.core.templatetags.renda import mask_id, mask_phone
    from renda.deputies.choices import PARTY_UNKNOWN
    from renda.deputies.dates import partial_iso
    from renda.deputies.models.organisation import chinese_number

    user = request.user
    if not user.is_authenticated or user.body_id is None:
        return JsonResponse({"code": "not_authenticated", "message": "请先登录"}, status=401)
    limit, offset = page_args(request)
    labels = dict(Party.choices)
    with connection.cursor() as cursor:
        prefix = scope_prefix(cursor, user.body_id)
        cursor.execute(_COUNT_SQL, [prefix])
        count = cursor.fetchone()[0]
        cursor.execute(_LIST_SQL, [prefix, limit, offset])
        rows = cursor.fetchall()
    items = [
        {
            "id": r[0],
            "body_id": r[1],
            "body_name": r[2],
            "level": r[3],
            "term_id": r[4],
            "term": f"第{chinese_number(r[5])}届",
            "constituency_id": r[6],
            "constituency": r[7],
            "delegation_id": r[8],
            "delegation": r[9],
            "group_id": r[10],
            "group": r[11],
            "card_number": r[12],
            "status": r[13],
            "start_date": r[14],
            "end_date": r[15],
            "re_elected": bool(r[16]),
            "person": {
                "id": r[17],
                "name": r[18],
                "name_pinyin": r[19],
                "gender": r[20],
                "ethnicity": r[21],
                "birth_date": partial_iso(r[22], r[30]) or None,  # only what is known: 1967-03, 1967
                "birth_precision": r[30],
                "party": r[23],
                "party_label": labels.get(r[23], r[23]) or PARTY_UNKNOWN,
                "education": r[24],
                "occupation": r[25],
                "occupation_category": r[26],
                "work_unit": r[27],
                "id_number_masked": mask_id(crypto.decrypt(r[28])),
                "phone_masked": mask_phone(crypto.decrypt(r[29])),
            },
        }
        for r in rows
    ]
    return JsonResponse({"count": count, "items": items})


# The home page's deputies figures for staff (renda/deputies/hooks.py `_waiting`), by hand.
@raw_count("代表导入文件已校验，待确认导入", {Role.STAFF}, mirrors="renda.deputies.hooks._waiting")
def pending_imports(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM deputies_importbatch WHERE status = 'checked' AND by_id = %s", [user.pk]
    )
    return cursor.fetchone()[0]


@raw_count("选区代表缺额，需安排补选", {Role.STAFF}, mirrors="renda.deputies.hooks._waiting")
def vacant_constituencies(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM (SELECT c.id FROM deputies_constituency c JOIN core_body b ON b.id = c.body_id "
        "LEFT JOIN deputies_mandate m ON m.constituency_id = c.id AND m.status IN ('active', 'suspended') "
        "WHERE b.path LIKE %s GROUP BY c.id, c.seats HAVING COUNT(m.id) < c.seats) vacant",
        [scope_prefix(cursor, user.body_id)],
    )
    return cursor.fetchone()[0]
