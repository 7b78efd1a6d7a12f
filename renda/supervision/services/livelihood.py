"""The year-end completion rating of livelihood projects (民生实事项目年终测评) by the deputies.

One secret 满意/基本满意/不满意 poll per project in renda.voting (the one vote engine: exactly once per
deputy, nothing after the close), electorate the congress's deputies, counted by the body's rule
(`SupervisionPolicy.livelihood_rating_rule`, default `vote_rules.LIVELIHOOD_RATING`). Closing takes each
poll's outcome with the sentence naming the rule; 不满意 starts a follow-up (人大督). wave2-references (b)
"群众提、代表决、政府办、人大督"; domain.md §5.3 (satisfaction votes also rate 民生实事).
"""

import uuid

from django.db import transaction

from renda.core import audit, policy
from renda.core.errors import Refused
from renda.core.models import Body

from .. import permissions
from ..choices import ProjectStatus
from ..models import Project, SupervisionPolicy
from . import followups, votes

RATED = (ProjectStatus.SELECTED, ProjectStatus.DONE)


def deputies_of(body: Body):
    """The deputies of the congress the standing committee belongs to (who rate the projects)."""
    from renda.core.models import BodyKind, User
    from renda.core.roles import Role

    congress = body.parent if body.kind == BodyKind.STANDING_COMMITTEE and body.parent_id else body
    return User.objects.filter(role=Role.DEPUTY, body=congress, is_active=True)


@transaction.atomic
def open_rating(body: Body, year: int, *, by) -> int:
    """Open one rating poll per selected project of `year` not yet rated; returns how many were opened."""
    permissions.require_staff(by, "发起民生实事年终测评")
    projects = list(
        Project.objects.select_for_update().filter(
            body=body, year=year, status__in=RATED, rating_poll_id__isnull=True
        )
    )
    if not projects:
        raise Refused("nothing_to_rate", f"{year}年没有待测评的民生实事项目（须为票决通过的项目）")
    rule = policy.resolve(SupervisionPolicy, body).livelihood_rating_rule
    electorate = list(deputies_of(body))
    if not electorate:
        raise Refused("no_deputies", "本级没有可参加测评的代表")
    for p in projects:
        poll = votes.open_rating(
            body=body,
            title=f"{year}年民生实事项目完成情况测评：{p.title}",
            subject=p,
            electorate=electorate,
            rule=rule,
            by=by,
        )
        p.rating_poll_id = poll.pk
        p.save(update_fields=["rating_poll_id"])
        audit.record("supervision.project_rating_open", p, by=by, after={"poll": poll.pk})
    return len(projects)


def ballot_for(user, year: int, body: Body) -> list[dict]:
    """What a deputy sees on the phone: each project under rating, its poll, and whether they have rated."""
    from renda.voting.models import Poll
    from renda.voting.selectors import receipt_for

    projects = list(
        Project.objects.filter(body=body, year=year, rating_poll_id__isnull=False).select_related("unit")
    )
    polls = Poll.objects.in_bulk([p.rating_poll_id for p in projects])
    out = []
    for p in projects:
        poll = polls.get(p.rating_poll_id)
        if poll is None or not poll.voters.filter(user=user).exists():
            continue
        options = list(poll.options.order_by("order"))
        out.append(
            {
                "project": p,
                "poll": poll,
                "options": options,
                "receipt": receipt_for(poll, user),
                "key": str(uuid.uuid4()),  # one per form shown: a resent form is the same vote
            }
        )
    out.sort(key=lambda r: (not (r["poll"].is_open and not r["receipt"]), r["project"].pk))  # to rate first
    return out


def rate(p: Project, *, voter, option_id: int, key: str | None = None):
    """A deputy's rating of one project, through the vote engine: refused a second time (`already_voted`),
    after the close (`poll_not_open`), from someone who is not a deputy of this congress (`not_elector`)."""
    from renda.voting import services as vsrv
    from renda.voting.models import Poll

    if not p.rating_poll_id:
        raise Refused("rating_not_open", "该项目尚未开始年终测评")
    poll = Poll.objects.get(pk=p.rating_poll_id)
    if not poll.options.filter(pk=option_id).exists():
        raise Refused("option_unknown", "请选择满意、基本满意或不满意")
    return vsrv.cast(poll, voter=voter, choices=[option_id], key=key or uuid.uuid4(), by=voter)


@transaction.atomic
def close_rating(body: Body, year: int, *, by, only: set[int] | None = None) -> int:
    """Close every open rating poll of `year` (or of the projects `only`) and take its result by the rule: the
    grade, the count and the rule's sentence are stored on the project; 不满意 → a tracked follow-up. Returns
    how many were rated."""
    from renda.voting import services as vsrv
    from renda.voting.models import Poll
    from renda.voting.selectors import result

    permissions.require_staff(by, "结束民生实事年终测评")
    projects = list(
        Project.objects.select_for_update()
        .filter(body=body, year=year, rating_poll_id__isnull=False, rating="")
        .select_related("unit")
    )
    if only is not None:
        projects = [p for p in projects if p.pk in only]
    if not projects:
        raise Refused("nothing_open", f"{year}年没有进行中的民生实事测评")
    for p in projects:
        poll = Poll.objects.get(pk=p.rating_poll_id)
        if poll.state == "open":
            vsrv.close_poll(poll, by=by)
        res = result(poll)
        grade = votes.LABELS.get(res.outcome, "")  # "" when the rule found no grade (too few took part)
        p.rating, p.rating_rule = grade, res.decided_by
        counts = "，".join(f"{ln.label}{ln.count}票" for ln in res.lines)
        p.rating_line = (
            f"{counts}；应参加{res.electors}人，参加{res.voted}人{'' if grade else '；' + res.outcome}"[:200]
        )
        p.save(update_fields=["rating", "rating_rule", "rating_line"])
        audit.record("supervision.project_rated", p, by=by, after={"rating": grade})
        if grade and res.consequence:
            followups.start(
                p,
                body=body,
                unit=p.unit,
                origin="民生实事测评不满意",
                title=f"{p.title}：代表年终测评不满意，限期整改",
                detail=res.decided_by,
                cite="domain.md §5.3 满意度测评：不满意的跟踪督办",
                by=by,
            )
    return len(projects)
