"""Every write of the vote engine but the casting itself (docs/voting.md): polls and their life cycle,
elections' margins, paper results, rules. Views, the API, meetings, supervision and the demo call these;
each runs in a transaction, is audited and refuses with `Refused`. Ballots are cast in `casting`
and `public` (re-exported here: `services.cast`, `services.cast_public`).

"""

import hashlib
import math
import random
from collections.abc import Iterable, Mapping, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from renda.core import audit
from renda.core.errors import Refused
from renda.core.permissions import bodies_in_scope, require_role
from renda.core.roles import Role

from .casting import Receipt, _write_in, cast
from .models import (
    MOTION_OPTIONS,
    SATISFACTION_SCALE,
    Ballot,
    Election,
    Kind,
    Mark,
    Option,
    Participation,
    Poll,
    PollEvent,
    PublicBallot,
    Rule,
    SecretBallot,
    Source,
    State,
    Voter,
)
from .public import cast_public, forget_page
from .workflow import CHAIR, POLL


def _event(poll: Poll, action: str, by, note: str = "") -> None:
    """Every change of a poll's state is one event; the phones' page kept by this process goes with it."""
    PollEvent.objects.create(poll=poll, action=action, note=note[:300], by=by if _is_user(by) else None)
    forget_page(poll.public_token)


def _is_user(by) -> bool:
    return by is not None and getattr(by, "is_authenticated", False)


def _locked(poll: Poll) -> Poll:
    return Poll.objects.select_for_update().select_related("rule").get(pk=poll.pk)


def _rule(rule: Rule | str) -> Rule:
    return rule if isinstance(rule, Rule) else Rule.latest(rule)


def _require_chair(by, body=None) -> None:
    """A chair's role, and — for a poll's or a new poll's body — that body inside the chair's scope
    (house-style.md "Permissions": checked in the service; the views and the API filter by scope again)."""
    require_role(by, CHAIR, action="组织表决")
    if body is not None and not bodies_in_scope(by).filter(pk=getattr(body, "pk", body)).exists():
        raise Refused("poll_out_of_scope", "这项表决不属于您所在人大机关的管辖范围，不能组织")


def margin_band(rule: Rule, seats: int) -> tuple[int | None, int | None]:
    """The fewest and most candidates 选举法第三十一条 allows for `seats`."""
    low = seats + math.ceil(rule.margin_min * seats) if rule.margin_min is not None else None
    high = seats + math.ceil(rule.margin_max * seats) if rule.margin_max is not None else None
    return low, high


def check_margin(rule: Rule, *, candidates: int, seats: int) -> None:
    """选举法第三十一条: direct elections 1/3 to 1× more candidates than seats, indirect 1/5 to 1/2 more;
    above the maximum a pre-selection (预选) decides the list. A rule without margins checks nothing. A
    fraction of a candidate rounds up: one seat takes two candidates (also 第四十五条 for another round)."""
    low, high = margin_band(rule, seats)
    if low is not None and candidates < low:
        raise Refused(
            "margin_too_small",
            f"候选人{candidates}名，应选{seats}名：差额不足，候选人应多于应选名额的"
            f"{rule.margin_min_num}/{rule.margin_min_den}（{rule.article}）",
        )
    if high is not None and candidates > high:
        raise Refused(
            "preselection_needed",
            f"候选人{candidates}名，超过应选{seats}名的最高差额比例"
            f"{rule.margin_max_num}/{rule.margin_max_den}：应先进行预选，按得票多少确定正式候选人（选举法第三十一条）",
        )


def preselected(poll: Poll, *, seats: int, rule: Rule | str) -> list[str]:
    """选举法第三十一条: after a pre-selection (预选), the formal candidates by vote count up to the rule's
    maximum margin (seats + margin × seats); candidates tied at the cut all stay, and the list is checked."""
    from .selectors import result

    rule = _rule(rule)
    res = result(poll)
    if not res.final:
        raise Refused("preselection_open", "预选尚未结束")
    ranked = sorted(res.lines, key=lambda ln: (-ln.count, ln.order))
    top = margin_band(rule, seats)[1] or seats
    if top >= len(ranked):
        return [ln.label for ln in ranked]
    cut = ranked[top - 1].count
    chosen = [ln.label for ln in ranked if ln.count > cut]
    if len(chosen) + sum(1 for ln in ranked if ln.count == cut) <= top:
        chosen += [ln.label for ln in ranked if ln.count == cut]
    return chosen


def _option_rows(poll: Poll, options) -> list[Option]:
    rows, seen = [], set()
    for k, item in enumerate(options):
        label, subject = item if isinstance(item, tuple | list) else (item, None)
        label = str(label).strip()
        if not label or len(label) > 100:
            raise Refused("option_invalid", f"第{k + 1}个选项为空或超过100字")
        if label in seen:
            raise Refused("option_duplicate", f"选项“{label}”重复")
        seen.add(label)
        row = Option(poll=poll, label=label, order=k + 1)
        if subject is not None:
            row.content_type = ContentType.objects.get_for_model(subject)
            row.object_id = str(subject.pk)
        rows.append(row)
    return rows


@transaction.atomic
def create_poll(
    *,
    body,
    title: str,
    kind: str,
    options: Sequence | None,
    rule: Rule | str,
    electorate: Iterable,
    subject=None,
    secret: bool = False,
    allow_public: bool = False,
    by,
    seats: int | None = None,
    paper: bool = False,
) -> Poll:
    """A poll in draft with its options and electorate (issue 17 "Votes"). Refuses an unknown kind, a
    missing option, an election outside the 选举法第三十一条 margins, a seat count below one."""
    _require_chair(by, body)
    if kind not in Kind.values:
        raise Refused("kind_unknown", "未知的表决方式")
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise Refused("title_invalid", "请填写表决事项（不超过200字）")
    rule = _rule(rule)
    if kind == Kind.MOTION:
        options = list(options or MOTION_OPTIONS)
    elif kind == Kind.RATING:
        options = list(options or rule.scale or SATISFACTION_SCALE)
    else:
        options = list(options or [])
    if len(options) < (2 if kind in (Kind.MOTION, Kind.RATING) else 1):
        raise Refused("options_missing", "请列出表决选项或候选人")
    if seats is not None and seats < 1:
        raise Refused("seats_invalid", "应选名额至少为1")
    seat_count = seats or rule.seats
    if kind in (Kind.SELECTION, Kind.ELECTION) and seat_count > len(options) and kind == Kind.SELECTION:
        raise Refused("seats_exceed_options", f"应选{seat_count}项，但只有{len(options)}个候选项目")
    if kind == Kind.ELECTION:
        check_margin(rule, candidates=len(options), seats=seat_count)
    poll = Poll(
        body=body,
        title=title,
        kind=kind,
        secret=secret,
        allow_public=allow_public,
        rule=rule,
        seats=seats,
        paper=paper,
        created_by=by if _is_user(by) else None,
    )
    if subject is not None:
        poll.content_type = ContentType.objects.get_for_model(subject)
        poll.object_id = str(subject.pk)
    poll.save()
    Option.objects.bulk_create(_option_rows(poll, options))
    users = {getattr(u, "pk", u): u for u in electorate}
    Voter.objects.bulk_create(Voter(poll=poll, user_id=pk) for pk in users)
    if not users and not allow_public:
        raise Refused("electorate_empty", "没有有表决权的人员")
    _event(poll, "create", by)
    audit.record("voting.create", poll, by=by, after={"kind": kind, "rule": rule.pk})
    return poll


@transaction.atomic
def open_poll(poll: Poll, *, by, present: Iterable | None = None) -> Poll:
    """Open the vote. `present`: who signed in (the base "出席人数"); by default every elector counts as
    present until the meeting says otherwise."""
    poll = _locked(poll)
    POLL.require(poll, "open", by)
    _require_chair(by, poll.body_id)
    if present is not None:
        ids = {getattr(u, "pk", u) for u in present}
        Voter.objects.filter(poll=poll).exclude(user_id__in=ids).update(present=False)
        Voter.objects.filter(poll=poll, user_id__in=ids).update(present=True)
    poll.state, poll.opened_at = State.OPEN, timezone.now()
    poll.save(update_fields=["state", "opened_at"])
    _event(poll, "open", by)
    audit.record("voting.open", poll, by=by, after={"state": poll.state})
    return poll


def _shuffle_secret(poll: Poll) -> None:
    """Rewrite the secret ballots in a random order with new ids, in this one transaction: the rows' physical
    order and the transaction that wrote them no longer follow the participations (issue 17: no one, not
    even with the database, can link who voted to what)."""
    marks: dict = {}
    for ballot_id, option_id in Mark.objects.filter(poll=poll, source=Source.SECRET).values_list(
        "ballot", "option_id"
    ):
        marks.setdefault(ballot_id, []).append(option_id)
    ids = list(SecretBallot.objects.filter(poll=poll).values_list("id", flat=True))
    groups = [marks.get(i, []) for i in ids]
    random.SystemRandom().shuffle(groups)
    Mark.objects.filter(poll=poll, source=Source.SECRET).delete()
    SecretBallot.objects.filter(poll=poll).delete()
    new = [SecretBallot(poll=poll) for _ in groups]
    SecretBallot.objects.bulk_create(new, batch_size=500)
    Mark.objects.bulk_create(
        (
            Mark(poll=poll, option_id=o, ballot=b.id, source=Source.SECRET)
            for b, options in zip(new, groups, strict=True)
            for o in options
        ),
        batch_size=500,
    )


def _digest(poll: Poll) -> str:
    """The count and a SHA-256 of every ballot's marks (sorted, so no order is kept), for the timeline: a
    ballot added or changed afterwards no longer matches the digest written at the close."""
    h = hashlib.sha256()
    rows = sorted(Mark.objects.filter(poll=poll).values_list("ballot", "option_id", "source"))
    for ballot, option, source in rows:
        h.update(f"{ballot}:{option}:{source};".encode())
    n = len({r[0] for r in rows})
    return f"共{n}张票，校验值 {h.hexdigest()[:16]}"


@transaction.atomic
def close_poll(poll: Poll, *, by) -> Poll:
    """Close the vote: waits for the casts in flight (their share locks), then no ballot is taken. Closing
    twice returns the closed poll unchanged (a chair's double click)."""
    poll = _locked(poll)
    if poll.state == State.CLOSED:
        return poll
    POLL.require(poll, "close", by)
    _require_chair(by, poll.body_id)
    poll.state, poll.closed_at = State.CLOSED, timezone.now()
    poll.save(update_fields=["state", "closed_at"])
    if poll.secret:
        _shuffle_secret(poll)
    _event(poll, "close", by, _digest(poll))
    audit.record("voting.close", poll, by=by, after={"state": poll.state})
    return poll


@transaction.atomic
def announce(poll: Poll, *, by) -> Poll:
    poll = _locked(poll)
    POLL.require(poll, "announce", by)
    _require_chair(by, poll.body_id)
    poll.state, poll.announced_at = State.ANNOUNCED, timezone.now()
    poll.save(update_fields=["state", "announced_at"])
    _event(poll, "announce", by)
    audit.record("voting.announce", poll, by=by, after={"state": poll.state})
    return poll


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise Refused("reason_required", "请说明理由")
    if len(reason) > 300:
        raise Refused("reason_too_long", "理由不超过300字")
    return reason


@transaction.atomic
def void(poll: Poll, *, reason: str, by) -> Poll:
    poll = _locked(poll)
    POLL.require(poll, "void", by)
    _require_chair(by, poll.body_id)
    poll.void_reason = _reason(reason)
    poll.state = State.VOIDED
    poll.closed_at = poll.closed_at or timezone.now()
    poll.save(update_fields=["state", "void_reason", "closed_at"])
    _event(poll, "void", by, poll.void_reason)
    audit.record("voting.void", poll, by=by, after={"state": poll.state}, note=poll.void_reason)
    return poll


@transaction.atomic
def revote(
    poll: Poll,
    *,
    reason: str,
    by,
    options: Sequence | None = None,
    rule: Rule | str | None = None,
    seats: int | None = None,
) -> Poll:
    """A new round with the same electorate (and presence), in draft, pointing at `poll`. By default the
    same options (write-ins dropped); for 另行选举 the caller passes the candidates, the run-off rule and the
    seats still empty (`selectors.runoff_candidates`)."""
    poll = _locked(poll)
    POLL.require(poll, "revote", by)
    _require_chair(by, poll.body_id)
    reason = _reason(reason)
    if Poll.objects.filter(previous=poll).exists():
        raise Refused("already_revoted", "本轮已经安排了重新表决")
    new_rule = _rule(rule) if rule is not None else poll.rule
    if options is None:
        options = [
            (o.label, o.subject) if o.content_type_id else o.label
            for o in poll.options.filter(write_in=False).select_related("content_type")
        ]
    nxt = Poll(
        body=poll.body,
        title=poll.title,
        content_type=poll.content_type,
        object_id=poll.object_id,
        kind=poll.kind,
        secret=poll.secret,
        allow_public=poll.allow_public,
        rule=new_rule,
        seats=seats if seats is not None else poll.seats,
        round=poll.round + 1,
        previous=poll,
        reason=reason,
        paper=poll.paper,
        created_by=by if _is_user(by) else None,
    )
    nxt.save()
    Option.objects.bulk_create(_option_rows(nxt, options))
    Voter.objects.bulk_create(
        Voter(poll=nxt, user_id=u, present=p) for u, p in poll.voters.values_list("user_id", "present")
    )
    _event(poll, "revote", by, reason)
    _event(nxt, "create", by, reason)
    audit.record("voting.revote", nxt, by=by, after={"previous": poll.pk}, note=reason)
    return nxt


def _count(value, what: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise Refused("paper_not_a_number", f"{what}须为整数") from None
    if n < 0:
        raise Refused("paper_negative", f"{what}不能为负数")
    return n


@transaction.atomic
def enter_paper(poll: Poll, *, counts: Mapping, ballots_issued, ballots_returned, invalid, by) -> Poll:
    """Staff enter a paper count (选举法第四十四条; OpenSlides #2554): no negative numbers; the marks add up to
    the valid ballots (one-choice polls) or at most valid × marks allowed, each option at most once per
    ballot; more ballots returned than issued voids the round (the poll is marked void and returned)."""
    poll = _locked(poll)
    _require_chair(by, poll.body_id)
    if poll.state not in (State.OPEN, State.CLOSED):
        raise Refused("paper_not_now", "只能在表决开始后、宣布结果前录入纸质票")
    if Ballot.objects.filter(poll=poll).exists() or Participation.objects.filter(poll=poll).exists():
        raise Refused("paper_mixed", "本次表决已有电子投票，不能再录入纸质票")
    issued = _count(ballots_issued, "发出选票数")
    returned = _count(ballots_returned, "收回选票数")
    bad = _count(invalid, "无效票数")
    electors = poll.voters.count()
    if electors and issued > electors:
        raise Refused("paper_issued_over", f"发出选票{issued}张，多于有表决权人数{electors}人")
    options = {o.pk: o for o in poll.options.all()}
    by_label = {o.label: o for o in options.values()}
    values: dict[int, int] = {}
    for k, v in dict(counts).items():
        opt = options.get(int(k)) if str(k).isdigit() else by_label.get(str(k))
        if opt is None:
            if poll.kind == Kind.ELECTION and isinstance(k, str) and k.strip():
                opt = _write_in(poll, k.strip()[:40])
                options[opt.pk] = opt
            else:
                raise Refused("option_unknown", f"“{k}”不是本次表决的选项")
        values[opt.pk] = _count(v, f"“{opt.label}”的票数")
    if returned > issued:
        poll.ballots_issued, poll.ballots_returned, poll.invalid_ballots = issued, returned, bad
        poll.paper, poll.state = True, State.VOIDED
        poll.void_reason = f"收回选票{returned}张，多于发出选票{issued}张，本次投票无效（选举法第四十四条）"
        poll.closed_at = poll.closed_at or timezone.now()
        poll.save()
        _event(poll, "void", by, poll.void_reason)
        audit.record("voting.paper_void", poll, by=by, after={"state": poll.state})
        return poll
    if bad > returned:
        raise Refused("paper_invalid_over", f"无效票{bad}张，多于收回选票{returned}张")
    valid = returned - bad
    total = sum(values.values())
    if poll.kind in (Kind.MOTION, Kind.RATING):
        if total != valid:
            raise Refused("paper_sum_mismatch", f"各选项票数之和为{total}，与有效票{valid}张不符")
    else:
        over = [options[pk].label for pk, n in values.items() if n > valid]
        if over:
            raise Refused("paper_option_over", f"“{over[0]}”的得票多于有效票{valid}张")
        if total > valid * poll.mark_limit:
            raise Refused(
                "paper_sum_mismatch", f"得票总数{total}超过有效票{valid}张×每票最多{poll.mark_limit}项"
            )
    for pk, opt in options.items():
        opt.paper_count = values.get(pk, 0)
    Option.objects.bulk_update(list(options.values()), ["paper_count"])
    poll.ballots_issued, poll.ballots_returned, poll.invalid_ballots = issued, returned, bad
    poll.paper = True
    if poll.state == State.OPEN:
        poll.state, poll.closed_at = State.CLOSED, timezone.now()
    poll.save()
    _event(poll, "paper", by, f"发出{issued}，收回{returned}，无效{bad}")
    audit.record("voting.paper", poll, by=by, after={"ballots_returned": returned})
    return poll


def has_ballots(poll: Poll) -> bool:
    return (
        Ballot.objects.filter(poll=poll).exists()
        or Participation.objects.filter(poll=poll).exists()
        or PublicBallot.objects.filter(poll=poll).exists()
        or poll.ballots_returned is not None
    )


@transaction.atomic
def change_rule(poll: Poll, rule: Rule | str, *, by) -> Poll:
    """Use another rule (or version) — refused once any ballot exists (CONSUL #5321: rules changed after votes
    were cast let people vote more than allowed)."""
    poll = _locked(poll)
    _require_chair(by, poll.body_id)
    if has_ballots(poll) or poll.state in (State.CLOSED, State.ANNOUNCED, State.VOIDED):
        raise Refused("rule_frozen", "已经有人投票，计票规则不能再更改")
    rule = _rule(rule)
    if poll.kind == Kind.ELECTION:
        check_margin(rule, candidates=poll.options.count(), seats=poll.seats or rule.seats)
    before = poll.rule_id
    poll.rule = rule
    poll.save(update_fields=["rule"])
    _event(poll, "rule", by, str(rule))
    audit.record("voting.change_rule", poll, by=by, before={"rule": before}, after={"rule": rule.pk})
    return poll


@transaction.atomic
def new_rule_version(code: str, *, by, **changes) -> Rule:
    """A new version of a rule (the old one stays for the polls that used it)."""
    require_role(by, {Role.STAFF}, action="修改计票规则")
    old = Rule.latest(code)
    data = {
        f.name: getattr(old, f.name) for f in Rule._meta.concrete_fields if f.name not in ("id", "created_at")
    }
    data.update(changes, version=old.version + 1, code=code)
    rule = Rule.objects.create(**data)
    audit.record("voting.rule_version", rule, by=by, after={"version": rule.version})
    return rule


__all__ = [
    "Election",
    "Receipt",
    "announce",
    "cast",
    "cast_public",
    "change_rule",
    "check_margin",
    "close_poll",
    "create_poll",
    "enter_paper",
    "new_rule_version",
    "open_poll",
    "preselected",
    "revote",
    "void",
]
