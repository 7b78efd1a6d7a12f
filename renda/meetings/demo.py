"""Demo: the county standing committee's members (常委会组成人员), chosen among the county deputies."""

from datetime import date

from django.db import transaction

from renda.core import demo as core_demo
from renda.core.models import User

from .models import Membership, Position

SEATS = 15  # a county standing committee of 15–35 members (地方组织法 Art. 47)


@core_demo.register(15, "常委会组成人员")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    """The leader account as a vice-chair, then county deputies' accounts (dep001 …) as the other seats."""
    sc, start = county.standing_committee, date(2026, 1, 10)
    leader = county.accounts.get("leader")
    deputy = county.accounts.get("deputy")
    seats: list[tuple[User, str]] = [(leader, Position.VICE_CHAIR)] if leader else []
    others = User.objects.filter(body=county.county, username__startswith="dep").order_by("username")
    for k, user in enumerate(others.exclude(pk=getattr(deputy, "pk", None))[: SEATS - len(seats)]):
        seats.append(
            (user, Position.CHAIR if k == 0 else Position.SECRETARY_GENERAL if k == 1 else Position.MEMBER)
        )
    Membership.objects.bulk_create(
        Membership(body=sc, user=user, position=position, start_date=start) for user, position in seats
    )


# --- order 45: meetings (after the duties demo at 40, which seeds the duty types) ------------------------

AGENDA = (
    ("审议县人民政府关于2026年度民生实事项目实施情况的报告", "县政府副县长 刘建华", True),
    ("审议县人民法院关于行政审判工作情况的报告", "县法院院长 陈志远", False),
    ("审议关于接受辞职请求的决定（草案）", "常委会人事代表工委主任 黄丽", True),
)
PAPER = [
    "2026年，县人民政府把民生实事项目作为为民办实事的重要抓手，十项实事项目总体进展顺利。",
    "老旧小区改造惠及居民3200户，新建城乡公交候车亭46座，农村供水保障工程覆盖12个行政村。",
    "存在的主要问题：部分项目前期工作滞后，资金拨付进度不均衡，群众参与度有待提高。",
    "下一步，将压实责任、加快进度，确保年底前全部完成并接受人大常委会满意度测评。",
]


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@core_demo.register(45, "电子会议")
@transaction.atomic
def load_meetings(county: core_demo.DemoCounty) -> None:
    """A standing-committee meeting held three days ago (papers, sign-ins, a leave, votes, minutes), one in
    session now (for the big screen and the door), one noticed for next week, and the county congress session
    with its delegations' meetings."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    from renda.deputies.models import Delegation

    from . import demo_files, services
    from .models import AttendeeRole, Kind, Meeting

    staff, leader, deputy = (county.accounts.get(k) for k in ("staff", "leader", "deputy"))
    if staff is None or leader is None:
        return
    sc, tz = county.standing_committee, timezone.get_current_timezone()
    today = timezone.localdate()

    def at(days: int, hour: int) -> datetime:
        return datetime.combine(today + timedelta(days=days), time(hour, 0), tzinfo=tz)

    observers = list(
        User.objects.filter(body=county.county, username__startswith="dep").order_by("username")[20:23]
    )
    if deputy:
        observers.insert(0, deputy)

    def prepare(title: str, days: int) -> Meeting:
        m = services.create_meeting(
            body=sc,
            kind=Kind.STANDING_COMMITTEE,
            title=title,
            starts_at=at(days, 9),
            ends_at=at(days, 12),
            location="县人大常委会第一会议室",
            by=staff,
        )
        services.add_attendees(
            m, users=observers, role=AttendeeRole.OBSERVER, capacity="县人大代表", by=staff
        )
        services.add_attendees(m, users=[staff], role=AttendeeRole.STAFF, by=staff)
        for k, (t, who, vote) in enumerate(AGENDA):
            item = services.add_item(m, title=t, presenter=who, needs_vote=vote, minutes_planned=20, by=staff)
            make = demo_files.pdf if k != 1 else demo_files.docx
            ext = "pdf" if k != 1 else "docx"
            services.add_document(
                item, title=t.removeprefix("审议"), upload=_upload(f"p.{ext}", make(t, PAPER)), by=staff
            )
        return m

    def move_to(m: Meeting, days: int, hour: int) -> None:
        # The demo prepares a meeting a week ahead (the notice rule), then moves it to when it is shown held.
        shift = at(days, hour) - m.starts_at
        Meeting.objects.filter(pk=m.pk).update(starts_at=m.starts_at + shift, ends_at=m.ends_at + shift)
        if m.duty_activity_id:
            from renda.duties.models import Activity

            d = at(days, hour).date() - timezone.localtime(m.starts_at).date()
            Activity.objects.filter(pk=m.duty_activity_id).update(
                start=m.duty_activity.start + d, end=m.duty_activity.end + d
            )
        m.refresh_from_db()

    # 1. Held three days ago.
    held = prepare("县十八届人大常委会第二十二次会议", 8)
    doc = held.items.get(order=1).documents.get()
    services.add_document(
        doc.item,
        title="",
        upload=_upload("p2.pdf", demo_files.pdf("（修改稿）" + AGENDA[0][0], PAPER[::-1])),
        replaces=doc,
        by=staff,
    )
    held = services.send_notice(held, by=staff)
    rows = list(held.attendees.select_related("user").filter(role=AttendeeRole.MEMBER))
    members = [a for a in rows if a.user_id != leader.pk]
    services.reply(members[-1], attend=False, reason="参加市里培训", by=members[-1].user)
    services.decide_leave(members[-1], approve=True, by=staff)
    for a in rows[:-1]:
        if a.user.role == "deputy":
            services.reply(a, attend=True, by=a.user)
    move_to(held, -3, 9)
    for a in held.attendees.exclude(pk=members[-1].pk).exclude(pk=members[-2].pk):
        services.sign_in_by_staff(a, by=staff)
    held.attendees.filter(signed_in_at__isnull=False).update(
        signed_in_at=held.starts_at - timedelta(minutes=12)
    )
    held = services.open_meeting(held, by=leader)
    from . import votes as meeting_votes

    if meeting_votes.engine() is not None:
        _demo_votes(held, leader, meeting_votes)
    services.close_meeting(held, by=leader)
    services.record_duty_attendance(held, by=staff)

    # 2. In session now: the big screen, the door and the chair's panel have something to show.
    live = prepare("县十八届人大常委会第二十三次会议", 8)
    live = services.send_notice(live, by=staff)
    move_to(live, 0, timezone.localtime().hour)
    for a in list(live.attendees.filter(role=AttendeeRole.MEMBER))[:11]:
        services.sign_in_by_staff(a, by=staff)
    live = services.open_meeting(live, by=leader)
    services.set_current_item(live, item=live.items.get(order=1), by=leader)
    if meeting_votes.engine() is not None:
        _demo_votes(live, leader, meeting_votes, finish=False, share=0.7)

    # 3. Noticed for the week after next: the deputy has an invitation to answer.
    nxt = prepare("县十八届人大常委会第二十四次会议", 10)
    services.send_notice(nxt, by=staff)

    # 4. The congress session and one meeting per delegation.
    session = services.create_meeting(
        body=county.county,
        kind=Kind.CONGRESS_SESSION,
        title="青山县第十八届人民代表大会第三次会议",
        starts_at=at(40, 9),
        ends_at=at(43, 17),
        location="县人民会堂",
        by=staff,
    )
    services.add_item(session, title="听取和审议县人民政府工作报告", presenter="县长", by=staff)
    services.add_item(session, title="补选县人民代表大会常务委员会委员", needs_vote=True, by=staff)
    for d in Delegation.objects.filter(body=county.county, closed=False)[:4]:
        services.create_meeting(
            body=county.county,
            kind=Kind.DELEGATION,
            title=f"{session.title}·{d.name}全体会议",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location=f"县人民会堂{d.name}分会场",
            session=session,
            delegation=d,
            by=staff,
        )
    if meeting_votes.engine() is not None:
        _demo_election(session, staff, meeting_votes)


def _demo_votes(meeting, leader, meeting_votes, *, finish: bool = True, share: float = 1.0) -> None:
    """Votes on the items that need one, through renda.voting (create and open with those signed in, cast,
    close, announce). The third item is a secret ballot (personnel matters)."""
    import uuid

    from .models import AttendeeRole

    vsrv, _ = meeting_votes.engine()
    voters = [a.user for a in meeting.attendees.filter(role=AttendeeRole.MEMBER, signed_in_at__isnull=False)]
    voters = voters[: max(1, int(len(voters) * share))]
    for item in meeting.items.filter(needs_vote=True):
        poll = meeting_votes.create_item_poll(item, secret=item.order == 3, by=leader)
        options = list(poll.options.order_by("order", "id"))
        for k, u in enumerate(voters):
            choice = options[0] if k < len(voters) - 2 else options[1 + k % 2]
            vsrv.cast(poll, voter=u, choices=[choice.pk], key=str(uuid.uuid4()), by=u)
        if finish:
            vsrv.close_poll(poll, by=leader)
            vsrv.announce(poll, by=leader)
        else:
            return  # one open vote is enough for the live screen


def _demo_election(session, staff, meeting_votes) -> None:
    """The session's by-election ballot, prepared before the session (opened on the day)."""
    item = session.items.get(order=2)
    meeting_votes.create_item_poll(
        item,
        title="补选县人大常委会委员",
        kind="election",
        rule="congress_election_indirect",
        options=["王建国", "李秀英", "张志强"],
        seats=2,
        secret=True,
        open_now=False,
        by=staff,
    )
