"""The meeting's side of votes: polls on agenda items are made and counted by `renda.voting` (the one vote
engine, /work/wt/VOTING-CONTRACT.md); this module only creates them with the item as subject and reads
their results for the chair, the big screen, the minutes and the portal."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from renda.core.errors import Refused

from . import permissions
from .models import AgendaItem, State


def engine():
    """renda.voting's services and selectors, or None while the engine is not installed yet."""
    try:
        from renda.voting import selectors as vsel
        from renda.voting import services as vsrv
    except ImportError:
        return None
    if not hasattr(vsrv, "create_poll"):
        return None
    return vsrv, vsel


def polls_of(item: AgendaItem) -> list:
    if engine() is None:
        return []
    from renda.voting.models import Poll

    ct = ContentType.objects.get_for_model(AgendaItem)
    return list(Poll.objects.filter(content_type=ct, object_id=item.pk).order_by("round", "id"))


def polls_of_meeting(meeting) -> dict[int, list]:
    if engine() is None:
        return {}
    from renda.voting.models import Poll

    ct = ContentType.objects.get_for_model(AgendaItem)
    ids = list(meeting.items.values_list("pk", flat=True))
    out: dict[int, list] = {}
    for p in Poll.objects.filter(content_type=ct, object_id__in=ids).order_by("round", "id"):
        out.setdefault(int(p.object_id), []).append(p)
    return out


def result(poll, *, names: bool = False):
    """The engine's result (counts, outcome, the rule and article that decided it); names per option only
    for open (named) polls — the engine refuses them for secret ones."""
    got = engine()
    if got is None:
        return None
    return got[1].result(poll, names=names and not poll.secret)


def default_rule(meeting, kind: str = "motion") -> str:
    """The engine's rule code for a poll of this meeting: a congress's motions and elections (indirect:
    more than half of all deputies, 选举法第四十五条), a standing committee's motions (地方组织法)."""
    from .models import Kind

    congress = meeting.kind in (Kind.CONGRESS_SESSION, Kind.PRESIDIUM_SESSION, Kind.DELEGATION)
    if kind == "election":
        return "congress_election_indirect"
    if kind == "selection":
        return "livelihood_selection"
    return "congress_motion" if congress else "sc_motion"


POLL_STATES = (State.DRAFT, State.NOTICED, State.IN_SESSION)


@transaction.atomic
def create_item_poll(
    item: AgendaItem,
    *,
    title: str = "",
    secret: bool = False,
    rule: str = "",
    kind: str = "motion",
    options=None,
    seats: int | None = None,
    open_now: bool = True,
    by,
):
    """A poll on an agenda item through renda.voting (subject = the item). Its electorate is the meeting's
    members with a vote (全体组成人员; the rule's base decides whether absent members count). Staff may
    prepare a poll (an election's ballot) before the meeting; it opens only while the meeting is in session,
    with the signed-in members as those present (the engine's base "出席人数")."""
    from .models import AttendeeRole, Meeting

    meeting = Meeting.objects.select_related("body").get(
        pk=item.meeting_id
    )  # its state now, not a cached one
    permissions.require_chair(by, meeting, action="发起表决")
    if meeting.status not in POLL_STATES:
        raise Refused("meeting_over", f"会议{meeting.get_status_display()}，不能再发起表决")
    if open_now and meeting.status != State.IN_SESSION:
        raise Refused("meeting_not_in_session", "会议进行中才能开始表决")
    got = engine()
    if got is None:
        raise Refused("voting_not_ready", "表决系统尚未启用")
    members = meeting.attendees.filter(role=AttendeeRole.MEMBER)
    electorate = list(members.values_list("user_id", flat=True))
    if not electorate:
        raise Refused("no_electorate", "本次会议没有有表决权的组成人员")
    poll = got[0].create_poll(
        body=meeting.body,
        title=title.strip() or f"表决：{item.title}",
        kind=kind,
        options=options,
        rule=rule or default_rule(meeting, kind),
        electorate=electorate,
        subject=item,
        secret=secret,
        seats=seats,
        by=by,
    )
    if open_now:
        poll = open_item_poll(poll, by=by)
    return poll


def _meeting_of(poll):
    ct = ContentType.objects.get_for_model(AgendaItem)
    ok = poll.content_type_id == ct.pk and str(poll.object_id).isdigit()
    item = (
        AgendaItem.objects.select_related("meeting__body").filter(pk=poll.object_id).first() if ok else None
    )
    if item is None:
        raise Refused("poll_not_of_meeting", "该表决不属于会议议题")
    return item.meeting


@transaction.atomic
def open_item_poll(poll, *, by):
    """Open a poll of an agenda item, the signed-in members counted as present."""
    from .models import AttendeeRole

    meeting = _meeting_of(poll)
    permissions.require_chair(by, meeting, action="开始表决")
    if meeting.status != State.IN_SESSION:
        raise Refused("meeting_not_in_session", "会议进行中才能开始表决")
    present = meeting.attendees.filter(role=AttendeeRole.MEMBER, signed_in_at__isnull=False)
    return engine()[0].open_poll(poll, by=by, present=list(present.values_list("user_id", flat=True)))


def poll_action(poll, action: str, *, by):
    """The chair's buttons on the meeting's panel: open, close, announce (the engine's services)."""
    meeting = _meeting_of(poll)
    permissions.require_chair(by, meeting, action="表决")
    if action == "open":
        return open_item_poll(poll, by=by)
    vsrv = engine()[0]
    if action == "close":
        return vsrv.close_poll(poll, by=by)
    if action == "announce":
        return vsrv.announce(poll, by=by)
    raise Refused("action_unknown", "未知的操作")


def url(poll, name: str) -> str:
    """voting:<name> for the poll, or "" while the voting app has no such screen."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(f"voting:{name}", args=[poll.pk])
    except NoReverseMatch:
        return ""


__all__ = [
    "create_item_poll",
    "engine",
    "open_item_poll",
    "poll_action",
    "polls_of",
    "polls_of_meeting",
    "result",
    "url",
]
