"""Benchmark `message_lookup_ms`: a unit's to-do list and the voter's status page by tracking code.

Issue 9: with 2,000,000 messages both answer in a constant number of indexed queries.

- **Ours:** the first page of `selectors.unit_todo` (30 rows with body, station and township, and the
  paginator's count) for the handler of the unit with the most open messages.
- **Baseline:** the same page for the unit with the fewest open messages that still fills it as far (both
  list the same number of rows), so the ratio shows what a unit's load adds: constant means about 1.
- **Checks:** both to-do pages take the same number of queries; the status page (`selectors.by_code`: the
  message with its station, deputy and unit, its replies, its public timeline) is 3 queries for any code; on
  PostgreSQL `EXPLAIN` of every query finds no sequential scan of a large message table; and both pages
  read the same rows as hand-written SQL. Any failure stops the run. The status page's time for 20 codes
  is printed beside the same reads by hand-written SQL.
"""

from __future__ import annotations

from benchmarks import http
from benchmarks.registry import benchmark

CODES = 20
PER_PAGE = 30  # renda/contact/views/common.py page_of
GOAL = 1.5  # "constant": the busiest unit's page costs about what a quiet unit's does
MESSAGE_TABLES = ("contact_message", "contact_reply", "contact_messageevent")

STATUS_SQL = """
SELECT m.id, m.code_hash, m.status, s.name, p.name, u.name FROM contact_message m
LEFT JOIN deputies_station s ON s.id = m.station_id LEFT JOIN deputies_mandate d ON d.id = m.mandate_id
LEFT JOIN deputies_person p ON p.id = d.person_id LEFT JOIN core_unit u ON u.id = m.unit_id
WHERE m.code_hash = %s"""
REPLIES_SQL = "SELECT id, text FROM contact_reply WHERE message_id = %s ORDER BY at, id"
EVENTS_SQL = "SELECT id, label FROM contact_messageevent WHERE message_id = %s AND public ORDER BY at, id"
OPEN_COUNT_SQL = (
    "SELECT COUNT(*) FROM contact_message WHERE unit_id = %s AND status IN ('forwarded', 'reopened')"
)
OPEN_PAGE_SQL = """
SELECT m.id, m.code_hash, b.name, s.name, t.name FROM contact_message m JOIN core_body b ON b.id = m.body_id
LEFT JOIN deputies_station s ON s.id = m.station_id LEFT JOIN core_body t ON t.id = m.township_id
WHERE m.unit_id = %s AND m.status IN ('forwarded', 'reopened') ORDER BY m.reply_due, m.id LIMIT %s"""


def _units(cursor) -> tuple[int, int, int, int]:
    """The busiest unit by open messages and the quietest one whose first page holds as many rows, with
    their counts."""
    cursor.execute(
        "SELECT unit_id, COUNT(*) FROM contact_message WHERE status IN ('forwarded', 'reopened') "
        "AND unit_id IS NOT NULL GROUP BY unit_id ORDER BY 2 DESC, 1"
    )
    rows = cursor.fetchall()
    if not rows:
        raise AssertionError("no unit has open messages to list")
    busy, most = rows[0]
    quiet, fewest = next((u, n) for u, n in reversed(rows) if n >= min(most, PER_PAGE))
    return busy, most, quiet, fewest


def _codes(cursor) -> list[str]:
    from benchmarks.modules.contact import bench_code

    cursor.execute("SELECT id FROM contact_message WHERE id %% 97 = 0 ORDER BY id LIMIT %s", [CODES])
    codes = [bench_code(r[0]) for r in cursor.fetchall()]
    if not codes:
        raise AssertionError("no message to look up")
    return codes


def ours_status(code: str) -> tuple:
    from renda.contact import selectors

    m = selectors.by_code(code)
    unit = m.unit.name if m.unit_id else None
    person = m.mandate.person.name if m.mandate_id else None
    station = m.station.name if m.station_id else None
    return (
        m.pk,
        m.code_hash,
        m.status,
        station,
        person,
        unit,
        [(r.pk, r.text) for r in m.replies.all()],
        [(e.pk, e.label) for e in m.events.all()],
    )


def ours_todo(user) -> tuple:
    from django.core.paginator import Paginator

    from renda.contact import selectors

    page = Paginator(selectors.unit_todo(user), PER_PAGE).get_page(1)
    rows = [
        (
            m.pk,
            m.code_hash,
            m.body.name,
            m.station.name if m.station_id else None,
            m.township.name if m.township_id else None,
        )
        for m in page.object_list
    ]
    return page.paginator.count, rows


def raw_status(cursor, code: str) -> tuple:
    from renda.contact.codes import digest

    cursor.execute(STATUS_SQL, [digest(code)])
    row = cursor.fetchone()
    cursor.execute(REPLIES_SQL, [row[0]])
    replies = [tuple(r) for r in cursor.fetchall()]
    cursor.execute(EVENTS_SQL, [row[0]])
    return (*row, replies, [tuple(r) for r in cursor.fetchall()])


def raw_todo(cursor, unit_id: int) -> tuple:
    cursor.execute(OPEN_COUNT_SQL, [unit_id])
    count = cursor.fetchone()[0]
    cursor.execute(OPEN_PAGE_SQL, [unit_id, PER_PAGE])
    return count, [tuple(r) for r in cursor.fetchall()]


def seq_scans(queries: list[dict]) -> list[str]:
    """The message tables a plan of `queries` reads by a sequential scan (PostgreSQL), among those with
    10,000 rows or more: for a small table a scan is the planner's right choice (the generator writes no
    replies or timelines)."""
    from django.db import connection

    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples >= 10000",
            [list(MESSAGE_TABLES)],
        )
        large = {r[0] for r in cursor.fetchall()}
        for q in queries:
            cursor.execute("EXPLAIN " + q["sql"])
            plan = "\n".join(r[0] for r in cursor.fetchall()) + "\n"
            found += [t for t in large if f"Seq Scan on {t} " in plan or f"Seq Scan on {t}\n" in plan]
    return found


@benchmark(
    "message_lookup_ms", better="lower", order=41, title="查询码状态页与承办单位待办（恒定数量的索引查询）"
)
def lookups(ctx):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.modules.contact import _mean_ms
    from renda.core.models import User

    with connection.cursor() as cursor:
        busy, most, quiet, fewest = _units(cursor)
        codes = _codes(cursor)
    handler, quiet_handler = (User.objects.get(username=f"h{unit}") for unit in (busy, quiet))

    def status_ours():
        return [ours_status(c) for c in codes]

    def status_sql():
        with connection.cursor() as cursor:
            return [raw_status(cursor, c) for c in codes]

    with CaptureQueriesContext(connection) as status_q:
        ours_status(codes[0])
    with CaptureQueriesContext(connection) as busy_q:
        ours_todo(handler)
    with CaptureQueriesContext(connection) as quiet_q:
        ours_todo(quiet_handler)
    with connection.cursor() as cursor:
        same = ours_todo(handler) == raw_todo(cursor, busy) and ours_todo(quiet_handler) == raw_todo(
            cursor, quiet
        )
    if not same or status_ours() != status_sql():
        raise AssertionError("the pages do not read the same rows as the hand-written SQL")
    if len(busy_q.captured_queries) != len(quiet_q.captured_queries) or len(status_q.captured_queries) != 3:
        raise AssertionError(
            f"queries: to-do {len(busy_q.captured_queries)} (busiest) vs "
            f"{len(quiet_q.captured_queries)} (quietest), status page {len(status_q.captured_queries)}"
        )
    scans = (
        seq_scans(status_q.captured_queries + busy_q.captured_queries)
        if connection.vendor == "postgresql"
        else []
    )
    if scans:
        raise AssertionError(f"sequential scans of {sorted(set(scans))}: the lookups are not indexed")
    calls = 3 if ctx.in_process else 50
    ours_runs, base_runs, status_runs, status_sql_runs = [], [], [], []
    for _ in range(ctx.repeat):  # alternate, so drift hits both alike
        ours_runs.append(_mean_ms(lambda: ours_todo(handler), calls))
        base_runs.append(_mean_ms(lambda: ours_todo(quiet_handler), calls))
        status_runs.append(_mean_ms(status_ours, 3) / len(codes))
        status_sql_runs.append(_mean_ms(status_sql, 3) / len(codes))
    extra = {
        "busiest_unit_open": most,
        "baseline_unit_open": fewest,
        "todo_queries": len(busy_q.captured_queries),
        "status_page_ms": round(http.median(status_runs), 2),
        "status_sql_ms": round(http.median(status_sql_runs), 2),
        "status_queries": len(status_q.captured_queries),
        "seq_scans": "none" if connection.vendor == "postgresql" else "not checked (SQLite)",
    }
    return http.median(ours_runs), http.median(base_runs), GOAL, "ms", extra
