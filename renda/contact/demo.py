"""Demo step: 8 stations with monthly reception days, and two years of voters' messages of 青山县 across
units and every state (closed and rated, overdue, reopened, not accepted, converted, handed to 12345).

Bulk-created for speed: deadlines are counted with the project calendar, flags for the three rates are set
as the services would set them.
"""

from datetime import datetime, time, timedelta
from random import Random

from django.db import transaction
from django.utils import timezone

from renda.core import calendar
from renda.core import demo as core_demo
from renda.core.models import Unit
from renda.deputies.models import Mandate, Station

from . import codes
from .choices import (
    Category,
    Channel,
    NotAcceptedReason,
    Outcome,
    Rating,
    ReceptionStatus,
    ReplyKind,
    Status,
    Urgency,
)
from .demo_texts import PLACES, REPLIES, ROADS, TEXTS
from .models import ContactPolicy, DutyAssignment, Message, MessageEvent, ReceptionDay, Reply

UNIT_FOR = {
    "housing": "住房和城乡建设",
    "roads": "交通运输",
    "education": "教育体育",
    "pensions": "人力资源和社会保障",
    "environment": "生态环境",
    "health": "卫生健康",
    "rural": "农业农村",
    "jobs": "人力资源和社会保障",
    "market": "市场监督管理",
    "safety": "公安",
    "city": "城市管理",
    "other": "政府办公室",
}
CATEGORY_WEIGHTS = {
    "housing": 16,
    "roads": 18,
    "education": 10,
    "pensions": 9,
    "environment": 11,
    "health": 7,
    "rural": 9,
    "jobs": 4,
    "market": 4,
    "safety": 4,
    "city": 6,
    "other": 2,
}
PER_DAY = 4.0  # ~1,460 messages a year across the county's stations


@core_demo.register(30, "社情民意")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    rng = Random(20261125)
    stations = list(
        Station.objects.filter(body__in=county.townships, active=True)
        .select_related("body")
        .order_by("body__order", "id")[:8]
    )
    if not stations:
        return
    ContactPolicy.objects.get_or_create(body=county.county)
    today = timezone.localdate()
    members = {s.pk: list(s.members.select_related("person").filter(status="active")) for s in stations}
    _receptions(stations, members, county, rng, today)
    _messages(stations, members, county, rng, today)


def _receptions(stations, members, county, rng: Random, today) -> None:
    keeper = county.accounts.get("keeper")
    deputy = county.accounts.get("deputy")
    days, duties = [], []
    start = today.replace(day=1) - timedelta(days=730)
    for si, st in enumerate(stations):
        month = start
        while month <= today + timedelta(days=62):
            d = month.replace(day=15 if si % 2 == 0 else 9)
            month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
            if d < today:
                status = ReceptionStatus.SERVED if rng.random() > 0.05 else ReceptionStatus.CANCELLED
            else:
                status = (
                    ReceptionStatus.PUBLISHED if d <= today + timedelta(days=35) else ReceptionStatus.PLANNED
                )
            day = ReceptionDay(
                station=st,
                date=d,
                starts=time(9),
                ends=time(11, 30),
                status=status,
                topic=rng.choice(
                    ("听取群众意见建议", "民生实事项目征求意见", "优化营商环境", "乡村振兴", "")
                ),
                created_by=keeper,
                visitors=rng.randrange(3, 25) if status == ReceptionStatus.SERVED else 0,
                summary="接待选民，现场登记意见建议，能当场答复的当场答复。"
                if status == ReceptionStatus.SERVED
                else ("代表参加县人代会，改期举行" if status == ReceptionStatus.CANCELLED else ""),
            )
            if status != ReceptionStatus.PLANNED:
                day.published_at = timezone.make_aware(datetime.combine(d - timedelta(days=7), time(10)))
            if status == ReceptionStatus.SERVED:
                day.served_at = timezone.make_aware(datetime.combine(d, time(11, 40)))
            days.append(day)
    ReceptionDay.objects.bulk_create(days, batch_size=500)
    by_station = {st.pk: st for st in stations}
    for day in days:
        pool = members.get(day.station_id) or []
        pick = rng.sample(pool, min(2, len(pool)))
        if deputy is not None and day.station_id == stations[0].pk:
            own = [m for m in pool if m.person.user_id == deputy.pk]
            pick = (own + [m for m in pick if m not in own])[:2]
        for m in pick:
            confirmed = day.status != ReceptionStatus.PUBLISHED or rng.random() < 0.5
            if m.person.user_id == getattr(deputy, "pk", None) and day.status == ReceptionStatus.PUBLISHED:
                confirmed = False  # the demo deputy has something to confirm
            duties.append(
                DutyAssignment(reception=day, mandate=m, confirmed_at=day.published_at if confirmed else None)
            )
    DutyAssignment.objects.bulk_create(duties, batch_size=1000)
    del by_station


def _units(county) -> dict[str, Unit]:
    units = list(Unit.objects.filter(body=county.county))
    return {cat: next((u for u in units if key in u.name), units[0]) for cat, key in UNIT_FOR.items()}


def _messages(stations, members, county, rng: Random, today) -> None:
    cal = calendar.Calendar()
    units = _units(county)
    keeper, staff = county.accounts.get("keeper"), county.accounts.get("staff")
    deputy_user = county.accounts.get("deputy")
    county_mandates = {st.pk: [m for m in members[st.pk] if m.body_id == county.county.pk] for st in stations}
    demo_mandate = (
        Mandate.objects.filter(person__user=deputy_user, body=county.county).first() if deputy_user else None
    )
    cats, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    rows: list[tuple[Message, list]] = []
    first = today - timedelta(days=730)
    n = int(730 * PER_DAY)
    for _ in range(n):
        age = int(730 * (rng.random() ** 1.15))  # a little busier recently
        received = first + timedelta(days=730 - age)
        if received > today:
            received = today
        st = stations[min(int(rng.random() ** 1.4 * len(stations)), len(stations) - 1)]
        cat = rng.choices(cats, weights=weights)[0]
        title_t, content_t = rng.choice(TEXTS[cat])
        place, road = rng.choice(PLACES), rng.choice(ROADS)
        mandate = None
        if rng.random() < 0.3 and county_mandates[st.pk]:
            mandate = rng.choice(county_mandates[st.pk])
        if demo_mandate is not None and st == stations[0] and rng.random() < 0.25:
            mandate = demo_mandate
        at = timezone.make_aware(datetime.combine(received, time(rng.randrange(8, 21), rng.randrange(60))))
        channel = rng.choices(
            [Channel.WEB, Channel.QR, Channel.WALK_IN, Channel.RECEPTION, Channel.PHONE],
            weights=[30, 30, 20, 12, 8],
        )[0]
        m = Message(
            body=st.body,
            station=st,
            mandate=mandate,
            township=st.body,
            code_hash=codes.digest(codes.new_code()),  # demo voters' codes are not kept: register one to try
            channel=channel,
            category=cat,
            title=title_t.format(p=place, r=road)[:80],
            content=content_t.format(p=place, r=road),
            place=place,
            voter_name=rng.choice(("", "", "王先生", "李女士", "张大爷", "刘阿姨", "陈先生")),
            phone=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}" if rng.random() < 0.7 else "",
            consent_at=at,
            received_at=at,
            registered_by=keeper if channel in (Channel.WALK_IN, Channel.RECEPTION, Channel.PHONE) else None,
        )
        m.accept_due_at = at + timedelta(hours=POLICY.accept_hours)
        m.accept_due = timezone.localdate(m.accept_due_at)
        events = [("submit", f"收到留言（{Channel(channel).label}）", at, Status.RECEIVED, None, True)]
        _advance(m, events, rng, today, cal, units[cat], staff, keeper)
        rows.append((m, events))
    msgs = [m for m, _ in rows]
    Message.objects.bulk_create(msgs, batch_size=500)
    evs, replies = [], []
    for m, events in rows:
        for action, label, when, status, actor, public in events:
            evs.append(
                MessageEvent(
                    message=m,
                    at=when,
                    action=action,
                    label=label,
                    status_after=status,
                    public=public,
                    actor=actor,
                    actor_name=str(actor) if actor else "选民",
                )
            )
        for r in getattr(m, "_replies", []):
            r.message = m
            replies.append(r)
    MessageEvent.objects.bulk_create(evs, batch_size=2000)
    Reply.objects.bulk_create(replies, batch_size=1000)


POLICY = ContactPolicy()  # the defaults (domain.md §2.3)


def _reply_clock(m: Message, start) -> None:
    m.reply_due_at = start + timedelta(hours=POLICY.reply_clock(m.urgency)[1])
    m.reply_due = timezone.localdate(m.reply_due_at)


def _dt(d, h=10):
    return timezone.make_aware(datetime.combine(d, time(h, 30)))


def _advance(m: Message, events: list, rng: Random, today, cal, unit, staff, keeper) -> None:
    """Walk one message as far as its age allows, with realistic shares of each route and outcome."""
    received = m.received_at.date()
    age = (today - received).days
    m._replies = []
    if age < 1 and rng.random() < 0.7:
        return
    late = rng.random() < 0.1
    took = rng.choice((200, 900, 2900)) if late else rng.choice((15, 40, 70, 110))
    accepted_at = m.received_at + timedelta(minutes=took)
    if accepted_at > timezone.now():
        return  # still waiting: overdue if its deadline has passed
    screened = timezone.localdate(accepted_at)
    m.accepted_at, m.accepted_on_time = accepted_at, accepted_at <= m.accept_due_at
    route = rng.random()
    if route < 0.07:
        m.status, m.not_accepted_reason = Status.NOT_ACCEPTED, rng.choice(NotAcceptedReason.values[:5])
        m.decision_note, m.closed_at = "已告知来访人通过相应法定途径反映。", m.accepted_at
        events.append(
            (
                "reject",
                f"不予受理：{NotAcceptedReason(m.not_accepted_reason).label}",
                m.accepted_at,
                m.status,
                keeper,
                True,
            )
        )
        return
    m.status, m.urgency = Status.ACCEPTED, rng.choices(Urgency.values, weights=(3, 12, 70, 15))[0]
    m.forward_due = calendar.add_working_days(screened, 3, cal=cal).due
    events.append(("accept", "留言已受理", m.accepted_at, m.status, keeper, True))
    if route < 0.25:
        m.status, m.outcome, m.replied_at = (
            Status.REPLIED,
            Outcome.ON_SPOT,
            m.accepted_at + timedelta(hours=1),
        )
        m.rate_due = calendar.add_working_days(screened, 10, cal=cal).due
        m._replies.append(
            Reply(
                round=1,
                kind=ReplyKind.ON_SPOT,
                author=keeper,
                author_label="联络站",
                text=REPLIES["on_spot"],
                at=m.replied_at,
            )
        )
        events.append(("answer", "已当场答复", m.replied_at, m.status, keeper, True))
        _rate(m, events, rng, today, cal)
        return
    if route < 0.28:
        m.status, m.outcome, m.hotline_ref = (
            Status.HOTLINE,
            Outcome.HOTLINE,
            f"GD{screened:%Y%m%d}{rng.randrange(1000, 9999)}",
        )
        events.append(
            ("hotline", f"已转12345热线办理（工单号 {m.hotline_ref}）", m.accepted_at, m.status, staff, True)
        )
        if age > 30:
            m.status, m.closed_at = Status.CLOSED, _dt(screened + timedelta(days=20))
            events.append(("close", "已办结", m.closed_at, m.status, staff, True))
        return
    forwarded = calendar.add_working_days(screened, rng.choice((0, 1, 1, 2, 4)), cal=cal).due
    if forwarded > today:
        return
    m.status, m.outcome, m.unit, m.forwarded_at = Status.FORWARDED, Outcome.UNIT, unit, _dt(forwarded, 15)
    _reply_clock(m, m.forwarded_at)
    events.append(
        ("forward", f"已转{unit}办理，答复期限 {m.reply_due:%Y-%m-%d}", m.forwarded_at, m.status, staff, True)
    )
    hours = POLICY.reply_clock(m.urgency)[1]
    took = rng.choice((0, 1, 2, 3, 4, 5, 6)) * hours // 168 + (
        rng.choice((3, 8, 15)) if rng.random() < 0.15 else 0
    )
    replied = forwarded + timedelta(days=took)
    if replied > today:
        return
    m.replied_on_time = _dt(replied, 16) <= m.reply_due_at
    _unit_reply(m, events, replied, rng, round_=1)
    _rate(m, events, rng, today, cal)
    if m.status == Status.REOPENED:
        replied2 = calendar.add_working_days(m.rated_at.date(), rng.choice((5, 8, 10)), cal=cal).due
        if replied2 <= today:
            _unit_reply(m, events, replied2, rng, round_=2)
            _rate(m, events, rng, today, cal, second=True)


def _unit_reply(m: Message, events: list, on, rng: Random, *, round_: int) -> None:
    kind = rng.choices(("done", "planned", "explained"), weights=(6, 2, 2))[0]
    m.status, m.replied_at = Status.REPLIED, _dt(on, 16)
    m.rate_due = on + timedelta(days=14)
    m._replies.append(
        Reply(
            round=round_,
            kind=ReplyKind.UNIT,
            unit=m.unit,
            author_label=str(m.unit),
            text=REPLIES[kind].format(d=f"{on:%m月%d日}", y=on.year),
            at=m.replied_at,
        )
    )
    events.append(
        ("reply", f"{m.unit}已{'再次' if round_ > 1 else ''}答复，请评价", m.replied_at, m.status, None, True)
    )


def _rate(m: Message, events: list, rng: Random, today, cal, *, second: bool = False) -> None:
    on = m.replied_at.date() + timedelta(days=rng.randrange(1, 9))
    if on > today or rng.random() < 0.12:
        if m.rate_due and m.rate_due < today - timedelta(days=1):
            m.status, m.closed_at = Status.CLOSED, _dt(m.rate_due + timedelta(days=1), 2)
            events.append(("close", "评价期已过，已办结", m.closed_at, m.status, None, True))
        return
    roll = rng.random()
    rating = Rating.SATISFIED if roll < 0.62 else Rating.BASIC if roll < 0.86 else Rating.UNSATISFIED
    m.rating, m.rated_at, m.status = rating, _dt(on, 19), Status.RATED
    m.resolved = rating == Rating.SATISFIED or (rating == Rating.BASIC and rng.random() < 0.6)
    events.append(
        (
            "rate",
            f"选民评价：{Rating(rating).label}，问题{'已' if m.resolved else '未'}解决",
            m.rated_at,
            m.status,
            None,
            True,
        )
    )
    if rating == Rating.UNSATISFIED and not second and m.outcome == Outcome.UNIT:
        m.status, m.reopen_count = Status.REOPENED, 1
        _reply_clock(m, m.rated_at)
        events.append(
            (
                "reopen",
                f"不满意，已交{m.unit}重新办理，期限 {m.reply_due:%Y-%m-%d}",
                m.rated_at,
                m.status,
                None,
                True,
            )
        )
        return
    if (today - on).days > 3:
        m.status, m.closed_at = Status.CLOSED, m.rated_at + timedelta(days=1)
        events.append(("close", "已办结", m.closed_at, m.status, None, True))


__all__ = ["Category", "load"]
