"""Voters' messages (20 k / 200 k / 2 M) left at the township liaison stations, in every state of their life
cycle, and the home page's contact figures for staff in raw SQL (renda/contact/selectors.py `waiting`).

States: most messages of past months are closed or rated; the recent ones are received, accepted,
forwarded to a unit of the county above, or replied. Deadlines are counted in calendar days from the
received time (the app counts working days by policy; close enough for volume). A third left a phone
number, encrypted by the model's own field. Replies and timelines are not generated.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from django.utils import timezone

from benchmarks import fake, http
from benchmarks.bare import scope_prefix
from benchmarks.registry import benchmark, generator, raw_count
from renda.contact.choices import Category, Channel, NotAcceptedReason, Outcome, Rating, Status
from renda.contact.codes import digest
from renda.contact.models import Message
from renda.core.roles import Role

NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
FIRST = datetime(2023, 1, 1, 8, 0, tzinfo=UTC)
TOPICS = {
    Category.ROADS: (
        "村道破损严重，雨天出行困难",
        "路口缺少红绿灯，学生过马路危险",
        "公交班次太少，进城不方便",
    ),
    Category.HOUSING: ("小区电梯经常故障", "老旧小区改造进度慢", "物业收费不透明"),
    Category.EDUCATION: ("学校门口接送拥堵", "希望增设课后托管服务", "乡村学校缺少音体美老师"),
    Category.PENSIONS: ("村里老人就餐不方便，希望办老年食堂", "养老金认证手续繁琐"),
    Category.ENVIRONMENT: ("河道有人倾倒垃圾", "养殖场气味扰民", "工地夜间施工噪音大"),
    Category.HEALTH: ("卫生院缺少儿科医生", "希望村卫生室延长开放时间"),
    Category.RURAL: ("灌溉水渠年久失修", "农产品销路难，希望搭建销售平台"),
    Category.CITY: ("路灯不亮", "小区周边停车难", "菜市场周边占道经营"),
    Category.OTHER: ("希望增设便民服务点",),
}


def _end_of(day):
    """A generated deadline counted in days holds until the end of its day, local time (as contact 0004)."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=timezone.get_current_timezone())


def bench_code(pk: int) -> str:
    """The generated message's tracking code, recomputed from its id where a benchmark looks one up (only
    the keyed hash is stored, as for a real message)."""
    return f"BENCH{pk:011d}"


CHANNELS = (
    (Channel.WEB,) * 5 + (Channel.QR,) * 3 + (Channel.WALK_IN,) * 2 + (Channel.RECEPTION, Channel.PHONE)
)
FIELDS = (
    "id",
    "body_id",
    "station_id",
    "mandate_id",
    "reception_id",
    "township_id",
    "code_hash",
    "channel",
    "category",
    "title",
    "content",
    "place",
    "voter_name",
    "phone",
    "consent_at",
    "registered_by_id",
    "status",
    "outcome",
    "not_accepted_reason",
    "decision_note",
    "unit_id",
    "suggestion_id",
    "hotline_ref",
    "received_at",
    "accepted_at",
    "forwarded_at",
    "replied_at",
    "rated_at",
    "closed_at",
    "accept_due",
    "forward_due",
    "reply_due",
    "rate_due",
    "accept_due_at",
    "reply_due_at",
    "accepted_on_time",
    "replied_on_time",
    "rating",
    "resolved",
    "rating_note",
    "reopen_count",
    "created_at",
)


@generator(40, "选民留言", tables=("contact_message",))
def fill(scale, rng, db) -> None:
    stations = db.state["stations"]
    bodies = {b.id: b for b in db.state["bodies"]}
    townships = [t for t in db.state["townships"] if t.id in stations]
    units: dict[int, list[int]] = {}
    for unit_id, body_id in db.state["units"]:
        units.setdefault(body_id, []).append(unit_id)
    span = int((NOW - FIRST).total_seconds())
    topics = [(c, t) for c, ts in TOPICS.items() for t in ts]
    ids = iter(db.ids(Message, scale.messages))  # before write(): the COPY holds the connection

    def rows():
        rand, randrange = rng.random, rng.randrange
        for i in range(scale.messages):
            pk = next(ids)
            town = townships[randrange(len(townships))]
            county_units = units.get(town.parent_id) or units[next(iter(units))]
            category, title = topics[randrange(len(topics))]
            received = FIRST + timedelta(seconds=randrange(span))
            age = (NOW - received).days
            accept_due, forward_due = (
                (received + timedelta(days=3)).date(),
                (received + timedelta(days=8)).date(),
            )
            reply_due, rate_due = (
                (received + timedelta(days=23)).date(),
                (received + timedelta(days=38)).date(),
            )
            acc = fwd = rep = rated = closed = None
            outcome = reason = rating = ""
            unit = resolved = on_time_acc = on_time_rep = None
            roll = rand()
            if age < 2 or (age < 40 and roll < 0.1):
                status = Status.RECEIVED
            elif roll < 0.03:
                status, reason = Status.NOT_ACCEPTED, NotAcceptedReason.PETITION
                acc, closed = received + timedelta(days=1), received + timedelta(days=1)
            else:
                acc = received + timedelta(days=1, hours=randrange(48))
                on_time_acc = acc.date() <= accept_due
                status = Status.ACCEPTED
                if age > 6:
                    status, outcome, unit = (
                        Status.FORWARDED,
                        Outcome.UNIT,
                        county_units[randrange(len(county_units))],
                    )
                    fwd = acc + timedelta(days=2)
                    answer = fwd + timedelta(days=randrange(3, 25))
                    if (age > 20 or roll > 0.6) and answer < NOW:
                        status, rep = Status.REPLIED, answer
                        on_time_rep = rep.date() <= reply_due
                        if age > 45:
                            rated = rep + timedelta(days=randrange(1, 9))
                            rating = (
                                Rating.SATISFIED
                                if roll < 0.75
                                else Rating.BASIC
                                if roll < 0.92
                                else Rating.UNSATISFIED
                            )
                            resolved = rating != Rating.UNSATISFIED
                            status, closed = Status.CLOSED, rated
            phone = fake.mobile(rng) if i % 3 == 0 else ""
            yield (
                pk,
                town.id,
                stations[town.id],
                None,
                None,
                town.id,
                digest(bench_code(pk)),
                CHANNELS[randrange(len(CHANNELS))],
                category,
                title,
                f"{title}。希望有关部门尽快研究解决。",
                bodies[town.id].region_name[-8:],
                fake.name(rng)[:1] + "先生",
                phone,
                received,
                None,
                status,
                outcome,
                reason,
                "",
                unit,
                None,
                "",
                received,
                acc,
                fwd,
                rep,
                rated,
                closed,
                accept_due,
                forward_due,
                reply_due,
                rate_due,
                _end_of(accept_due),
                _end_of(reply_due),
                on_time_acc,
                on_time_rep,
                rating,
                resolved,
                "",
                0,
                received,
            )

    db.write(Message, FIELDS, rows(), big=True)


_MIRRORS = "renda.contact.selectors.waiting"


@raw_count("待受理或分办的选民留言", {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, mirrors=_MIRRORS)
def open_messages(cursor, user) -> int:
    cursor.execute(
        "SELECT COUNT(*) FROM contact_message m JOIN core_body b ON b.id = m.body_id "
        "WHERE b.path LIKE %s AND m.status IN ('received', 'accepted')",
        [scope_prefix(cursor, user.body_id)],
    )
    return cursor.fetchone()[0]


@raw_count("超期的选民留言", {Role.STAFF, Role.LEADER, Role.STATION_KEEPER}, mirrors=_MIRRORS)
def overdue_messages(cursor, user) -> int:
    today, now = timezone.localdate(), timezone.now()
    # Clocks in hours are past at their moment (*_due_at); the forwarding clock in working days by day.
    cursor.execute(
        "SELECT COUNT(*) FROM contact_message m JOIN core_body b ON b.id = m.body_id WHERE b.path LIKE %s AND ("
        "(m.status = 'received' AND m.accept_due_at < %s) OR (m.status = 'accepted' AND m.forward_due < %s) "
        "OR (m.status IN ('forwarded', 'reopened') AND m.reply_due_at < %s))",
        [scope_prefix(cursor, user.body_id), now, today, now],
    )
    return cursor.fetchone()[0]


# The monthly three-rates ranking (renda/contact/rates.py) against the same figures by hand.
RATES_SQL = """
SELECT m.unit_id, u.name, COUNT(*),
       COUNT(*) FILTER (WHERE m.replied_on_time),
       COUNT(*) FILTER (WHERE m.replied_on_time IS NOT NULL
                        OR (m.status IN ('forwarded', 'reopened') AND m.reopen_count = 0 AND m.reply_due < %s)),
       COUNT(*) FILTER (WHERE m.resolved AND m.rating <> ''),
       COUNT(*) FILTER (WHERE m.rating IN ('satisfied', 'basic')),
       COUNT(*) FILTER (WHERE m.rating <> '')
FROM contact_message m JOIN core_body b ON b.id = m.body_id JOIN core_unit u ON u.id = m.unit_id
WHERE b.path LIKE %s AND m.received_at >= %s AND m.received_at < %s
GROUP BY m.unit_id, u.name
"""
RATES_GOAL = 1.5


def raw_rates(cursor, prefix: str, since: datetime, until: datetime, on, weights) -> list[tuple]:
    """The baseline: one hand-written aggregate, then the rates, the weighted total and the rank by hand."""
    cursor.execute(RATES_SQL, [on, prefix, since, until])

    def pct(num, den):
        return round(100.0 * num / den, 1) if den else None

    rows = []
    for key, name, received, r_num, r_den, resolved, satisfied, rated in cursor.fetchall():
        parts = [
            (w, r)
            for w, r in zip(
                weights, (pct(r_num, r_den), pct(resolved, rated), pct(satisfied, rated)), strict=True
            )
            if r is not None and w
        ]
        weight = sum(w for w, _ in parts)
        total = round(sum(w * r for w, r in parts) / weight, 1) if weight else None
        rows.append([key, name, received, r_num, r_den, resolved, satisfied, rated, total, 0])
    rows.sort(key=lambda r: (r[8] is None, -(r[8] or 0), -r[2], r[1]))
    rank = 0
    for r in rows:
        if r[8] is not None:
            rank += 1
            r[9] = rank
    return [tuple(r) for r in rows]


def _rate_month(cursor):
    """The latest month whose messages have been rated by voters: every rate has numbers in it."""
    from renda.contact.rates import day_start, month_bounds

    cursor.execute("SELECT MAX(received_at) FROM contact_message WHERE rating <> '' AND unit_id IS NOT NULL")
    last = cursor.fetchone()[0]
    if isinstance(last, str):  # SQLite
        last = datetime.fromisoformat(last)
    last = timezone.localtime(last if timezone.is_aware(last) else last.replace(tzinfo=UTC))
    start, end = month_bounds(last.year, last.month)
    return start, end, day_start(start), day_start(end + timedelta(days=1))


def _mean_ms(fn, calls: int) -> float:
    import time

    started = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - started) * 1000 / calls


@benchmark("message_rates_ms", better="lower", order=40, title="社情民意三率月度排名")
def rates_ranking(ctx):
    """Ours: the staff rates page's call (units, one month, the top body's scope). Baseline: `raw_rates`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from benchmarks.modules.api_list import account
    from renda.contact import policy, rates, selectors

    user = account("top_staff")
    weights = policy.for_body(user.home_body).weights
    on = timezone.localdate()
    with connection.cursor() as cursor:
        start, end, since, until = _rate_month(cursor)
        prefix = scope_prefix(cursor, user.body_id)

    def ours():
        return rates.ranking(
            selectors.messages_for(user), group="unit", start=start, end=end, weights=weights, on=on
        )

    def baseline():
        with connection.cursor() as cursor:
            return raw_rates(cursor, prefix, since, until, on, weights)

    with CaptureQueriesContext(connection) as queries:
        got = [
            (
                r.key,
                r.name,
                r.received,
                r.response_num,
                r.response_den,
                r.resolved,
                r.satisfied,
                r.rated,
                r.total,
                r.rank,
            )
            for r in ours()
        ]
    want = baseline()
    if got != want:
        raise AssertionError(f"the ranking differs from the hand-written SQL: {got[:3]} ≠ {want[:3]}")
    calls = 3 if ctx.in_process else max(3, min(50, int(500 / max(_mean_ms(baseline, 1), 0.1))))
    ours_runs, base_runs = [], []
    for _ in range(ctx.repeat):  # alternate, so drift hits both alike
        ours_runs.append(_mean_ms(ours, calls))
        base_runs.append(_mean_ms(baseline, calls))
    extra = {
        "month": f"{start:%Y-%m}",
        "units": len(want),
        "messages": sum(r[2] for r in want),
        "rated": sum(r[7] for r in want),
        "queries": len(queries.captured_queries),
        "calls_per_run": calls,
    }
    return http.median(ours_runs), http.median(base_runs), RATES_GOAL, "ms", extra
