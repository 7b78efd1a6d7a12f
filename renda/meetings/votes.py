"""The meeting's side of votes: polls on agenda items are made and counted by `renda.voting` (the one vote
engine, /work/wt/VOTING-CONTRACT.md); this module only creates them with the item as subject and reads
their results for the chair, the big screen, the minutes and the portal."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from renda.core.errors import Refused

from . import permissions, selectors
from .models import AgendaItem, State

MOTION_OPTIONS = ["赞成", "反对", "弃权"]


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


def result(poll):
    got = engine()
    return got[1].result(poll) if got else None


def default_rule(meeting) -> str:
    from .models import Kind

    return (
        "congress_motion" if meeting.kind in (Kind.CONGRESS_SESSION, Kind.PRESIDIUM_SESSION) else "sc_motion"
    )


@transaction.atomic
def create_item_poll(
    item: AgendaItem,
    *,
    title: str = "",
    secret: bool = False,
    rule: str = "",
    kind: str = "motion",
    options=None,
    by,
):
    """A poll on an agenda item, its electorate the meeting's members with a vote (全体组成人员: the
    rule's base decides whether absent members count). Opened and closed by the chair on voting:control."""
    meeting = item.meeting
    permissions.require_chair(by, meeting, action="发起表决")
    if meeting.status != State.IN_SESSION:
        raise Refused("meeting_not_in_session", "会议进行中才能发起表决")
    got = engine()
    if got is None:
        raise Refused("voting_not_ready", "表决系统尚未启用")
    from .models import AttendeeRole

    electorate = [a.user for a in meeting.attendees.filter(role=AttendeeRole.MEMBER).select_related("user")]
    if not electorate:
        raise Refused("no_electorate", "本次会议没有有表决权的组成人员")
    return got[0].create_poll(
        body=meeting.body,
        title=title.strip() or f"表决：{item.title}",
        kind=kind,
        options=options if options is not None else MOTION_OPTIONS,
        rule=rule or default_rule(meeting),
        electorate=electorate,
        subject=item,
        secret=secret,
        by=by,
    )


__all__ = ["create_item_poll", "engine", "polls_of", "polls_of_meeting", "result", "selectors"]
