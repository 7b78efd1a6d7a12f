"""Deputies' suggestions (2 k / 20 k / 200 k) over three years (2024–2026), the unit-ranking benchmark and the
home page's suggestion figures for staff in raw SQL (renda/suggestions/waiting.py `for_staff`).

Led by the seated deputies of the congresses with handling units (county and above), each item walks the
legal path up to 1 November 2026 (domain.md §1.3): screening, hand-over to a lead unit with co-handlers (or
分办), a few parts returned, signing, replies A–D, ratings, re-handling after 不满意, escalation, closing.
Units differ in quality, so the ranking means something. Deadlines count calendar days (the app: working
days by policy). Timelines, contact records, promises and publications are not generated.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

from django.db.models import Count

from benchmarks import fake
from benchmarks.bare import scope_prefix
from benchmarks.http import median
from benchmarks.registry import benchmark, generator, raw_count
from renda.core import policy as resolver
from renda.core.roles import Role
from renda.suggestions.demo_topics import REPLY_TEXT, TOPICS, UNSATISFIED_REASONS
from renda.suggestions.models import Assignment, CoSigner, Evaluation, Policy, Reply, State, Suggestion


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


NOW = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
YEARS = (2024, 2025, 2026)
DOCUMENT = "suggestions/replies/bench/答复函.pdf"
SOON = timedelta(days=7)  # ≈ the policy's 5 working days
TABLES = tuple(f"suggestions_{t}" for t in _words("suggestion cosigner assignment reply evaluation policy"))
WE = {"province": "我省", "city": "我市", "county": "我县"}

# Column lists as words: every required column of renda/suggestions/models, in the order the rows give them.
ITEM_FIELDS = _words(
    "id body_id kind period year number title facts proposals lead_id card_number contact private "
    "state round submitted_at accepted_on handover_due handed_over_on reply_due extended_months "
    "feedback_due feedback_reminded_on unrated closed_on due_state non_acceptance motion_decision "
    "decision_note is_priority published_at origin_type_id origin_id created_by_id created_at updated_at"
)
PART_FIELDS = _words(
    "id suggestion_id unit_id role status year assigned_on return_due cohandler_due contact_due "
    "accepted_at return_reason return_requested_on opinion opinion_on replied_on on_time reply_class "
    "result attitude unrated assigned_by_id"
)
REPLY_FIELDS = _words(
    "id suggestion_id assignment_id unit_id round reply_class content document document_number "
    "cohandler_views status drafted_by_id drafted_at approved_by_id sent_on head_note"
)
EVAL_FIELDS = _words("id reply_id suggestion_id round attitude result reason cosigner_views by_id on")
COSIGNER_FIELDS = _words("id suggestion_id mandate_id confirmed_at declined_at agrees_withdraw_at view")
NOTES = {
    State.NOT_ACCEPTED: "经审查，不作为代表建议受理，退回代表。",
    State.LETTER: "属于个人诉求，转作代表来信处理。",
    State.MOTION_REJECTED: "经审议，不符合议案要求，不予立案。",
}
NOT_ACCEPTED = ("personal", "consultation", "complaint", "out_of_competence", "no_content", "multiple_issues")
STAGES = (State.ACCEPTED, State.HANDED_OVER, State.HANDLING, State.REHANDLING, State.REPLIED)
RANKING_YEAR = 2025  # the last full year: every part has had its time to be replied to and rated
RANKING_GOAL = 1.5  # issue 7 "Performance": at most 1.5× a hand-written SQL aggregate of the same figures


class _Item:
    """One item's plan: what the rows of every table are made from (200 k of them at province, so slots)."""

    __slots__ = _words(
        "acc body card closed cos decision ext fb_due ho ho_due id kind lead number parts place priority "
        "private reason reminded reply_due round session state sub topic unrated user year"
    )


class _Part:
    """A unit's part; replies: [id, round, class, sent on, (id, attitude, result, reason, on) or None]."""

    __slots__ = ("id", "on", "replies", "role", "signed", "status", "unit")

    def __init__(self, unit: int, role: str, status: str, on: date, signed: date | None) -> None:
        self.id, self.unit, self.role, self.status, self.on, self.signed = 0, unit, role, status, on, signed
        self.replies: list[list] = []


class _Planner:
    """Walks each item along the legal path from its submission date, stopping at TODAY."""

    def __init__(self, rng, units: dict[int, list[tuple[int, str]]]) -> None:
        self.rng, self.units, self.rand = rng, units, rng.random
        self.between = lambda a, b: a + int(self.rand() * (b - a + 1))  # rng.randint at a quarter of the cost
        # Units differ: some reply late and leave deputies unsatisfied more often, so the ranking means a thing.
        self.quality = {u: rng.uniform(0.55, 1.0) for us in units.values() for u, _n in us}
        # The unit a topic names (the first two characters of its keyword: 教育体育 → 教育局), per congress.
        words = {t[0][:2] for t in TOPICS} | {t[1][:2] for t in TOPICS if t[1]}
        found = (
            (b, w, next((u for u, name in us if w in name), None)) for b, us in units.items() for w in words
        )
        self.by_topic = {(body, w): hit for body, w, hit in found if hit}

    def unit(self, body: int, word: str, *, avoid=()) -> int:
        hit = self.by_topic.get((body, word[:2])) if word else None
        if hit and hit not in avoid:
            return hit
        us = self.units[body]
        while True:
            u = us[int(self.rand() * len(us))][0]
            if u not in avoid or len(us) <= len(avoid):
                return u

    def item(self, it: _Item, peers: list[tuple]) -> None:
        rand, randint = self.rand, self.between
        it.state, it.round, it.ext, it.unrated, it.priority = State.SUBMITTED, 1, 0, False, False
        it.acc = it.ho_due = it.ho = it.reply_due = it.fb_due = it.reminded = it.closed = None
        it.reason, it.decision, it.number, it.parts, it.cos = "", "", "", [], []
        if it.kind == "motion" or rand() < 0.3:  # joint items: co-signers of the same congress (motions: 10)
            n = min(len(peers), 10 if it.kind == "motion" else randint(1, 3))
            it.cos = [m for m in self.rng.sample(peers, n) if m[0] != it.lead]
        if it.year == TODAY.year and not it.session and rand() < 0.04:  # not yet sent (or co-signed)
            it.state = State.COSIGNING if it.cos else State.DRAFT
            return
        acc = date(it.year, 1, 20) if it.session else it.sub + timedelta(days=randint(1, 4))
        if acc > TODAY:
            return
        roll = rand()  # screening (§1.3 step 2)
        if roll < 0.04:
            it.state, it.reason = State.NOT_ACCEPTED, NOT_ACCEPTED[randint(0, len(NOT_ACCEPTED) - 1)]
            return
        if roll < 0.065:
            it.state = State.LETTER if roll < 0.06 else State.WITHDRAWN
            return
        if it.kind == "motion":
            if roll > 0.8:
                it.state, it.decision = State.MOTION_REJECTED, "rejected"
                return
            it.decision = "as_suggestion" if roll > 0.55 else "filed"
        it.state, it.acc, it.ho_due = State.ACCEPTED, acc, acc + SOON
        ho = date(it.year, 2, 26) if it.session else acc + timedelta(days=randint(2, 9))
        if ho <= TODAY:
            self._hand_over(it, ho)

    def _hand_over(self, it: _Item, ho: date) -> None:
        """Lead unit with co-handlers, or 分办 to two units (§1.3 steps 3–5), then signing and handling."""
        rand, randint = self.rand, self.between
        lead_word, co_word = TOPICS[it.topic][0], TOPICS[it.topic][1]
        lead = self.unit(it.body, lead_word)
        if rand() < 0.03:  # a mis-assigned part, returned with reasons and handed over again
            it.parts.append(_Part(self.unit(it.body, "", avoid=(lead,)), "lead", "returned", ho, None))
            ho += timedelta(days=6)
        it.state, it.ho = State.HANDED_OVER, ho
        separate = rand() < 0.08
        co = None
        if separate or rand() < 0.5:
            co = self.unit(it.body, co_word if co_word and rand() < 0.7 else "", avoid=(lead,))
        signed = ho + timedelta(days=randint(1, 4))
        status = "accepted" if signed <= TODAY else "pending"
        parts = [_Part(lead, "separate" if separate else "lead", status, ho, signed)]
        if co:
            parts.append(_Part(co, "separate" if separate else "co", status, ho, signed))
            if not separate and rand() < 0.3:
                parts.append(_Part(self.unit(it.body, "", avoid=(lead, co)), "co", status, ho, signed))
        it.parts += parts
        it.ext = randint(1, 3) if rand() < 0.06 else 0
        it.reply_due = _months(ho, 3 + it.ext)
        it.priority = it.year >= 2025 and rand() < 0.02
        if (TODAY - ho).days < 10 and rand() < 0.15:
            parts[0].status = "return_requested"  # within the return deadline, waiting for staff
            return
        if status == "pending":
            return
        it.state = State.HANDLING
        q = self.quality[lead]
        span = (it.reply_due - ho).days
        late = rand() < 0.02 + 0.35 * (1 - q)
        rep = ho + timedelta(days=randint(span + 3, span + 120) if late else randint(25, max(30, span - 3)))
        if rep <= TODAY:
            self._reply(it, [p for p in parts if p.role != "co"], 1, rep, q)

    def _reply(self, it: _Item, replying: list[_Part], rnd: int, on: date, q: float) -> None:
        """A reply round (class A–D by the unit's quality) and the deputy's ratings (§1.3 steps 7–10)."""
        rand, randint = self.rand, self.between
        weights = (25 + 50 * q, 30, 10 + 15 * (1 - q), 3 + 12 * (1 - q))
        for p in replying:
            p.replies.append([0, rnd, _pick(rand(), "ABCD", weights), on, None])
        it.state, it.fb_due = State.REPLIED, on + timedelta(days=21)
        if rand() < 0.05:  # never rated: reminded once, then left out of the satisfaction figures
            if it.fb_due <= TODAY:
                it.reminded = it.fb_due
            if it.fb_due + SOON < TODAY:
                it.state, it.unrated = State.EVALUATED, True
                self._close(it, it.fb_due + SOON)
            return
        rated = on + timedelta(days=randint(3, 18))
        if rated > TODAY:
            return
        unhappy = rand() < ((0.01 + 0.22 * (1 - q)) if rnd == 1 else 0.35)
        happy = _pick(rand(), ("satisfied", "basically"), (40 + 50 * q, 25))
        result = "unsatisfied" if unhappy else happy
        attitude = _pick(rand(), ("satisfied", "basically", "unsatisfied"), (60 + 30 * q, 15, 4 * (1 - q)))
        unhappy = unhappy or attitude == "unsatisfied"
        reason = UNSATISFIED_REASONS[randint(0, len(UNSATISFIED_REASONS) - 1)] if unhappy else ""
        for p in replying:
            p.replies[-1][4] = (0, attitude, result, reason, rated)
        if not unhappy:
            it.state = State.EVALUATED
            self._close(it, rated)
        elif rnd == 1:  # re-handling within a month, a second reply and a second rating
            it.state, it.round, it.reply_due = State.REHANDLING, 2, _months(rated, 1)
            again = rated + timedelta(days=randint(12, 35))
            if again <= TODAY:
                self._reply(it, replying, 2, again, q)
        else:  # still unsatisfied: a joint meeting or an expert assessment
            it.state = State.ESCALATED
            if rand() < 0.7:  # the joint meeting (or expert assessment) settled it; the rest are still open
                self._close(it, rated + timedelta(days=randint(30, 120)))

    def _close(self, it: _Item, after: date) -> None:
        close = after + timedelta(days=self.between(10, 60))
        if close < TODAY:
            it.state, it.closed = State.CLOSED, close


def _pick(r: float, options, weights) -> str:
    """rng.choices for one draw, with `r` = rng.random() (choices costs 4× as much per call)."""
    x = r * sum(weights)
    for option, w in zip(options, weights, strict=True):
        if x < w:
            return option
        x -= w
    return options[-1]


def _months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def _due_state(it: _Item) -> str:
    """What the deadline scan would mark at TODAY (services/deadlines.py STAGE_FIELD)."""
    due = {State.ACCEPTED: it.ho_due, State.REPLIED: it.fb_due}.get(it.state, it.reply_due)
    if due is None or it.state not in STAGES:
        return ""
    return "overdue" if due < TODAY else "soon" if due <= TODAY + SOON else ""


def _at(d: date | None, hour: int = 9) -> datetime | None:
    return None if d is None else datetime(d.year, d.month, d.day, hour, tzinfo=UTC)


def _read_back(db) -> tuple[dict, dict, dict, dict]:
    """What the earlier generators wrote and `db.state` does not carry: the units' names, the deputies' card
    numbers and accounts, the staff and unit accounts. Read before any write (a COPY holds the connection)."""
    level = {b.id: b.level for b in db.state["bodies"]}
    congress_of = {b.id: b.parent_id for b in db.state["bodies"] if b.kind == "standing_committee"}
    units, mandates, staff, unit_users = {}, {}, {}, {}  # by congress (units: id, name); by unit: role → user
    with db.connection.cursor() as cursor:
        cursor.execute("SELECT id, body_id, name FROM core_unit WHERE active ORDER BY id")
        for pk, body, name in cursor.fetchall():
            units.setdefault(body, []).append((pk, name))
        cursor.execute(
            "SELECT m.id, m.body_id, m.card_number, p.user_id FROM deputies_mandate m "
            "JOIN deputies_person p ON p.id = m.person_id WHERE m.status = 'active' ORDER BY m.id"
        )
        for pk, body, card, user in cursor.fetchall():
            if body in units:
                mandates.setdefault(body, []).append((pk, card, user))
        cursor.execute("SELECT id, role, body_id, unit_id FROM core_user WHERE role <> 'deputy' ORDER BY id")
        for pk, role, body, unit in cursor.fetchall():
            if role == "staff" and congress_of.get(body) in units:
                staff.setdefault(congress_of[body], pk)
            elif unit:
                unit_users.setdefault(unit, {}).setdefault(role, pk)
    bodies = {b: (level[b], staff[b]) for b in units if b in mandates and b in staff}
    return bodies, {b: units[b] for b in bodies}, {b: mandates[b] for b in bodies}, unit_users


def _with_defaults(model, fields: tuple[str, ...]) -> tuple[tuple[str, ...], tuple]:
    """`fields` plus every other column of `model` with its model default, so a column added later (with a
    default) does not break the COPY: the database has no defaults of its own."""
    rest = [f for f in model._meta.concrete_fields if f.attname not in fields and not f.primary_key]
    values = (NOW if getattr(f, "auto_now", False) else f.get_default() for f in rest)  # Policy.updated_at
    return fields + tuple(f.attname for f in rest), tuple(values)


@generator(35, "代表建议", tables=TABLES)
def fill(scale, rng, db) -> None:
    bodies, units, mandates, unit_users = _read_back(db)
    planner = _Planner(rng, units)
    leads = [(body, m) for body in sorted(bodies) for m in mandates[body]]  # items follow the seats
    rand = rng.random
    items: list[_Item] = []
    for pk in db.ids(Suggestion, scale.suggestions):
        it = _Item()
        it.id, (it.body, (it.lead, it.card, it.user)) = pk, leads[int(rand() * len(leads))]
        it.year, it.kind = YEARS[int(rand() * 3)], "motion" if rand() < 0.015 else "suggestion"
        it.session = rand() < 0.6  # submitted at the congress session in January, or between sessions
        if it.session:
            it.sub = date(it.year, 1, 8 + int(rand() * 9))
        elif it.year == TODAY.year:  # this year's lean to recent months, so every stage has items in progress
            it.sub = TODAY - timedelta(days=int(rng.triangular(0, (TODAY - date(it.year, 2, 1)).days, 0)))
        else:
            it.sub = date(it.year, 2, 1) + timedelta(days=int(rand() * 300))
        it.topic, it.place = int(rand() * len(TOPICS)), fake.PLACES[int(rand() * len(fake.PLACES))]
        it.private = rand() < 0.05
        planner.item(it, mandates[it.body])
        items.append(it)
    _number(items)
    _allocate(db, items)
    _write(db, Policy, ("id", "body_id"), zip(db.ids(Policy, len(bodies)), sorted(bodies), strict=True))
    _write(db, Suggestion, ITEM_FIELDS, _item_rows(items, bodies))
    cos_ids = iter(db.ids(CoSigner, sum(len(it.cos) for it in items)))
    confirmed = {it.id: None if it.state == State.COSIGNING else _at(it.sub) for it in items if it.cos}
    cos = ((next(cos_ids), it.id, m[0], confirmed[it.id], None, None, "") for it in items for m in it.cos)
    _write(db, CoSigner, COSIGNER_FIELDS, cos)
    _write(db, Assignment, PART_FIELDS, _part_rows(items, bodies))
    _write(db, Reply, REPLY_FIELDS, _reply_rows(items, bodies, unit_users))
    evals = (
        (e[0], r[0], it.id, r[1], e[1], e[2], e[3], "", it.user or bodies[it.body][1], e[4])
        for it in items
        for p in it.parts
        for r in p.replies
        if (e := r[4])
    )
    _write(db, Evaluation, EVAL_FIELDS, evals)


def _write(db, model, fields, rows) -> None:
    fields, extra = _with_defaults(model, fields)
    db.write(model, fields, ((*row, *extra) for row in rows) if extra else rows, big=True)


def _allocate(db, items: list[_Item]) -> None:
    """Ids for every part, reply and evaluation before the first write (the COPY holds the connection)."""
    parts = [p for it in items for p in it.parts]
    replies = [r for p in parts for r in p.replies]
    rated = [r for r in replies if r[4]]
    for p, pk in zip(parts, db.ids(Assignment, len(parts)), strict=True):
        p.id = pk
    for r, pk in zip(replies, db.ids(Reply, len(replies)), strict=True):
        r[0] = pk
    for r, pk in zip(rated, db.ids(Evaluation, len(rated)), strict=True):
        r[4] = (pk, *r[4][1:])


def _number(items: list[_Item]) -> None:
    """编号 per congress, year and kind in the order items were accepted, as the app numbers them."""
    seq: dict[tuple, int] = {}
    for it in sorted((i for i in items if i.acc), key=lambda i: (i.acc, i.id)):
        prefix = "议" if it.kind == "motion" and it.decision == "filed" else "建"
        key = (it.body, it.year, prefix)
        seq[key] = seq.get(key, 0) + 1
        it.number = f"{it.year}{prefix}{seq[key]:04d}"


def _item_rows(items, bodies):
    for it in items:
        _word, _co, title, facts, proposals = TOPICS[it.topic]
        fill = {"t": it.place + "镇", "p": it.place + "村", "c": "县城"}
        text = (title.format(**fill)[:120], facts.format(**fill), proposals.format(**fill))
        submitted = None if it.state in (State.DRAFT, State.COSIGNING) else _at(it.sub)
        head = (it.id, it.body, it.kind, "session" if it.session else "interim", it.year, it.number, *text)
        phone = f"139{it.lead % 10**8:08d}"
        deputy = (it.lead, it.card or "—", phone, it.private, it.state, it.round, submitted)
        dates = (it.acc, it.ho_due, it.ho, it.reply_due, it.ext, it.fb_due, it.reminded, it.unrated)
        rest = (it.closed, _due_state(it), it.reason, it.decision, NOTES.get(it.state, ""), it.priority, None)
        yield (*head, *deputy, *dates, *rest, None, "", it.user or bodies[it.body][1], _at(it.sub, 8), NOW)


def _part_rows(items, bodies):
    """Each part with the figures the ranking reads: first reply on time, latest class and latest rating."""
    for it in items:
        staff = bodies[it.body][1]
        for p in it.parts:
            accepted = p.status == "accepted"
            first, last = (p.replies[0], p.replies[-1]) if p.replies else (None, None)
            rated = next((r[4] for r in reversed(p.replies) if r[4]), None)
            co_due = _months(p.on, 1) if p.role == "co" else None
            opinion = accepted and p.role == "co" and co_due <= TODAY
            asked = p.on + timedelta(days=3) if p.status in ("returned", "return_requested") else None
            head = (p.id, it.id, p.unit, p.role, p.status, p.on.year, p.on, p.on + timedelta(days=9), co_due)
            signed = (p.signed + timedelta(days=28), _at(p.signed, 10)) if accepted else (None, None)
            opinion = ("同意主办单位办理意见，我单位将积极配合。", co_due) if opinion else ("", None)
            on_time = first and first[3] <= _months(it.ho, 3 + it.ext)  # the first reply's original due
            replied = (first[3], on_time, last[2]) if first else (None, None, "")
            ratings = (rated[2], rated[1]) if rated else ("", "")
            returned = ("该事项不属于本单位职责范围。" if asked else "", asked)
            unrated = bool(it.unrated and p.replies)
            yield (*head, *signed, *returned, *opinion, *replied, *ratings, unrated, staff)


def _reply_rows(items, bodies, unit_users):
    for it in items:
        level, staff = bodies[it.body]
        subject = TOPICS[it.topic][2].format(t=it.place + "镇", p=it.place + "村", c="县城")[2:-3]
        for p in it.parts:
            people = unit_users.get(p.unit, {})
            handler, head_user = people.get("unit_handler", staff), people.get("unit_head", staff)
            for rid, rnd, klass, on, _e in p.replies:
                content = REPLY_TEXT[klass].format(x=subject).replace("我县", WE.get(level, "我县"))
                number = f"办字〔{on.year}〕{rid}号"
                head = (rid, it.id, p.id, p.unit, rnd, klass, content, DOCUMENT, number, "")
                yield (*head, "sent", handler, _at(on, 8), head_user, on, "")


# The home page's suggestion figures for staff (renda/suggestions/waiting.py `for_staff`), by hand: each item
# once, whatever number of units it was handed to. A deputy's unsent draft never has these states.
STAFF_FIGURES = {
    "建议待审查": "s.state = 'submitted'",
    "建议待交办": "s.state = 'accepted'",
    "退回申请待处理": "EXISTS (SELECT 1 FROM suggestions_assignment a WHERE a.suggestion_id = s.id "
    "AND a.status = 'return_requested')",
    "超期未办建议": "s.due_state = 'overdue'",
}


def _staff_figure(condition: str):
    def count(cursor, user) -> int:
        cursor.execute(
            "SELECT COUNT(*) FROM suggestions_suggestion s JOIN core_body b ON b.id = s.body_id "
            f"WHERE b.path LIKE %s AND {condition}",
            [scope_prefix(cursor, user.body_id)],
        )
        return cursor.fetchone()[0]

    return count


for _label, _condition in STAFF_FIGURES.items():
    raw_count(_label, {Role.STAFF}, mirrors="renda.suggestions.waiting.for_staff")(_staff_figure(_condition))


COUNTS = _words("items due on_time replied a ab rated satisfied att_rated att_ok unrated")


def _figures(row: dict) -> tuple:
    """A unit_rates row as the baseline's columns (numerators and denominators, in COUNTS order)."""
    on_time, a, ab, sat, att = (row[k] for k in ("on_time", "solved_a", "solved_ab", "satisfied", "attitude"))
    nums = (on_time.den, on_time.num, a.den, a.num, ab.num, sat.den, sat.num, att.den, att.num)
    return (row["items"], *nums, row["unrated"])


@benchmark(
    "suggestion_ranking_ms", better="lower", order=35, title="承办单位办理排名（办复率·解决率·满意率）"
)
def suggestion_ranking(ctx):
    """Ours: rates.unit_rates for the top congress and a year, as the staff ranking page calls it (the one
    aggregate query, Rate objects with Wilson intervals, weighted totals, ranks with ties, small units apart).
    Baseline: rates.BASELINE_SQL with the same parameters, rows fetched. Checked equal before measuring."""
    from django.db import connection
    from django.utils import timezone

    from renda.core.models import Body, BodyKind
    from renda.suggestions import rates

    body = Body.objects.filter(parent__isnull=True, kind=BodyKind.CONGRESS).order_by("path").first()
    years = dict(Assignment.objects.filter(suggestion__body=body).values_list("year").annotate(n=Count("id")))
    if not years:
        raise AssertionError(f"no suggestions handed over by {body}: generate the data first")
    year = RANKING_YEAR if years.get(RANKING_YEAR) else max(years, key=years.get)
    policy, on = resolver.resolve(Policy, body), timezone.localdate()
    sql, params = rates.BASELINE_SQL, {"on": on, "body": body.pk, "year": year}

    def ours() -> list[dict]:
        return rates.unit_rates(body=body, year=year, on=on, policy=policy)

    def baseline() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    mine = {r["unit_id"]: _figures(r) for r in ours()}
    theirs = {row[0]: tuple(int(v or 0) for v in row[1:]) for row in baseline()}
    if mine != theirs:
        unit = next(u for u in sorted(mine.keys() | theirs.keys()) if mine.get(u) != theirs.get(u))
        raise AssertionError(
            f"unit_rates differs from rates.BASELINE_SQL for unit {unit} ({', '.join(COUNTS)}): "
            f"ours {mine.get(unit)}, SQL {theirs.get(unit)}"
        )
    queries = []
    with connection.execute_wrapper(lambda execute, *a: queries.append(1) or execute(*a)):
        rows = ours()
    calls = 3 if ctx.in_process else 20
    ours_runs, base_runs = [], []
    for _ in range(ctx.repeat):  # alternating, so other people's load hits both alike
        for fn, runs in ((ours, ours_runs), (baseline, base_runs)):
            started = time.perf_counter()
            for _ in range(calls):
                fn()
            runs.append((time.perf_counter() - started) / calls * 1000)
    parts, replied, rated = (sum(v[k] for v in theirs.values()) for k in (0, 3, 6))
    ranked = sum(r["rank"] is not None for r in rows)
    runs = {"ours_runs_ms": ours_runs, "baseline_runs_ms": base_runs}
    extra = (
        {"body": body.name, "year": year, "units": len(rows), "ranked": ranked, "parts": parts}
        | {"replied": replied, "rated": rated, "ours_queries": len(queries), "calls_per_run": calls}
        | {k: "/".join(f"{t:.2f}" for t in v) for k, v in runs.items()}
    )
    return median(ours_runs), median(base_runs), RANKING_GOAL, "ms", extra
