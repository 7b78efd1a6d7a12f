"""Reads of the vote engine: the result by the poll's rule, who has not voted, a voter's receipt.

`result` is a few aggregate queries (electorate, presence, ballots, marks per option) and works while the
poll is open (live totals). Every result carries `decided_by`, the sentence naming the rule, its version
and the article (issue 17 "Each result prints the rule and the article that decided it").
"""

import math
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from renda.core.errors import Refused
from renda.core.models import User

from .casting import Receipt, _receipt
from .models import (
    Ballot,
    Base,
    Kind,
    Mark,
    Option,
    Participation,
    Poll,
    PublicBallot,
    QuorumOn,
    Rule,
    Source,
    State,
    Tie,
    Voter,
    frac_text,
)


@dataclass
class Line:
    option_id: int
    label: str
    count: int
    order: int = 0
    write_in: bool = False
    share: float | None = None  # of the base, for the bar on the screen
    elected: bool = False
    tied: bool = False
    names: list[str] = field(default_factory=list)


@dataclass
class Result:
    poll: Poll
    rule: Rule
    state: str
    secret: bool
    electors: int
    present: int
    voted: int
    valid: int
    invalid: int
    not_voted: int
    base: str
    base_label: str
    base_value: int
    threshold: str
    lines: list[Line]
    public_lines: list[Line] = field(default_factory=list)
    public_votes: int = 0
    quorum_met: bool | None = None
    passed: bool | None = None
    outcome: str = ""
    consequence: str = ""
    elected: list[str] = field(default_factory=list)
    tied: list[str] = field(default_factory=list)
    remaining_seats: int = 0
    needs_another_round: bool = False
    decided_by: str = ""
    final: bool = False
    paper: bool = False

    def as_dict(self) -> dict:
        return {
            "poll_id": self.poll.pk,
            "title": str(self.poll),
            "state": self.state,
            "secret": self.secret,
            "final": self.final,
            "electors": self.electors,
            "present": self.present,
            "voted": self.voted,
            "valid": self.valid,
            "invalid": self.invalid,
            "not_voted": self.not_voted,
            "base": self.base,
            "base_value": self.base_value,
            "threshold": self.threshold,
            "quorum_met": self.quorum_met,
            "passed": self.passed,
            "outcome": self.outcome,
            "consequence": self.consequence,
            "elected": self.elected,
            "tied": self.tied,
            "remaining_seats": self.remaining_seats,
            "needs_another_round": self.needs_another_round,
            "decided_by": self.decided_by,
            "rule": {"code": self.rule.code, "version": self.rule.version, "article": self.rule.article},
            "options": [
                {
                    "id": ln.option_id,
                    "label": ln.label,
                    "count": ln.count,
                    "write_in": ln.write_in,
                    "elected": ln.elected,
                    **({"names": ln.names} if not self.secret else {}),
                }
                for ln in self.lines
            ],
            "public": {
                "votes": self.public_votes,
                "options": [
                    {"id": ln.option_id, "label": ln.label, "count": ln.count} for ln in self.public_lines
                ],
            },
        }


CONSEQUENCES = {"rereport": "责成重新报告", "supervise": "列入督办", "": ""}


def meets(count: int, base: int, rule: Rule) -> bool:
    if rule.threshold_num == 0:
        return count > 0
    if base <= 0:
        return False
    lhs, rhs = count * rule.threshold_den, rule.threshold_num * base
    return lhs > rhs if rule.strict else lhs >= rhs


def _counts(poll: Poll, source: str) -> dict[int, int]:
    return dict(
        Mark.objects.filter(poll=poll, source=source)
        .values_list("option_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def result(poll: Poll, *, names: bool = False) -> Result:
    """The count and the outcome by the poll's rule. `names`: for named polls, who chose each option (the
    big screen of an open vote); never for secret polls."""
    poll = Poll.objects.select_related("rule").get(pk=poll.pk)  # callers may hold a stale row
    rule = poll.rule
    options = list(Option.objects.filter(poll=poll).order_by("order", "id"))
    voters = Voter.objects.filter(poll=poll)
    ballots = Participation if poll.secret else Ballot
    voted_q = ballots.objects.filter(poll=poll, voter_id=OuterRef("user_id"))
    agg = voters.aggregate(
        electors=Count("id"),
        present=Count("id", filter=Q(present=True) | Q(Exists(voted_q))),
    )
    electors, present = agg["electors"], agg["present"]
    if poll.paper:
        counts = {o.pk: o.paper_count or 0 for o in options}
        voted = poll.ballots_returned or 0
        invalid = poll.invalid_ballots or 0
    else:
        counts = _counts(poll, Source.SECRET if poll.secret else Source.NAMED)
        voted = ballots.objects.filter(poll=poll).count()
        invalid = 0
    valid = voted - invalid
    lines = [Line(o.pk, o.label, counts.get(o.pk, 0), o.order, o.write_in) for o in options]
    public_lines: list[Line] = []
    public_votes = 0
    if poll.allow_public:
        pc = _counts(poll, Source.PUBLIC)
        public_votes = PublicBallot.objects.filter(poll=poll).count()
        public_lines = [Line(o.pk, o.label, pc.get(o.pk, 0), o.order) for o in options if not o.write_in]
    if names and not poll.secret:
        who: dict[int, list[str]] = {}
        for b_option, full_name, username in _named_marks(poll):
            who.setdefault(b_option, []).append(full_name or username)
        for ln in lines:
            ln.names = sorted(who.get(ln.option_id, []))
    public_only = electors == 0 and poll.allow_public
    if public_only:
        lines_for_outcome, voted_for, valid_for = public_lines, public_votes, public_votes
    else:
        lines_for_outcome, voted_for, valid_for = lines, voted, valid
    base_value = {Base.PRESENT: present, Base.ALL_MEMBERS: electors, Base.VOTES_CAST: valid_for}[rule.base]
    if public_only:
        base_value = public_votes
    for ln in lines_for_outcome:
        ln.share = (ln.count / base_value) if base_value else None
    res = Result(
        poll=poll,
        rule=rule,
        state=poll.state,
        secret=poll.secret,
        electors=electors,
        present=present,
        voted=voted,
        valid=valid,
        invalid=invalid,
        not_voted=max(electors - voted, 0),
        base=rule.base,
        base_label=base_label(poll) if not public_only else "公众有效票数",
        base_value=base_value,
        threshold=rule.threshold_text(),
        lines=lines,
        public_lines=public_lines,
        public_votes=public_votes,
        final=poll.state in (State.CLOSED, State.ANNOUNCED),
        paper=poll.paper,
    )
    if poll.state == State.VOIDED:
        res.outcome = "本轮无效"
        res.needs_another_round = True
        res.decided_by = f"{poll.void_reason}。" if poll.void_reason else "本轮表决已宣布无效。"
        return res
    quorum_ok = True
    if rule.quorum is not None and not public_only:
        measured = present if rule.quorum_on == QuorumOn.PRESENT else voted_for
        quorum_ok = measured * rule.quorum_den > rule.quorum_num * electors
        res.quorum_met = quorum_ok
    if poll.kind == Kind.MOTION:
        _motion(res, lines_for_outcome, quorum_ok)
    elif poll.kind == Kind.RATING:
        _rating(res, lines_for_outcome, quorum_ok)
    else:
        _selection(res, poll, lines_for_outcome, quorum_ok)
    if not res.final:
        res.outcome = f"按目前票数：{res.outcome}" if res.outcome else "表决进行中"
    res.decided_by = _decided_by(res, voted_for)
    return res


def base_label(poll: Poll) -> str:
    if poll.rule.base == Base.ALL_MEMBERS:
        return "全体代表" if poll.kind in (Kind.ELECTION, Kind.SELECTION) else "全体组成人员"
    return Base(poll.rule.base).label


def _named_marks(poll: Poll):
    who = {
        b: (n, u)
        for b, n, u in Ballot.objects.filter(poll=poll).values_list(
            "id", "voter__full_name", "voter__username"
        )
    }
    for ballot_id, option_id in Mark.objects.filter(poll=poll, source=Source.NAMED).values_list(
        "ballot", "option_id"
    ):
        name, username = who.get(ballot_id, ("", ""))
        yield option_id, name, username


def _quorum_sentence(res: Result) -> str:
    rule = res.rule
    if rule.quorum is None or res.quorum_met is None:
        return ""
    what = "出席" if rule.quorum_on == QuorumOn.PRESENT else "参加投票"
    measured = res.present if rule.quorum_on == QuorumOn.PRESENT else res.voted
    ok = "已" if res.quorum_met else "未"
    return f"{what}{measured}人，{ok}超过应到{res.electors}人的{frac_text(rule.quorum)}"


def _motion(res: Result, lines: list[Line], quorum_ok: bool) -> None:
    by_label = {ln.label: ln for ln in lines}
    yes = by_label.get("赞成", lines[0]).count
    no = by_label.get("反对", lines[1] if len(lines) > 1 else lines[0]).count
    ok = meets(yes, res.base_value, res.rule)
    if not quorum_ok:
        res.passed, res.outcome = False, "出席人数不足，表决无效"
        return
    if ok:
        res.passed, res.outcome = True, "通过"
        return
    if yes == no and yes > 0:
        tie = res.rule.tie
        if tie == Tie.CHAIR_DECIDES:
            res.passed, res.outcome = None, "赞成与反对票数相等，由主持人决定"
            return
        if tie == Tie.ANOTHER_ROUND:
            res.passed, res.outcome, res.needs_another_round = False, "赞成与反对票数相等，须重新表决", True
            return
    res.passed, res.outcome = False, "未通过"


def _rating(res: Result, lines: list[Line], quorum_ok: bool) -> None:
    by_label = {ln.label: ln.count for ln in lines}
    outcomes = res.rule.outcomes or [{"label": lines[0].label, "counts": [lines[0].label], "then": ""}]
    if not quorum_ok:
        res.outcome = "出席人数不足，测评无效"
        res.needs_another_round = True
        return
    chosen = outcomes[-1]
    for item in outcomes:
        labels = item.get("counts") or []
        if labels and meets(sum(by_label.get(x, 0) for x in labels), res.base_value, res.rule):
            chosen = item
            break
    res.outcome = chosen["label"]
    res.consequence = CONSEQUENCES.get(chosen.get("then", ""), chosen.get("then", ""))
    res.passed = chosen.get("then", "") == ""


def _selection(res: Result, poll: Poll, lines: list[Line], quorum_ok: bool) -> None:
    """选举法第四十五条: those over the threshold, by count; more than the seats → the highest; a tie at the
    last seat → the tie rule (by default a new vote among the tied); seats left → another round."""
    rule, seats = res.rule, poll.seat_count
    if not quorum_ok:
        res.outcome = "参加投票人数不足，选举无效"
        res.needs_another_round = True
        res.remaining_seats = seats
        return
    floor = rule.floor
    eligible = [
        ln
        for ln in lines
        if meets(ln.count, res.base_value, rule) and (floor is None or ln.count >= floor * res.valid)
    ]
    eligible.sort(key=lambda ln: (-ln.count, ln.order, ln.option_id))
    winners = eligible
    tied: list[Line] = []
    if len(eligible) > seats:
        cut = eligible[seats - 1].count
        above = [ln for ln in eligible if ln.count > cut]
        at_cut = [ln for ln in eligible if ln.count == cut]
        if len(above) + len(at_cut) > seats:
            winners, tied = above, at_cut
        else:
            winners = eligible[:seats]
    for ln in winners:
        ln.elected = True
    for ln in tied:
        ln.tied = True
    res.elected = [ln.label for ln in winners]
    res.tied = [ln.label for ln in tied]
    res.remaining_seats = seats - len(winners)
    noun = "当选" if poll.kind == Kind.ELECTION else "入选"
    if tied:
        how = {Tie.LOT: "抽签决定", Tie.CHAIR_DECIDES: "由主持人决定"}.get(rule.tie, "就票数相等者再次投票")
        res.outcome = f"{'、'.join(res.elected) + noun + '；' if res.elected else ''}{'、'.join(res.tied)}票数相等，{how}"
        res.needs_another_round = rule.tie == Tie.ANOTHER_ROUND
    elif res.remaining_seats > 0:
        who = "、".join(res.elected) + noun + "；" if res.elected else ""
        res.outcome = f"{who}尚缺{res.remaining_seats}名，" + (
            "另行选举" if poll.kind == Kind.ELECTION else "重新票决"
        )
        res.needs_another_round = True
    else:
        res.outcome = "、".join(res.elected) + noun
    res.passed = not res.needs_another_round and not tied


def _decided_by(res: Result, voted_for: int) -> str:
    rule = res.rule
    parts = [f"依据“{rule.name}”第{rule.version}版，{rule.article}"]
    if rule.threshold_num:
        parts.append(f"以{res.base_label}{res.base_value}为基数，须{rule.threshold_text()}")
    else:
        parts.append(rule.threshold_text())
    q = _quorum_sentence(res)
    if q:
        parts.append(q)
    if (res.poll.kind == Kind.MOTION and res.lines) or res.poll.kind == Kind.RATING:
        parts.append("；".join(f"{ln.label}{ln.count}票" for ln in res.lines))
    parts.append(f"结果：{res.outcome}" + (f"（{res.consequence}）" if res.consequence else ""))
    return "，".join(parts) + "。"


def not_voted(poll: Poll) -> QuerySet[User]:
    """Who in the electorate has no ballot yet (issue 17 "Who has not voted"; OpenSlides #6629). Named polls
    only: for a secret poll the chair sees totals, never names."""
    if poll.secret:
        raise Refused("not_voted_secret", "无记名表决不显示未投票人员名单")
    voted = Ballot.objects.filter(poll=poll).values("voter_id")
    return (
        User.objects.filter(pk__in=Voter.objects.filter(poll=poll).values("user_id"))
        .exclude(pk__in=voted)
        .order_by("full_name", "username")
    )


def receipt_for(poll: Poll, voter) -> Receipt | None:
    model = Participation if poll.secret else Ballot
    row = model.objects.filter(poll=poll, voter=voter).first()
    return _receipt(poll, row, retry=True) if row else None


def is_elector(poll: Poll, user) -> bool:
    return Voter.objects.filter(poll=poll, user=user).exists()


def runoff_candidates(poll: Poll) -> list[str]:
    """选举法第四十五条: another round's candidates, by the first round's ranking, within the Art. 31 margin
    (the rule's upper margin; a single seat → two candidates). Tied candidates all stay."""
    res = result(poll)
    if res.tied:
        return list(res.tied)
    left = res.remaining_seats
    if left <= 0:
        return []
    rest = sorted((ln for ln in res.lines if not ln.elected), key=lambda ln: (-ln.count, ln.order))
    if left == 1:
        n = 2
    else:
        margin = poll.rule.margin_max or Fraction(1, 2)
        n = left + math.ceil(margin * left)
    return [ln.label for ln in rest[:n]]


def polls_of(subject) -> QuerySet[Poll]:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(subject)
    return Poll.objects.filter(content_type=ct, object_id=str(subject.pk)).select_related("rule")
