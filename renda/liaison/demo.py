"""Demo step: a year of liaison work in the demo county, written through the services as the office would.

Every standing-committee member linked to about 18 county deputies (the "deputy" account to the leader), a
year of contacts leaving some deputies uncontacted; meetings with officials in each state; the year's
committee sittings with deputies invited in rotation, attendance and speeches; a liaison officer per township
and two for units; courses (new deputies, topics) with attendance and one about to start; this year's
activity plan with its notices; three professional-group research topics; every station against "六有".
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from random import Random

from django.db import transaction
from django.utils import timezone

from renda.core import demo as core_demo

DAY = timedelta(days=1)


@core_demo.register(50, "联系代表")
@transaction.atomic
def load(county: core_demo.DemoCounty) -> None:
    from renda.deputies.choices import CURRENT_STATUSES
    from renda.deputies.models import Mandate

    staff = county.accounts.get("staff")
    if staff is None:
        return
    rng = Random(20261203)
    today = timezone.localdate()
    sc, congress = county.standing_committee, county.county
    mandates = list(
        Mandate.objects.filter(body=congress, status__in=CURRENT_STATUSES, person__user__isnull=False)
        .select_related("person__user")
        .order_by("pk")
    )
    if not mandates:
        return
    _links(sc, staff, mandates, county, rng, today)
    _meetings(congress, staff, mandates, county, rng, today)
    _sittings(sc, staff, mandates, rng, today)
    _officers(sc, staff, county, today)
    _training(sc, staff, mandates, county, today)
    _plan(sc, staff, mandates, county, rng, today)
    _research(congress, staff, mandates, rng, today)
    _stations(congress, staff, county, rng)
    from . import demo_area

    demo_area.load(county, today)


def _past(rng: Random, today: date, *, lo: int = 5, hi: int = 300) -> date:
    day = today - timedelta(days=rng.randrange(lo, hi))
    return max(day, date(today.year, 1, 16))


def _links(sc, staff, mandates, county, rng, today) -> None:
    from renda.meetings.selectors import members_of

    from . import services
    from .choices import ContactKind

    members = list(members_of(sc, voting_only=False))
    seated = {u.pk for u in members}
    pool = [m for m in mandates if m.person.user_id not in seated]
    deputy = county.accounts.get("deputy")
    leader = county.accounts.get("leader")
    own = [m for m in pool if deputy is not None and m.person.user_id == deputy.pk]
    rest = [m for m in pool if m not in own]
    groups: dict[int, list] = {u.pk: [] for u in members}
    if leader is not None and leader.pk in groups:
        groups[leader.pk] += own
    # 90 % of the deputies get a member; the rest show up as "未确定联系人" on the coverage page.
    for i, m in enumerate(rest[: int(len(rest) * 0.9)]):
        groups[members[i % len(members)].pk].append(m)
    subjects = (
        "听取对县城停车难问题的意见",
        "了解农村饮水安全工程进展",
        "座谈乡村振兴产业发展",
        "征求对常委会工作要点的意见",
        "走访了解企业用工难问题",
        "听取对义务教育学校布局调整的意见",
    )
    for user in members:
        linked = groups[user.pk]
        if not linked:
            continue
        services.link_many(user, linked, by=staff, on=date(today.year, 1, 15))
        share = 0.85 if user == leader else rng.choice((0.3, 0.5, 0.7, 0.9))
        contacted = [m for m in linked if m in own or rng.random() < share]
        while contacted:
            batch, contacted = contacted[:3], contacted[3:]
            services.record_contact(
                user,
                mandates=batch,
                on=_past(rng, today, hi=320),
                kind=rng.choice(ContactKind.values),
                summary=rng.choice(subjects),
                opinions=rng.choice(
                    ("建议加快项目进度", "希望加强监督检查", "群众反映强烈，建议纳入重点督办", "")
                ),
                by=user,
            )


def _meetings(congress, staff, mandates, county, rng, today) -> None:
    from renda.core.models import Unit

    from . import services
    from .choices import MeetingState
    from .models import OfficialMeeting
    from .services.common import record_duties

    units = list(Unit.objects.filter(body=congress, active=True).order_by("pk")[:6])
    if not units:
        return
    deputy = county.accounts.get("deputy")
    own = next((m for m in mandates if deputy is not None and m.person.user_id == deputy.pk), mandates[0])
    plans = [
        (own, "城区老旧小区雨污分流改造进度", MeetingState.REQUESTED),
        (mandates[5], "农村客运班线停运问题", MeetingState.REQUESTED),
        (mandates[9], "中小学课后服务收费标准", MeetingState.ARRANGED),
        (own, "县城农贸市场改造后摊位分配", MeetingState.HELD),
        (mandates[14], "工业园区企业用电保障", MeetingState.CLOSED),
        (mandates[20], "集镇垃圾中转站选址", MeetingState.CLOSED),
        (mandates[25], "个人住房公积金提取", MeetingState.DECLINED),
    ]
    for k, (lead, topic, state) in enumerate(plans):
        unit = units[k % len(units)]
        others = [mandates[(k * 7 + j) % len(mandates)] for j in (1, 2)]
        row = services.request(
            lead,
            topic=topic,
            unit=unit,
            official="主要负责人",
            reason=f"选民多次反映{topic}，希望当面了解情况并提出建议。",
            others=others,
            by=lead.person.user,
        )
        if state == MeetingState.REQUESTED:
            continue
        if state == MeetingState.DECLINED:
            services.decline(row, reason="该事项已纳入代表建议办理，请关注办理答复", by=staff)
            continue
        if state == MeetingState.ARRANGED:
            when = timezone.make_aware(datetime.combine(today + 6 * DAY, time(9, 30)))
            services.arrange(row, scheduled_at=when, place="县人大常委会三楼会议室", by=staff)
            continue
        held = _past(rng, today, lo=10, hi=200)
        OfficialMeeting.objects.filter(pk=row.pk).update(
            status=MeetingState.HELD,
            scheduled_at=timezone.make_aware(datetime.combine(held, time(9, 30))),
            place="县人大常委会三楼会议室",
            held_on=held,
            minutes=f"代表就{topic}提出三点意见：一是尽快公布时间表；二是听取群众意见；三是定期向代表反馈。",
            commitments="负责人表示一个月内拿出方案，并书面答复代表。",
        )
        row.refresh_from_db()
        record_duties(
            row.mandates.all(),
            code="official_meeting",
            on=held,
            source=row,
            title=f"约见{unit}负责人：{topic}",
        )
        if state == MeetingState.CLOSED:
            services.close(row, follow_up="方案已印发，代表对落实情况表示满意。", by=staff)


def _sittings(sc, staff, mandates, rng, today) -> None:
    from . import services
    from .models import SittingInvitation

    agendas = (
        "审议县人民政府关于国民经济和社会发展计划执行情况的报告",
        "审议县人民政府关于乡村振兴工作情况的报告",
        "审议县人民法院关于执行工作情况的报告",
        "审议县级预算调整方案",
        "审议县人民政府关于生态环境保护工作情况的报告",
        "审议县人民检察院关于公益诉讼工作情况的报告",
        "听取和审议县人民政府关于民生实事项目推进情况的报告",
    )
    first = date(today.year, 1, 20)
    n = 0
    on = first
    while on < today - 3 * DAY and n < 14:
        n += 1
        sitting = services.create_sitting(
            body=sc,
            title=f"县十八届人大常委会第{n + 20}次会议",
            on=on,
            place="县人大常委会会议室",
            agenda=agendas[n % len(agendas)],
            by=staff,
        )
        services.invite_in_rotation(sitting, by=staff)
        invited = list(sitting.invitations.select_related("mandate__person"))
        present = [i.mandate_id for i in invited if rng.random() < 0.85]
        services.record_attendance(sitting, present=present, by=staff)
        for inv in SittingInvitation.objects.filter(sitting=sitting, attended=True).select_related("mandate"):
            if rng.random() < 0.5:
                services.add_speech(
                    inv,
                    subject=agendas[n % len(agendas)][2:20],
                    content=rng.choice(
                        (
                            "建议进一步细化目标任务，明确时间节点",
                            "建议加大资金投入，向农村倾斜",
                            "建议建立常态化监督机制",
                        )
                    ),
                    by=staff,
                )
        on += timedelta(days=rng.choice((28, 35, 42)))
    from django.utils import timezone as tz

    from renda.meetings.liaison_bridge import standing_meetings

    # the next meeting prepared in the meetings app, when there is one: the rotation calls the deputies there
    meeting = standing_meetings(sc).filter(starts_at__gt=tz.now()).order_by("starts_at").first()
    upcoming = services.create_sitting(
        body=sc,
        title="" if meeting else f"县十八届人大常委会第{n + 21}次会议",
        on=None if meeting else today + 9 * DAY,
        place="" if meeting else "县人大常委会会议室",
        agenda="审议县人民政府关于2027年民生实事候选项目的报告",
        meeting=meeting,
        by=staff,
    )
    services.invite_in_rotation(upcoming, by=staff)
    # the demo deputy is invited to the next sitting too, so the phone screen shows the reply buttons
    deputy = next((m for m in mandates if m.person.user.username == "deputy"), None)
    if deputy is not None:
        SittingInvitation.objects.get_or_create(sitting=upcoming, mandate=deputy)


def _officers(sc, staff, county, today) -> None:
    from . import services

    names = ("刘建华", "陈玉兰", "黄志强", "吴秀英", "郑国平", "孙丽萍", "何俊", "罗晓燕", "高德明", "梁淑芬")
    start, end = date(2022, 3, 1), date(2026, 12, 31)
    officers = []
    for i, t in enumerate(county.townships):
        officers.append(
            services.appoint(
                body=sc,
                name=names[i % len(names)],
                township=t,
                position=f"{t.place_name}人大办公室主任",
                phone=f"1390792{i:04d}",
                start_date=start,
                end_date=end,
                # the 城关镇 officer is the township's staff member: their own screen, officers/mine/
                user=county.accounts.get("township") if i == 0 else None,
                by=staff,
            )
        )
    for j, unit in enumerate(county.units[:2]):
        officers.append(
            services.appoint(
                body=sc,
                name=names[(len(officers) + j) % len(names)] + "（单位）",
                unit=unit,
                position=f"{unit}办公室副主任",
                start_date=start,
                end_date=end,
                by=staff,
            )
        )
    for k, o in enumerate(officers):
        services.add_report(
            o,
            kind="report",
            on=date(today.year, 6, 28),
            title="上半年联络工作报告",
            content="上半年组织代表活动 3 次，收集意见建议 12 条，已转交相关部门办理 9 条。",
            by=staff,
        )
        if k % 2 == 0:
            services.add_report(
                o,
                kind="activity",
                on=date(today.year, 9, 12),
                title="组织代表走访困难群众",
                content="组织 6 名代表走访困难群众 20 户，收集意见 8 条。",
                by=staff,
            )


def _training(sc, staff, mandates, county, today) -> None:
    from . import services
    from .choices import CourseLevel

    def at(d: date, h: int) -> datetime:
        return timezone.make_aware(datetime.combine(d, time(h, 0)))

    courses = [
        (
            "新任代表履职能力培训班",
            CourseLevel.NEW_DEPUTY,
            date(today.year, 3, 18),
            6,
            [m for m in mandates if not m.re_elected],
        ),
        ("代表法和监督法专题培训", CourseLevel.TOPIC, date(today.year, 5, 22), 4, mandates[:120]),
        ("预算审查监督专题培训", CourseLevel.TOPIC, date(today.year, 9, 16), 3, mandates[60:180]),
    ]
    for title, level, d, hours, people in courses:
        if d >= today:
            continue
        course = services.create_course(
            body=sc,
            title=title,
            level=level,
            starts_at=at(d, 9),
            ends_at=at(d, 9 + hours),
            place="县委党校报告厅",
            hours=Decimal(hours),
            content="依托县委党校代表培训中心，集中授课与讨论交流相结合。",
            by=staff,
        )
        services.invite(course, mandates=people, by=staff)
        present = [m.pk for i, m in enumerate(people) if i % 9 != 4]
        services.register_attendance(course, present=present, by=staff)
        services.add_material(
            course,
            title=f"{title}讲义",
            text="第一讲 代表的权利和义务；第二讲 如何提出高质量的建议。",
            by=staff,
        )
    # One course starting shortly after the demo loads: its sign-in is open on the deputy's phone.
    start = timezone.now().replace(second=0, microsecond=0) + timedelta(minutes=20)
    soon = services.create_course(
        body=sc,
        title="民生实事项目票决制专题培训",
        level=CourseLevel.TOPIC,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="县人大常委会会议室",
        hours=Decimal(3),
        by=staff,
    )
    deputy = county.accounts.get("deputy")
    invited = mandates[:40] + [m for m in mandates if deputy is not None and m.person.user_id == deputy.pk]
    services.invite(soon, mandates=list({m.pk: m for m in invited}.values()), by=staff)
    services.add_material(
        soon, title="票决制工作流程", text="候选项目征集、代表票决、实施监督、满意度测评。", by=staff
    )


def _plan(sc, staff, mandates, county, rng, today) -> None:
    from . import services
    from .choices import ActivityKind, ActivityState

    plan = services.create_plan(body=sc, year=today.year, title=f"{today.year}年县人大代表活动计划", by=staff)
    rows = [
        (ActivityKind.TRAINING, "新任代表履职能力培训", 3, 18, "县委党校"),
        (ActivityKind.INSPECTION, "视察农村饮水安全工程", 4, 16, "各乡镇"),
        (ActivityKind.RECEPTION, "代表进站接待选民（第二季度）", 5, 15, "各代表联络站"),
        (ActivityKind.RESEARCH, "专题调研营商环境", 6, 12, "县工业园区"),
        (ActivityKind.INSPECTION, "视察防汛抗旱工作", 7, 8, "沿河乡镇"),
        (ActivityKind.GROUP, "代表小组活动：学习代表法", 8, 20, "各代表小组"),
        (ActivityKind.RECEPTION, "代表进站接待选民（第三季度）", 9, 15, "各代表联络站"),
        (ActivityKind.RESEARCH, "专题调研养老服务体系建设", 10, 22, "县民政局"),
        (ActivityKind.INSPECTION, "视察民生实事项目完成情况", 11, 18, "县城"),
        (ActivityKind.RECEPTION, "代表进站接待选民（第四季度）", 12, 5, "各代表联络站"),
        (ActivityKind.INSPECTION, "视察冬季安全生产", 12, 16, "各乡镇"),
        (ActivityKind.GROUP, "代表小组年终述职", 12, 26, "各代表小组"),
    ]
    deputy = county.accounts.get("deputy")
    own = [m for m in mandates if deputy is not None and m.person.user_id == deputy.pk]
    for kind, title, month, day, place in rows:
        start = date(today.year, month, day)
        people = rng.sample(mandates, min(len(mandates), 25)) + own
        act = services.add_activity(
            plan,
            kind=kind,
            title=title,
            start=start,
            end=start + (DAY if kind == ActivityKind.INSPECTION else 0 * DAY),
            place=place,
            mandates=list({m.pk: m for m in people}.values()),
            by=staff,
        )
        if start <= today:
            if rng.random() < 0.1:
                services.record_outcome(
                    act, state=ActivityState.CANCELLED, outcome="因汛期调整，并入下季度活动", by=staff
                )
            else:
                services.record_outcome(
                    act,
                    state=ActivityState.HELD,
                    outcome=f"{rng.randrange(18, 40)} 名代表参加，收集意见 {rng.randrange(5, 30)} 条",
                    by=staff,
                )
    # Notices due by today go out now (the daily scan does this every morning).
    services.notify_due(on=today)
    # Last year's plan, carried out and summed up at year end.
    last = services.create_plan(
        body=sc, year=today.year - 1, title=f"{today.year - 1}年县人大代表活动计划", by=staff
    )
    for k, (kind, title, month, day, place) in enumerate(rows[::2]):
        act = services.add_activity(
            last, kind=kind, title=title, start=date(today.year - 1, month, day), place=place, by=staff
        )
        held = k != 3
        services.record_outcome(
            act,
            state=ActivityState.HELD if held else ActivityState.CANCELLED,
            outcome="按计划开展" if held else "与市人大活动时间冲突，取消",
            by=staff,
        )
    services.close_plan(
        last,
        summary="全年计划活动 6 项，开展 5 项，取消 1 项；代表参加活动 160 余人次，收集意见建议 90 条。",
        on=date(today.year - 1, 12, 28),
        by=staff,
    )


def _research(congress, staff, mandates, rng, today) -> None:
    from renda.deputies.models import ProfessionalGroup
    from renda.suggestions.models import Suggestion
    from renda.suggestions.models.choices import State

    from . import services
    from .services import research

    topics = (
        ("农村人居环境整治长效机制", "走访农户和保洁公司", "建立村庄保洁经费保障机制"),
        ("县域医共体建设", "座谈县人民医院和乡镇卫生院", "推动优质医疗资源下沉"),
        ("农产品品牌建设", "调研合作社和电商企业", "打造县域公共品牌"),
    )
    groups = list(ProfessionalGroup.objects.filter(body=congress).order_by("pk"))
    for k, (title, act_title, proposal) in enumerate(topics):
        if not groups:
            return
        group = groups[k % len(groups)]
        team = list({m.pk: m for m in rng.sample(mandates, 6)}.values())
        topic = services.create_topic(
            group=group, year=today.year, title=title, lead=team[0], members=team[1:], by=staff
        )
        for j in range(3):
            research.add_activity(
                topic,
                on=_past(rng, today, lo=20, hi=250),
                title=f"{act_title}（第{j + 1}次）",
                place="相关乡镇",
                participants=rng.sample(team, 4),
                findings="基层反映经费不足、人员不稳定，群众满意度有待提高。",
                by=staff,
            )
        led = list(
            Suggestion.objects.filter(body=congress, lead__in=team).exclude(
                state__in=[State.DRAFT, State.WITHDRAWN]
            )[:2]
        )
        research.add_report(
            topic,
            title=f"关于{title}的调研报告",
            submitted_on=today - timedelta(days=15 + k * 20),
            summary=f"经过三次调研，建议{proposal}，并纳入明年常委会监督工作计划。",
            suggestions=led,
            by=staff,
        )


def _stations(congress, staff, county, rng) -> None:
    from renda.deputies.models import Station

    from . import services

    items = services.ensure_standard(congress)
    activities = next(i for i in items if i.code == "activities")
    all_facilities = ["标识牌", "接待区", "会议区", "展示区", "活动台账"]
    all_rules = ["接待制度", "意见处理制度", "学习制度"]
    for k, st in enumerate(
        Station.objects.filter(body__path__startswith=congress.path, active=True).order_by("pk")
    ):
        if st.kind == "online":
            continue
        full = k % 3 == 0
        facilities = all_facilities if full else [f for f in all_facilities if rng.random() < 0.75]
        rules = all_rules if full else [r for r in all_rules if rng.random() < 0.7]
        services.save_profile(
            st,
            area=rng.choice((120, 150, 200)) if full else rng.choice((60, 90, 110, 130)),
            facilities=facilities,
            rules=rules,
            by=staff,
        )
        met = full or rng.random() < 0.6
        services.check(
            st, item=activities, met=met, note="" if met else "活动台账不全，近三个月无接待记录", by=staff
        )
