"""Satisfaction votes, the hearing's live vote and the livelihood-project vote, through renda.voting
(VOTING-CONTRACT.md). This module only creates polls and reads their results; it is not a vote engine.

The result rule is data in renda.voting (Rule "sc_satisfaction": 满意 over half of all members → 满意,
domain.md §5.3 Zhenhai); `decided_by` is shown on the result screen.
"""

import contextlib

from renda.core.errors import Refused

from ..choices import Grade

LABELS = {"满意": Grade.SATISFIED, "基本满意": Grade.BASIC, "不满意": Grade.UNSATISFIED}


def available() -> bool:
    try:
        from renda.voting import services

        return hasattr(services, "create_poll")
    except ImportError:
        return False


def _require():
    if not available():
        raise Refused("voting_unavailable", "表决系统尚未启用，请由工作人员录入测评结果")


def open_rating(
    *,
    body,
    title: str,
    subject,
    electorate,
    by,
    secret: bool = True,
    allow_public: bool = False,
    rule: str = "sc_satisfaction",
):
    """A 满意/基本满意/不满意 poll on `subject`, opened at once."""
    _require()
    from renda.voting import services

    poll = services.create_poll(
        body=body,
        title=title,
        kind="rating",
        options=["满意", "基本满意", "不满意"],
        rule=rule_row(rule),
        electorate=electorate,
        subject=subject,
        secret=secret,
        allow_public=allow_public,
        by=by,
    )
    services.open_poll(poll, by=by)
    return poll


def rule_row(code: str):
    """The voting rule `code`: the engine's own, or one of supervision's (`vote_rules`), written on first use."""
    from renda.voting.models import Rule

    from ..vote_rules import RULES

    if code in RULES and not Rule.objects.filter(code=code).exists():
        data = dict(RULES[code])
        data.pop("code")
        Rule.objects.get_or_create(code=code, version=1, defaults=data)
    return Rule.latest(code)


def open_selection(*, body, title: str, subject, options, electorate, by, rule: str = "livelihood_selection"):
    _require()
    from renda.voting import services

    poll = services.create_poll(
        body=body,
        title=title,
        kind="selection",
        options=options,
        rule=rule,
        electorate=electorate,
        subject=subject,
        secret=True,
        by=by,
    )
    services.open_poll(poll, by=by)
    return poll


def rating_outcome(poll_id: int) -> tuple[str, str, object]:
    """(grade, the sentence naming the rule that decided it, the result) of a closed rating poll."""
    _require()
    from renda.voting.models import Poll
    from renda.voting.selectors import result

    poll = Poll.objects.get(pk=poll_id)
    if poll.state not in ("closed", "announced"):
        raise Refused("poll_open", "测评尚未结束")
    res = result(poll)
    grade = LABELS.get(getattr(res, "outcome", "") or "", "")
    if not grade:
        raise Refused("outcome_unknown", "测评结果无法判定等次")
    return grade, getattr(res, "decided_by", ""), res


def electorate_of(body):
    from renda.meetings.selectors import members_of

    return members_of(body)


def links(poll_id: int | None) -> dict:
    """The voting app's screens for a poll (member ballot, big screen, chair control), those that exist.

    The screens belong to renda.voting; until they are mounted the pages show the poll without links."""
    from django.urls import NoReverseMatch, reverse

    out = {}
    if not poll_id:
        return out
    for key, name in (("vote", "voting:vote"), ("screen", "voting:screen"), ("control", "voting:control")):
        with contextlib.suppress(NoReverseMatch):
            out[key] = reverse(name, args=[poll_id])
    return out
