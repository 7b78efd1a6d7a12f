"""Casting ballots (issue 17 "Votes", "Bad input and faults"): a member's (a public device's: `public.py`).

Exactly once (wave2-references.md (a)): a ballot is one row under a unique constraint on (poll, voter) and
another on (poll, key). The row is inserted first (`INSERT … ON CONFLICT DO NOTHING`); a conflict is a retry
with the same key (the same receipt) or a second vote (refused), answered from the row that won. A cast holds
a share lock on the poll row (PostgreSQL `FOR SHARE`) that `services.close_poll`'s update lock waits for, so
no ballot commits after the close that counted without it.
"""

import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from renda.core.errors import Refused

from .models import (
    Ballot,
    Kind,
    Mark,
    Option,
    Participation,
    Poll,
    PublicBallot,
    SecretBallot,
    Source,
    State,
    Voter,
)


@dataclass(frozen=True)
class Receipt:
    """What a member's device shows after voting. `choices` are the labels for named and public ballots;
    a secret ballot's receipt only proves participation (the server cannot say what was voted)."""

    poll_id: int
    key: str
    code: str
    secret: bool
    choices: tuple[str, ...] = ()
    retry: bool = False
    source: str = Source.NAMED
    extra: dict = field(default_factory=dict)


def _receipt_code() -> str:
    return secrets.token_hex(4).upper()


def _as_key(key) -> uuid.UUID:
    try:
        return key if isinstance(key, uuid.UUID) else uuid.UUID(str(key))
    except (TypeError, ValueError, AttributeError):
        raise Refused("bad_key", "投票请求缺少有效的幂等键（UUID）") from None


def _shared(poll_id: int, voter_id: int | None = None) -> Poll:
    """The poll row under a share lock: many casts at once, none across a close (PostgreSQL). SQLite writes
    one transaction at a time, which gives the same order. `is_elector` comes in the same round trip."""
    table, voters = Poll._meta.db_table, Voter._meta.db_table
    lock = " FOR SHARE OF p" if connection.vendor == "postgresql" else ""
    sql = (
        f"SELECT p.*, EXISTS(SELECT 1 FROM {voters} v WHERE v.poll_id = p.id AND v.user_id = %s) AS is_elector "  # noqa: S608 (table names)
        f"FROM {table} p WHERE p.id = %s{lock}"
    )
    rows = list(Poll.objects.raw(sql, [voter_id or 0, poll_id]))
    if not rows:
        raise Poll.DoesNotExist
    return rows[0]


def _resolve(poll: Poll, choices: Sequence) -> list[Option]:
    """The options a ballot marks: ids of this poll's options, or (elections) a write-in name (另选他人,
    选举法第四十一条). Refuses a ballot with no mark where one is required, or more marks than allowed."""
    if isinstance(choices, str | int):
        choices = [choices]
    choices = list(choices or [])
    limit = poll.mark_limit
    if poll.kind in (Kind.MOTION, Kind.RATING) and len(choices) != 1:
        raise Refused("one_choice_required", "请选择一项（只能选一项）")
    if len(choices) > limit:
        raise Refused("too_many_marks", f"每张票最多选{limit}项，所选{len(choices)}项超过应选名额，该票无效")
    by_id = _options(poll)
    by_label = {o.label: o for o in by_id.values()}
    chosen: list[Option] = []
    for c in choices:
        opt = None
        if isinstance(c, int) or (isinstance(c, str) and c.isdigit() and int(c) in by_id):
            opt = by_id.get(int(c))
            if opt is None:
                raise Refused("option_unknown", "所选选项不属于本次表决")
        elif isinstance(c, str):
            label = c.strip()
            opt = by_label.get(label)
            if opt is None:
                if poll.kind != Kind.ELECTION:
                    raise Refused("option_unknown", f"“{label[:20]}”不是本次表决的选项")
                if not label or len(label) > 40:
                    raise Refused("write_in_invalid", "另选他人的姓名不能为空，且不超过40字")
                opt = _write_in(poll, label)
                by_label[label] = opt
        else:
            raise Refused("option_unknown", "所选选项无法识别")
        if opt in chosen:
            raise Refused("option_duplicate", f"“{opt.label}”选了两次")
        chosen.append(opt)
    return chosen


_OPTIONS: dict[tuple[int, str], dict[int, Option]] = {}


def _options(poll: Poll) -> dict[int, Option]:
    """A poll's options by id. Motions, ratings and selections never change their options once created, so
    each process keeps them (keyed by id and the poll's random token, which no other poll shares); an
    election's write-ins are read every time."""
    if poll.kind == Kind.ELECTION:
        return {o.pk: o for o in Option.objects.filter(poll_id=poll.pk)}
    cache_key = (poll.pk, poll.public_token)
    found = _OPTIONS.get(cache_key)
    if found is None:
        if len(_OPTIONS) > 500:
            _OPTIONS.clear()
        found = _OPTIONS[cache_key] = {o.pk: o for o in Option.objects.filter(poll_id=poll.pk)}
    return found


options_of = _options  # for the public API: a poll's options without a query per phone


def _write_in(poll: Poll, label: str) -> Option:
    try:
        with transaction.atomic():
            return Option.objects.create(poll=poll, label=label, order=10_000, write_in=True)
    except IntegrityError:
        return Option.objects.get(poll=poll, label=label)


def _existing(poll: Poll, voter, key: uuid.UUID) -> Receipt | None:
    """A ballot already taken from this voter or under this key: the same key is a retry (same receipt);
    anything else is refused."""
    model = Participation if poll.secret else Ballot
    # One read for both questions: two reads could straddle a racing commit of this very ballot.
    rows = list(model.objects.filter(Q(voter=voter) | Q(key=key), poll=poll)[:2])
    mine = next((r for r in rows if r.voter_id == voter.pk), None)
    if mine is None:
        if rows:
            raise Refused("key_reused", "该幂等键已被另一次投票使用，请刷新后重试")
        return None
    if mine.key != key:
        raise Refused("already_voted", "您已经投过票，不能再次投票")
    return _receipt(poll, mine, retry=True)


def _receipt(poll: Poll, row, *, retry: bool, labels: Sequence[str] | None = None) -> Receipt:
    if poll.secret:
        return Receipt(poll.pk, str(row.key), row.receipt, True, (), retry, Source.SECRET)
    if labels is None:
        labels = list(
            Mark.objects.filter(ballot=row.id)
            .order_by("option__order", "option_id")
            .values_list("option__label", flat=True)
        )
    source = Source.PUBLIC if isinstance(row, PublicBallot) else Source.NAMED
    return Receipt(poll.pk, str(row.key), row.receipt, False, tuple(labels), retry, source)


def cast(poll: Poll, *, voter, choices: Sequence, key, by=None) -> Receipt:
    """One member's ballot, exactly once (issue 17 "Votes", "Bad input and faults"). Refuses a vote outside
    the open window (`poll_not_open`), by someone outside the electorate (`not_elector`), a second different
    vote (`already_voted`), a bad ballot (`one_choice_required`, `too_many_marks`, `option_unknown`)."""
    key = _as_key(key)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _cast_once(poll.pk, voter, choices, key)
        except _Raced:
            continue  # the racing insert committed: the next pass finds it and answers as a retry
    raise Refused("busy", "投票繁忙，请稍后重试")


class _Raced(Exception):
    pass


def _cast_once(poll_id: int, voter, choices, key: uuid.UUID) -> Receipt:
    try:
        poll = _shared(poll_id, voter.pk)
    except Poll.DoesNotExist:
        raise Refused("poll_unknown", "表决不存在") from None
    if poll.state != State.OPEN:
        found = _existing(poll, voter, key)
        if found is not None:
            return found  # a retry answers even after the close: the vote was accepted in the window
        raise Refused("poll_not_open", "表决未开始或已经结束，不能投票")
    if poll.paper:
        raise Refused("paper_poll", "本次表决使用纸质选票，请在会场填写")
    if not poll.is_elector:
        raise Refused("not_elector", "您不在本次表决的有表决权人员名单中")
    options = _resolve(poll, choices)
    code = _receipt_code()
    model = Participation if poll.secret else Ballot
    # Insert first: a first vote (nearly every request) costs no read; the unique (poll, voter) and
    # (poll, key) constraints turn a resend or a second vote into a conflict, answered from the row that won.
    marks = None if poll.secret else (options, Source.NAMED)
    row = _insert_once(model, marks=marks, poll=poll, voter=voter, key=key, receipt=code)
    if row is None:
        found = _existing(poll, voter, key)
        if found is not None:
            return found
        raise _Raced  # the row that held the voter or key is gone (rolled back): try again
    if poll.secret:
        content = SecretBallot.objects.create(poll=poll)
        Mark.objects.bulk_create(
            Mark(poll=poll, option=o, ballot=content.id, source=Source.SECRET) for o in options
        )
    # No audit entry per ballot: the ballot (or participation) row is the record, with voter, key and receipt,
    # and the audit chain's one lock would queue every voter of the hall behind each other. The close writes
    # the count and a digest of every ballot into the poll's timeline and audits the close.
    return Receipt(
        poll.pk, str(key), code, poll.secret, () if poll.secret else tuple(o.label for o in options)
    )


def _insert_once(model, *, marks=None, **values):
    """INSERT … ON CONFLICT DO NOTHING: the row when this request's row went in (no savepoint); None when a
    racing request's row holds the voter, the device or the key. `marks` = (options, source): the ballot's
    marks go in with it — on PostgreSQL in the same statement (a data-modifying WITH: one round trip for the
    whole ballot, and no mark without its ballot), elsewhere right after it."""
    row = model(**values)
    if isinstance(row, Ballot | PublicBallot):
        row.id = uuid.uuid4()
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))
    ]
    if isinstance(row, Ballot):
        row.cast_at = timezone.now()
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    params = [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
    places = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {model._meta.db_table} ({cols}) VALUES ({places}) ON CONFLICT DO NOTHING"  # noqa: S608
    options, source = marks or ((), "")
    together = bool(options) and connection.vendor == "postgresql"
    if together:
        rows = ", ".join(["(%s::uuid, %s::bigint)"] * len(options))
        sql = (
            f"WITH b AS ({sql} RETURNING id) INSERT INTO {Mark._meta.db_table} (id, poll_id, option_id, ballot, source) "  # noqa: S608
            f"SELECT m.id, %s, m.option_id, b.id, %s FROM b CROSS JOIN (VALUES {rows}) AS m(id, option_id)"
        )
        params += [row.poll_id, source]
        for o in options:
            params += [uuid.uuid4(), o.pk]
    with connection.cursor() as cur:
        cur.execute(sql, params)
        if cur.rowcount != (len(options) if together else 1):
            return None
    if options and not together:
        Mark.objects.bulk_create(
            Mark(poll_id=row.poll_id, option=o, ballot=row.id, source=source) for o in options
        )
    return row
