"""Demo step, second half: budget data and warnings, appraisals, hearings, projects, filings, case review, matters."""

from datetime import date, timedelta
from decimal import Decimal

from . import services
from .choices import (
    AppraisalKind,
    EventKind,
    Grade,
    HearingStatus,
    Kind,
    MatterStatus,
    ProjectStatus,
)
from .demo_texts import BUDGET_ITEMS, FILINGS, MATTERS, PROJECTS, QUESTIONS
from .models import (
    Appraisal,
    Appraisee,
    CaseReview,
    Event,
    FollowUp,
    Hearing,
    Line,
    Matter,
    Milestone,
    Month,
    Project,
    Score,
)

YEAR = 2026


def _unit_users():
    from renda.core.models import User
    from renda.core.roles import UNIT_ROLES

    return User.objects.filter(role__in=UNIT_ROLES).exclude(unit=None)


def _budget(sc, staff, units, rng):
    lines, months = [], []
    for u in units:
        for k, (cat, name) in enumerate(BUDGET_ITEMS):
            budget = Decimal(rng.randrange(200, 3000) * 1000)
            lines.append(
                Line(
                    body=sc,
                    year=YEAR,
                    unit=u,
                    code=f"{u.pk:03d}-{k + 1:02d}",
                    name=f"{u.name.removeprefix('青山县')}{name}",
                    category=cat,
                    budget=budget,
                )
            )
    lines.append(
        Line(
            body=sc,
            year=YEAR,
            unit=units[7],
            code="RES-01",
            name="本级预备费",
            category="reserve",
            budget=Decimal(4_000_000),
        )
    )
    Line.objects.bulk_create(lines)
    for ln in Line.objects.filter(body=sc, year=YEAR):
        pattern = rng.random()
        share = [Decimal(1) / 12] * 11
        if ln.category == "reserve":
            share = [Decimal(0)] * 5 + [Decimal("0.05")] * 6
        elif pattern < 0.05:
            share = [Decimal("0.02")] * 11  # lagging badly (B14 red)
        elif pattern < 0.15 and ln.category == "project":
            share = [Decimal(0)] * 3 + [Decimal("0.09")] * 8  # zero Q1 (B11)
        elif pattern < 0.2:
            share = [Decimal("0.055")] * 11  # lagging (B14 yellow)
        elif ln.category == "three_public" and pattern > 0.93:
            share = [Decimal("0.1")] * 11  # over budget by November (B12)
        for m, s in enumerate(share, start=1):
            months.append(
                Month(
                    line=ln,
                    month=m,
                    amount=(ln.budget * s * Decimal(rng.uniform(0.85, 1.15))).quantize(Decimal("0.01")),
                )
            )
    Month.objects.bulk_create(months, batch_size=5000)
    fin = next((u for u in units if u.name.endswith("县财政局")), units[0])
    ev = [
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ISSUE_DEPT,
            unit=units[3],
            base_on=date(YEAR, 1, 20),
            done_on=date(YEAR, 2, 28),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ISSUE_DEPT,
            unit=units[4],
            base_on=date(YEAR, 1, 20),
            done_on=date(YEAR, 2, 5),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ISSUE_UNIT,
            unit=units[5],
            base_on=date(YEAR, 2, 8),
            done_on=date(YEAR, 3, 10),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.TRANSFER_SPECIAL,
            title="省级农业产业发展专项资金",
            base_on=date(YEAR, 4, 1),
            done_on=date(YEAR, 7, 2),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.RESERVE_USE,
            unit=units[12],
            amount=Decimal(800_000),
            approved=False,
            title="应急抢险",
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ADJUSTMENT,
            unit=fin,
            amount=Decimal(30_000_000),
            approved=False,
            purpose="增加举借债务",
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ADJUSTMENT,
            unit=units[9],
            amount=Decimal(1_200_000),
            approved=False,
            purpose="项目调剂",
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.ADJUSTMENT_DRAFT,
            base_on=date(YEAR, 8, 26),
            done_on=date(YEAR, 8, 10),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.SURPLUS_USE,
            amount=Decimal(5_000_000),
            purpose="弥补公用经费缺口",
        ),
        Event(body=sc, year=YEAR, kind=EventKind.CARRYOVER, unit=units[10], amount=Decimal(650_000), years=2),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.CASH,
            unit=units[14],
            amount=Decimal(120_000),
            limit=Decimal(50_000),
            purpose="会议费",
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.CASH,
            unit=units[15],
            amount=Decimal(20_000),
            limit=Decimal(50_000),
            purpose="个人账户",
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.MIDYEAR_REPORT,
            base_on=date(YEAR, 8, 26),
            done_on=date(YEAR, 8, 26),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.DRAFT_BUDGET,
            base_on=date(YEAR, 1, 18),
            done_on=date(YEAR, 1, 2),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.FINAL_ISSUE,
            unit=units[6],
            base_on=date(YEAR, 7, 1),
            done_on=date(YEAR, 8, 8),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.DEBT,
            amount=Decimal(2_150_000_000),
            limit=Decimal(2_100_000_000),
        ),
        Event(
            body=sc,
            year=YEAR,
            kind=EventKind.PROCUREMENT,
            unit=units[16],
            approved=False,
            title="办公设备采购化整为零",
        ),
    ]
    Event.objects.bulk_create(ev)
    services.budget.run(sc, YEAR, as_of=11, by=staff, today=date(YEAR, 12, 1))
    handler = {u.unit_id: u for u in _unit_users()}
    from .models import Warning

    for n, w in enumerate(Warning.objects.filter(body=sc, year=YEAR).order_by("id")):
        if n % 3 == 0 and w.unit_id in handler:
            w = services.budget.act(
                w, "explain", text="项目实施方案调整，资金将于年底前按进度拨付。", by=handler[w.unit_id]
            )
            if n % 6 == 0:
                services.budget.act(w, "close", text="经线下核实，情况属实，已督促加快执行。", by=staff)
        elif n % 3 == 0 and w.unit_id:
            services.budget.act(w, "track", text="请书面说明原因并报告整改情况。", by=staff)


def _appraisals(sc, staff, units, items, rng, fake):
    item = next(i for i in items if i.kind == Kind.APPRAISAL)
    a = Appraisal.objects.create(
        body=sc, item=item, year=YEAR, title=f"{YEAR}年县政府组成部门工作评议", kind=AppraisalKind.DEPARTMENT
    )
    D = Decimal
    services.appraisal.set_sheet(
        a,
        criteria=[
            ("依法行政", D(30), D(100)),
            ("履职成效", D(40), D(100)),
            ("办理代表建议和审议意见", D(20), D(100)),
            ("作风建设", D(10), D(100)),
        ],
        groups=[
            ("常委会组成人员", D(40)),
            ("人大代表", D(30)),
            ("服务对象问卷", D(20)),
            ("单位履职数据", D(10)),
        ],
        by=staff,
    )
    crit, groups = list(a.criteria.all()), list(a.groups.all())
    scores = []
    for u in units:
        apart = u.kind in ("court", "procuratorate", "enterprise")
        p = Appraisee.objects.create(appraisal=a, unit=u, list_name="政府工作部门", ranked=not apart)
        base = rng.uniform(72, 95)
        for g in groups:
            for c in crit:
                scores.append(
                    Score(
                        appraisee=p,
                        group=g,
                        criterion=c,
                        value=D(str(round(min(100, base + rng.uniform(-6, 6)), 1))),
                    )
                )
    Score.objects.bulk_create(scores)
    a.locked = True
    a.save(update_fields=["locked"])
    services.appraisal.compute(a, by=staff)
    services.appraisal.publish(a, by=staff)
    for p in a.appraisees.filter(ranked=True).order_by("-rank")[:3]:
        services.appraisal.rectify(
            p, title=f"{p.unit.name}：针对评议中代表反映的问题制定整改方案并报告", by=staff
        )
    b = Appraisal.objects.create(
        body=sc,
        item=item,
        year=YEAR,
        title=f"{YEAR}年县人大常委会任命人员述职评议",
        kind=AppraisalKind.OFFICIAL,
    )
    services.appraisal.set_sheet(
        b,
        criteria=[
            ("德", D(20), D(100)),
            ("能", D(25), D(100)),
            ("勤", D(20), D(100)),
            ("绩", D(25), D(100)),
            ("廉", D(10), D(100)),
        ],
        groups=[("常委会组成人员", D(60)), ("人大代表", D(40))],
        by=staff,
    )
    crit, groups = list(b.criteria.all()), list(b.groups.all())
    scores = []
    people = []
    for k, u in enumerate([u for u in units if u.kind == "government"][:10]):
        p = Appraisee.objects.create(
            appraisal=b,
            unit=u,
            person=fake.name(),
            post=f"{u.name.removeprefix('青山县')}局长"
            if u.name.endswith("局")
            else f"{u.name.removeprefix('青山县')}主任",
        )
        people.append(p)
        base = 58 if k == 7 else rng.uniform(78, 94)
        for g in groups:
            for c in crit:
                scores.append(
                    Score(
                        appraisee=p, group=g, criterion=c, value=D(str(round(base + rng.uniform(-4, 4), 1)))
                    )
                )
    Score.objects.bulk_create(scores)
    b.locked = True
    b.save(update_fields=["locked"])
    services.appraisal.compute(b, by=staff)
    services.appraisal.publish(b, by=staff)


def _hearings(sc, staff, units, items):
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
    for n, (asker, text, unit, who) in enumerate(
        (
            (
                "常委会委员 黄建华",
                "城区主干道早晚高峰拥堵加剧，交通信号配时优化工作进展如何？",
                "县公安局",
                "县公安局副局长",
            ),
            (
                "常委会委员 林芳",
                "城区停车位缺口有多大？新建停车场项目为何进度滞后？",
                "县城市管理局",
                "县城市管理局局长",
            ),
            (
                "县人大代表 何志强",
                "公交线路覆盖不足，新建小区居民出行不便，何时增开线路？",
                "县交通运输局",
                "县交通运输局局长",
            ),
        )
    ):
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


def _other(sc, staff, units, rng):
    for n, (title, unit, budget) in enumerate(PROJECTS):
        selected = n < 10
        p = Project.objects.create(
            body=sc,
            year=YEAR,
            title=title,
            unit=units[unit],
            budget=Decimal(budget),
            status=ProjectStatus.SELECTED if selected else ProjectStatus.NOT_SELECTED,
            votes=rng.randint(150, 210) if selected else rng.randint(60, 120),
            summary=f"{title}，计划{YEAR}年底前完成。",
        )
        if selected:
            progress = rng.choice([100, 100, 95, 80, 60, 100, 90, 75, 100, 50])
            p.progress, p.spent = progress, (Decimal(budget) * progress / 100).quantize(Decimal("0.01"))
            p.status = ProjectStatus.DONE if progress == 100 else ProjectStatus.SELECTED
            p.rating = Grade.SATISFIED if progress >= 90 else (Grade.BASIC if progress >= 70 else "")
            p.save()
            for k, (label, month) in enumerate((("开工", 3), ("主体完工", 8), ("竣工验收", 11))):
                done = date(YEAR, month, 15) if progress >= (k + 1) * 33 else None
                Milestone.objects.create(
                    project=p, title=label, due=date(YEAR, month, 30 if month != 2 else 28), done_on=done
                )
    for title, unit, budget in PROJECTS[3:15]:
        Project.objects.create(
            body=sc,
            year=YEAR + 1,
            title=f"{title}（二期）",
            unit=units[unit],
            budget=Decimal(budget) * Decimal("0.8"),
        )
    for n, title in enumerate(FILINGS):
        pub = date(YEAR, 1 + n, 10) if n < 11 else date(YEAR, 11, 20)
        filed = None if n == 10 else pub + timedelta(days=20 if n % 4 else 41)
        f = services.other.file_document(
            sc,
            title=title,
            number=f"青政规〔{YEAR}〕{n + 1}号",
            unit=units["县政府办公室"],
            published_on=pub,
            filed_on=filed,
            by=staff,
        )
        if filed and n < 9:
            f = services.other.filing_step(f, "check", by=staff, on=filed + timedelta(days=5))
            f = services.other.filing_step(f, "review", by=staff, on=filed + timedelta(days=8))
            if n % 3 == 0:
                f = services.other.filing_step(f, "pass", by=staff, on=filed + timedelta(days=50))
            elif n == 4:
                f = services.other.filing_step(
                    f,
                    "require_correction",
                    finding="第十二条设定的罚款超出上位法规定幅度",
                    by=staff,
                    on=filed + timedelta(days=40),
                )
                services.other.filing_step(
                    f, "corrected", finding="制定机关已修改相关条款", by=staff, on=filed + timedelta(days=60)
                )
            elif n == 7:
                services.other.filing_step(
                    f,
                    "require_correction",
                    finding="增设了上位法没有规定的审批条件",
                    by=staff,
                    on=filed + timedelta(days=30),
                )
    for unit, cases, score in (
        ("县人民法院", 260, 91.5),
        ("县人民检察院", 180, 93.2),
        ("县公安局", 196, 88.4),
        ("县司法局", 48, 90.1),
    ):
        CaseReview.objects.create(
            body=sc,
            year=YEAR,
            unit=units[unit],
            cases=cases,
            score=Decimal(str(score)),
            reviewers="法制委员会委员、法律专业代表、律师代表共 12 人",
            criteria={
                "事实认定": round(score + 1, 1),
                "证据采信": round(score - 2, 1),
                "法律适用": round(score, 1),
                "程序规范": round(score - 1, 1),
            },
            flawed=cases // 25,
            opinions=rng.randint(4, 8),
            findings="个别案件文书说理不充分；少数案件超审限；卷宗归档不够规范。",
        )
    for n, (title, proposer) in enumerate(MATTERS):
        Matter.objects.create(
            body=sc,
            title=title,
            proposer=proposer,
            proposed_on=date(YEAR, 2 + n * 3, 10),
            decided_on=date(YEAR, 2 + n * 3, 28) if n < 3 else None,
            decision="会议经表决，决定批准。" if n < 3 else "",
            status=[
                MatterStatus.TRACKED,
                MatterStatus.DECIDED,
                MatterStatus.CLOSED,
                MatterStatus.DELIBERATING,
            ][n],
        )


def _satisfaction_poll(sc, staff):
    """An open satisfaction vote on a reported opinion, so members can vote on their phones (renda.voting)."""
    from .models import Opinion
    from .services import votes

    o = Opinion.objects.filter(item__plan__body=sc, status="reported").first()
    if o is None or not votes.available():
        return
    try:
        poll = votes.open_rating(
            body=sc,
            title=f"满意度测评：{o.item.title}",
            subject=o,
            electorate=votes.electorate_of(sc),
            by=staff,
        )
    except Exception:
        return
    Opinion.objects.filter(pk=o.pk).update(poll_id=poll.pk)
