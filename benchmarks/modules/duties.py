"""Duties data: each congress's duty types (renda/duties/defaults.py) and the duty records of every mandate
(county 50 k, city 600 k, province 5 M), spread over the term up to November 2026.

Mix: mostly declared acts (group activities, voter contacts, inspections …), approved; 3 % still pending
review and 1 % returned, so the staff review queue has rows; one congress session a year per mandate.
Rows are produced lazily (5 M tuples would not fit in memory twice) and go to COPY as they are made.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from benchmarks.bare import scope_prefix
from benchmarks.registry import generator, raw_count
from renda.core.roles import Role
from renda.duties import defaults
from renda.duties.choices import Outcome, Review, Source
from renda.duties.models import DutyRecord, DutyType

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LAST_DAY = date(2026, 10, 31)
# Relative frequency of each default type among a deputy's records (sessions are added once a year).
WEIGHTS = {"sc_meeting": 3, "speech": 6, "inspection": 8, "research": 6, "law_enforcement": 3, "training": 6,
           "group_activity": 14, "reception_day": 10, "voter_contact": 18, "suggestion": 6, "motion": 1,
           "report_to_voters": 2, "practical_project": 5, "publicity": 4}
AUTOMATIC = {"suggestion", "motion", "report_to_voters", "sc_meeting"}
FIELDS = ("id", "mandate_id", "body_id", "duty_type_id", "on", "year", "title", "note", "source", "source_type",
          "source_id", "activity_id", "outcome", "status", "points", "evidence", "evidence_text", "reviewed_by_id",
          "reviewed_at", "reject_reason", "created_by_id", "created_at")
TYPE_FIELDS = ("id", "body_id", "code", "name", "category", "is_session", "declarable", "default_points",
               "default_cap", "order", "active")


@generator(30, "履职类型与履职记录", tables=("duties_dutytype", "duties_dutyrecord"))
def fill(scale, rng, db) -> None:
    from benchmarks.modules.deputies import TERMS

    level_of = {b.id: b.level for b in db.state["bodies"]}
    seated = sorted({body_id for _m, body_id in db.state["mandates"]})
    types: dict[int, dict[str, tuple]] = {}  # body id → code → (type id, name, points)
    rows = []
    ids = iter(db.ids(DutyType, len(seated) * len(defaults.TYPES)))
    for body_id in seated:
        for i, (code, name, cat, pts, cap, session, declarable) in enumerate(defaults.TYPES):
            pk = next(ids)
            rows.append((pk, body_id, code, name, cat, session, declarable, pts, cap, i, True))
            types.setdefault(body_id, {})[code] = (pk, name, pts)
    db.write(DutyType, TYPE_FIELDS, rows)

    mandates = db.state["mandates"]
    per, extra = divmod(scale.duty_records, max(1, len(mandates)))
    counts = [per + (i < extra) for i in range(len(mandates))]
    codes = [c for c, w in WEIGHTS.items() for _ in range(w)]
    titles = {"voter_contact": ("走访联系选民", "电话联系选民", "收集村民意见"),
              "group_activity": ("代表小组集中学习", "代表小组视察", "代表小组座谈"),
              "reception_day": ("进站接待选民",), "inspection": ("视察乡村振兴项目", "视察民生实事项目")}

    # Ids first: the COPY below holds the connection, so nothing may query while rows are made.
    ids = iter(db.ids(DutyRecord, sum(counts)))

    def records():
        rand, randrange = rng.random, rng.randrange
        for (mandate_id, body_id), n in zip(mandates, counts, strict=True):
            start = TERMS[level_of[body_id]][1]
            span = (LAST_DAY - start).days
            body_types = types[body_id]
            for k in range(n):
                session = k < 5 and k * 365 < span  # one congress session a year of the term
                code = "congress_session" if session else codes[randrange(len(codes))]
                type_id, name, points = body_types[code]
                on = start + timedelta(days=k * 365 + 3 if session else randrange(span))
                roll = rand()
                status = Review.PENDING if roll < 0.03 else Review.REJECTED if roll < 0.04 else Review.APPROVED
                source = (Source.AUTOMATIC if code in AUTOMATIC else Source.ACTIVITY if session else Source.DECLARED)
                if source != Source.DECLARED:
                    status = Review.APPROVED
                options = titles.get(code)
                yield (next(ids), mandate_id, body_id, type_id, on, on.year,
                       options[randrange(len(options))] if options else name, "", source, "", "", None,
                       Outcome.LEAVE if session and roll > 0.98 else Outcome.ATTENDED, status,
                       points if status == Review.APPROVED else 0, "",
                       "照片及签到表已留存" if source == Source.DECLARED else "", None, None,
                       "佐证材料不足，请补充" if status == Review.REJECTED else "", None, NOW)

    db.write(DutyRecord, FIELDS, records(), big=True)


# The home page's duties figures for staff (renda/duties/selectors.py `waiting`), by hand.
_MIRRORS = "renda.duties.selectors.waiting"


@raw_count("待审核的履职申报", {Role.STAFF}, mirrors=_MIRRORS)
def declarations_to_review(cursor, user) -> int:
    cursor.execute("SELECT COUNT(*) FROM duties_dutyrecord r JOIN core_body b ON b.id = r.body_id "
                   "WHERE b.path LIKE %s AND r.source = 'declared' AND r.status = 'pending'",
                   [scope_prefix(cursor, user.body_id)])
    return cursor.fetchone()[0]


@raw_count("待审批的请假", {Role.STAFF}, mirrors=_MIRRORS)
def leave_to_decide(cursor, user) -> int:
    cursor.execute("SELECT COUNT(*) FROM duties_leaverequest l JOIN duties_activity a ON a.id = l.activity_id "
                   "JOIN core_body b ON b.id = a.body_id WHERE b.path LIKE %s AND l.status = 'pending'",
                   [scope_prefix(cursor, user.body_id)])
    return cursor.fetchone()[0]


@raw_count("待处理的履职提示", {Role.STAFF}, mirrors=_MIRRORS)
def open_triggers(cursor, user) -> int:
    cursor.execute("SELECT COUNT(*) FROM duties_trigger t JOIN core_body b ON b.id = t.body_id "
                   "WHERE b.path LIKE %s AND t.status = 'open'", [scope_prefix(cursor, user.body_id)])
    return cursor.fetchone()[0]


