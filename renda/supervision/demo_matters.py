"""Demo, major-matter decisions: three standing-committee meetings of the year, each matter an agenda item
voted through renda.meetings + renda.voting (one motion failing); each matter decided by its poll, then
handed to its unit, reported on and followed up (table `demo_texts.MATTERS`)."""

import uuid
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from . import services
from .demo_texts import MATTER_REPORTS, MATTERS
from .models import FollowUp

YEAR = 2026
MEETINGS = {
    2: ("县十八届人大常委会第十六次会议", 26),
    5: ("县十八届人大常委会第十八次会议", 28),
    8: ("县十八届人大常委会第二十次会议", 27),
}


def _day(md: str) -> date:
    m, d = md.split("-")
    return date(YEAR, int(m), int(d))


def _meeting(sc, staff, leader, month: int, items: list[tuple[int, str, bool]]) -> dict[int, int]:
    """Hold one meeting in the past (prepared a week ahead, then moved, as the meetings demo does): every
    member signed in, a motion poll per item, cast, closed, announced. Returns {matter index: poll id}."""
    from renda.meetings import services as msrv
    from renda.meetings import votes
    from renda.meetings.models import AttendeeRole, Kind, Meeting

    title, day = MEETINGS[month]
    tz = timezone.get_current_timezone()
    ahead = datetime.combine(timezone.localdate() + timedelta(days=9), time(9), tzinfo=tz)
    m = msrv.create_meeting(
        body=sc,
        kind=Kind.STANDING_COMMITTEE,
        title=title,
        starts_at=ahead,
        ends_at=ahead + timedelta(hours=3),
        location="县人大常委会第一会议室",
        by=staff,
    )
    for _, text, _ in items:
        msrv.add_item(
            m, title=f"审议{text}", presenter="县人民政府", needs_vote=True, minutes_planned=20, by=staff
        )
    m = msrv.send_notice(m, by=staff)
    held = datetime.combine(date(YEAR, month, day), time(9), tzinfo=tz)
    Meeting.objects.filter(pk=m.pk).update(starts_at=held, ends_at=held + timedelta(hours=3))
    if m.duty_activity_id:
        from renda.duties.models import Activity

        Activity.objects.filter(pk=m.duty_activity_id).update(start=held.date(), end=held.date())
    m.refresh_from_db()
    members = list(m.attendees.filter(role=AttendeeRole.MEMBER).select_related("user"))
    for a in members[:-1]:  # one member absent
        msrv.sign_in_by_staff(a, by=staff)
    m = msrv.open_meeting(m, by=leader)
    vsrv = votes.engine()[0]
    out = {}
    for (index, _, passes), item in zip(items, m.items.order_by("order"), strict=True):
        poll = votes.create_item_poll(item, by=leader)
        opts = {o.label: o.pk for o in poll.options.all()}
        for k, a in enumerate(members[:-1]):
            choice = ("赞成" if k < len(members) - 3 else "弃权") if passes else ("反对" if k % 3 else "赞成")
            vsrv.cast(poll, voter=a.user, choices=[opts[choice]], key=uuid.uuid4(), by=a.user)
        vsrv.close_poll(poll, by=leader)
        vsrv.announce(poll, by=leader)
        out[index] = poll.pk
    msrv.close_meeting(m, by=leader)
    return out


def load(sc, staff, leader, units, unit_users) -> None:
    from renda.meetings import votes

    matters = [
        services.create.matter(sc, title=t, proposer=who, proposed_on=date(YEAR, month or 11, 5), by=staff)
        for t, who, _, month, _, _ in MATTERS
    ]
    if leader is None or votes.engine() is None:
        return
    polls: dict[int, int] = {}
    for month in MEETINGS:
        items = [(k, m[0], m[4]) for k, m in enumerate(MATTERS) if m[3] == month]
        polls.update(_meeting(sc, staff, leader, month, items))
    handler = {u.unit_id: u for u in unit_users}
    for k, (m, (_, _, unit, month, _, state)) in enumerate(zip(matters, MATTERS, strict=True)):
        m = services.matters.deliberate(m, by=staff)
        if state == "deliberating":
            continue
        if state == "rejected":
            services.matters.reject(m, poll_id=polls[k], by=staff)
            continue
        decision = f"县人大常委会会议经表决通过《{m.title}》，由县人民政府组织实施并按期报告执行情况。"
        m = services.matters.decide(m, poll_id=polls[k], decision=decision, by=staff)
        m = services.matters.track(m, unit=units[unit], on=date(YEAR, month, 28), by=staff)
        if k in MATTER_REPORTS:
            text, md = MATTER_REPORTS[k]
            services.matters.report(m, text=text, on=_day(md), by=handler.get(m.unit_id, staff))
        if k in MATTER_REPORTS:
            for f in FollowUp.objects.filter(content_type__model="matter", object_id=str(m.pk)):
                f = services.followups.answer(f, text=text, by=handler.get(m.unit_id, staff), on=_day(md))
                if state == "closed":
                    services.followups.close(f, by=staff, on=_day(md) + timedelta(days=10))
        if state == "closed":
            services.matters.close(m, by=staff)
