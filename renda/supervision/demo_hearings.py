"""Demo, online hearings: the September television hearing (8 questions rated, 2 unsatisfied → 督办), today's
live special inquiry, and next quarter's hearing collecting questions."""

from datetime import date

from . import services
from .choices import Grade, HearingStatus, Kind
from .demo_texts import LIVE_QUESTIONS, QUESTIONS
from .models import FollowUp, Hearing

YEAR = 2026


def load(sc, staff, units, items) -> None:
    item = next(i for i in items if i.kind == Kind.INQUIRY and "问政" in i.title)
    h = Hearing.objects.create(
        body=sc,
        item=item,
        title=f"{YEAR}年电视网络问政",
        held_on=date(YEAR, 9, 26),
        place="县广播电视台演播厅",
    )
    for n, (asker, deputy, text, unit) in enumerate(QUESTIONS):
        q = services.hearing.propose(h, asker=asker, text=text, from_deputy=deputy, unit=units.get(unit))
        services.hearing.accept(
            q, unit=units[unit], answerer=f"{unit.removeprefix('县')}主要负责人", order=n + 1, by=staff
        )
        services.hearing.start_question(q, by=staff)
        grade = Grade.UNSATISFIED if n in (1, 5) else (Grade.BASIC if n % 3 == 0 else Grade.SATISFIED)
        services.hearing.rate(q, grade=grade, source="代表现场测评（有效票 86）", by=staff)
    services.hearing.end(h, by=staff)
    for n, f in enumerate(FollowUp.objects.filter(origin="网络问政不满意")):
        services.followups.answer(
            f, text="已制定整改方案，完成第一阶段整改。", by=staff, on=date(YEAR, 11, 10)
        )
        if n == 0:
            services.followups.close(f, by=staff, on=date(YEAR, 11, 20))
    inquiry = next(i for i in items if i.kind == Kind.INQUIRY and "交通" in i.title)
    live = Hearing.objects.create(
        body=sc,
        item=inquiry,
        title="专题询问：城区交通拥堵治理",
        held_on=date(YEAR, 12, 3),
        place="县人大常委会会议室",
        answer_minutes=6,
    )
    for n, (asker, text, unit, who) in enumerate(LIVE_QUESTIONS):
        q = services.hearing.propose(live, asker=asker, text=text, from_deputy=True, unit=units[unit])
        services.hearing.accept(q, unit=units[unit], answerer=who, order=n + 1, by=staff)
        if n < 2:
            services.hearing.start_question(q, by=staff)
        if n == 0:
            services.hearing.rate(
                q, grade=Grade.BASIC, source="现场测评：满意 7 / 基本满意 6 / 不满意 2", by=staff
            )
    h2 = Hearing.objects.create(
        body=sc,
        title=f"{YEAR + 1}年第一季度网络问政（问题征集中）",
        held_on=date(YEAR + 1, 1, 20),
        place="县广播电视台演播厅",
        status=HearingStatus.COLLECTING,
    )
    services.hearing.propose(
        h2, asker="孙女士", text="县城新建小区配套学校什么时候能投入使用？孩子上学要跑很远。"
    )
    services.hearing.propose(
        h2,
        asker="钱代表",
        text="冬季农村电网电压不稳，部分村组经常跳闸，供电部门如何解决？",
        from_deputy=True,
        unit=units.get("国网青山县供电公司"),
    )
