"""Demo step: three years (2024–today) of duty records for every demo deputy, bulk-created.

A realistic spread: about 8 % very active, most average, about 15 % inactive (they fall into the poor band and
get talk cases; two county deputies missed two congress sessions and carry the Art. 62 flag). Sessions, group
activities and inspections are organised activities with attendance; the rest are declarations (a few still
waiting for review), suggestions accepted, and reports to voters with the voters' evaluation.
"""

import secrets
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from django.db import transaction
from django.utils import timezone

from renda.core import demo as core_demo

from . import services
from .choices import Channel, LeaveStatus, MeetingStatus, Outcome, Review, Source, Verdict
from .models import (
    Activity,
    Award,
    DutyRecord,
    DutyType,
    Evaluation,
    Invitee,
    LeaveRequest,
    ReportMeeting,
    TypePoints,
)

YEARS = (2024, 2025, 2026)
# Mean acts a year of an average deputy, by type (declared or automatic; sessions and groups come from activities).
MEANS = {
    "training": 1.6,
    "reception_day": 2.0,
    "voter_contact": 7.0,
    "research": 1.0,
    "practical_project": 1.2,
    "publicity": 1.4,
    "speech": 1.5,
    "suggestion": 2.0,
    "inspection": 1.0,
}
TITLES = {
    "training": [
        "参加{county}人大代表履职能力提升培训班",
        "参加市人大代表专题学习班",
        "参加代表小组集中学习《代表法》",
    ],
    "reception_day": ["在{place}代表联络站接待选民", "参加{place}选民接待日活动"],
    "voter_contact": [
        "走访{place}联系户，听取意见",
        "到{place}了解群众对道路改造的意见",
        "走访{place}困难群众",
    ],
    "research": [
        "参加{place}农村人居环境整治专题调研",
        "参加养老服务体系建设专题调研",
        "参加义务教育阶段课后服务调研",
    ],
    "practical_project": [
        "协调解决{place}路灯安装问题",
        "推动{place}饮水安全改造",
        "协调{place}农贸市场排水改造",
    ],
    "publicity": ["在《{county}通讯》发表履职体会文章", "接受县融媒体中心采访宣传代表工作"],
    "speech": ["在常委会会议上就预算执行情况发言", "在代表小组会议上就乡村振兴发言"],
    "suggestion": [
        "关于加快{place}老旧小区改造的建议",
        "关于完善{place}公共交通线路的建议",
        "关于加强农村饮用水安全的建议",
    ],
    "inspection": ["视察{place}重点项目建设", "视察城区污水处理厂运行情况"],
}
PLACES = [
    "城南社区",
    "城北村",
    "柳溪村",
    "白沙社区",
    "石桥村",
    "龙泉村",
    "桃源社区",
    "凤岭村",
    "东城社区",
    "南湖社区",
]


def _day(rng: Random, year: int, today: date) -> date:
    last = min(date(year, 12, 31), today - timedelta(days=1))
    return date(year, 1, 1) + timedelta(days=rng.randrange(0, (last - date(year, 1, 1)).days + 1))


@core_demo.register(40, "代表履职")
def load(county: core_demo.DemoCounty) -> None:
    from renda.deputies.models import Mandate

    rng = Random(20261125)
    today = timezone.localdate()
    staff = county.accounts.get("staff")
    bodies = [county.county, *county.townships]
    with transaction.atomic():
        for b in bodies:
            services.ensure_types(b)
            for y in YEARS:
                # All five items of "五个一" (domain.md §3.3 Xiangzhou), the yearly report to voters included.
                services.ruleset_for(b, y)
        types = {(t.body_id, t.code): t for t in DutyType.objects.filter(body__in=bodies)}
        points = {
            (tp.ruleset.body_id, tp.ruleset.year, tp.duty_type_id): tp.points
            for tp in TypePoints.objects.filter(ruleset__body__in=bodies).select_related("ruleset")
        }
        mandates = list(Mandate.objects.filter(body__in=bodies).select_related("person", "body"))
        deputy_user = county.accounts.get("deputy")
        level = {}
        for m in mandates:
            roll = rng.random()
            level[m.pk] = (
                1.0
                if m.person.user_id == getattr(deputy_user, "pk", None)
                else (
                    rng.uniform(1.5, 2.2)
                    if roll < 0.08
                    else rng.uniform(0.1, 0.45)
                    if roll < 0.22
                    else rng.uniform(0.88, 1.25)
                )
            )
        art62 = [
            m for m in mandates if m.body_id == county.county.pk and level[m.pk] < 0.45 and m.end_date is None
        ][:2]
        ctx = _Ctx(rng, today, staff, types, points, level, county.county.short_name or "青山县")
        for b in bodies:
            members = [m for m in mandates if m.body_id == b.pk]
            for year in YEARS:
                ctx.session(b, members, year, force_absent=art62 if year in (2025, 2026) else [])
                ctx.groups(b, members, year)
                if b.pk == county.county.pk:
                    ctx.inspections(b, members, year)
            ctx.individual(members)
        ctx.flush()
        LeaveRequest.objects.bulk_create(ctx.leaves, batch_size=2000)
        ctx.reports(county.townships[:4], [m for m in mandates if m.body_id != county.county.pk])
        ctx.upcoming(county.county, [m for m in mandates if m.body_id == county.county.pk], deputy_user)
        Award.objects.bulk_create(
            Award(
                mandate=m,
                on=date(y, 12, 20),
                title="优秀人大代表",
                issuer=f"{m.body.short_name or m.body}人大",
            )
            for y in (2024, 2025)
            for m in rng.sample([m for m in mandates if level[m.pk] > 1.4], 6)
        )
        for m in art62:
            services.check_art62(m)
        for b in bodies:
            for y in YEARS:
                services.evaluate_year(b, y, today=today, by=staff)
        _close_past(today, staff)


def _close_past(today: date, staff) -> None:
    """Past years' talks were held and followed up; past minimum flags lapsed with the year."""
    from .choices import TalkStatus, TriggerKind, TriggerStatus
    from .models import TalkCase, Trigger

    TalkCase.objects.filter(trigger__year__lt=today.year).update(
        status=TalkStatus.CLOSED,
        held_on=date(today.year, 1, 20),
        talked_by="县人大常委会代表工作委员会主任",
        content="通报上年度履职积分和等次，了解未参加活动的原因，提醒代表依法履职。",
        commitments="按时参加代表小组活动，每季度至少走访一次联系户。",
        follow_up="已按承诺参加本年度代表小组活动。",
    )
    Trigger.objects.filter(year__lt=today.year, status=TriggerStatus.OPEN).exclude(
        kind=TriggerKind.ART62
    ).update(
        status=TriggerStatus.ACTED, decided_by=staff, decided_at=timezone.now(), decision_note="已约谈并跟踪"
    )


class _Ctx:
    def __init__(self, rng, today, staff, types, points, level, county_name):
        self.rng, self.today, self.staff, self.types, self.points = rng, today, staff, types, points
        self.level, self.county_name = level, county_name
        self.rows: list[tuple] = []
        self.now = timezone.now()
        self.leaves: list[LeaveRequest] = []

    def _rec(
        self,
        m,
        code: str,
        on: date,
        title: str,
        *,
        source: str,
        outcome: str = Outcome.ATTENDED,
        status: str = Review.APPROVED,
        activity=None,
        source_type: str = "",
        source_id: str = "",
        evidence_text: str = "",
        reject_reason: str = "",
        reviewed: bool = False,
        by_staff: bool = False,
    ) -> bool:
        if not m.held_on(on) or on >= self.today:
            return False
        t = self.types[(m.body_id, code)]
        pts = {Outcome.ABSENT: Decimal(-5), Outcome.LEAVE: Decimal(-1) if t.is_session else Decimal(0)}.get(
            outcome, self.points.get((m.body_id, on.year, t.pk), t.default_points)
        )
        staff_id = self.staff.pk if self.staff else None
        self.rows.append(
            (
                m.pk,
                m.body_id,
                t.pk,
                on,
                on.year,
                title[:200],
                "",
                source,
                source_type,
                source_id,
                activity.pk if activity else None,
                outcome,
                status,
                pts,
                "",
                evidence_text,
                staff_id if reviewed else None,
                self.now if reviewed else None,
                reject_reason,
                staff_id if by_staff else None,
                self.now,
            )
        )
        return True

    def flush(self) -> None:
        """Insert the ledger in one executemany: ~100,000 rows in seconds, where bulk_create takes ten times
        as long building model instances."""
        from django.db import connection

        ops = connection.ops
        cols = (
            "mandate_id",
            "body_id",
            "duty_type_id",
            "on",
            "year",
            "title",
            "note",
            "source",
            "source_type",
            "source_id",
            "activity_id",
            "outcome",
            "status",
            "points",
            "evidence",
            "evidence_text",
            "reviewed_by_id",
            "reviewed_at",
            "reject_reason",
            "created_by_id",
            "created_at",
        )
        now = ops.adapt_datetimefield_value(self.now)
        rows = [
            (
                *r[:3],
                ops.adapt_datefield_value(r[3]),
                *r[4:13],
                ops.adapt_decimalfield_value(r[13], 6, 2),
                *r[14:17],
                now if r[17] else None,
                r[18],
                r[19],
                now,
            )
            for r in self.rows
        ]
        table = DutyRecord._meta.db_table
        sql = (
            f"INSERT INTO {ops.quote_name(table)} ({', '.join(ops.quote_name(c) for c in cols)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(cols))})"
        )
        with connection.cursor() as cur:
            for i in range(0, len(rows), 5000):
                cur.executemany(sql, rows[i : i + 5000])

    def _activity(self, body, code, title, start, end, members, convener=""):
        act = Activity.objects.create(
            body=body,
            duty_type=self.types[(body.pk, code)],
            title=title,
            start=start,
            end=end,
            location=f"{body.short_name or body}会议中心",
            convener=convener,
            attendance_taken=start < self.today,
            created_by=self.staff,
        )
        Activity.participants.through.objects.bulk_create(
            Activity.participants.through(activity_id=act.pk, mandate_id=m.pk)
            for m in members
            if m.held_on(start)
        )
        return act

    def session(self, body, members, year, force_absent):
        start = date(year, 1, 8 if body.level == "county" else 15) + timedelta(days=self.rng.randrange(0, 20))
        n = {2024: "三", 2025: "四", 2026: "五"}[year]
        title = f"{body.short_name or body}第十八届人民代表大会第{n}次会议"
        act = self._activity(body, "congress_session", title, start, start + timedelta(days=2), members)
        for m in members:
            lv = self.level[m.pk]
            roll = self.rng.random()
            if m in force_absent or roll < (0.04 if lv < 0.5 else 0.0):
                outcome = Outcome.ABSENT
            elif roll < (0.25 if lv < 0.5 else 0.04):
                outcome = Outcome.LEAVE
            else:
                outcome = Outcome.ATTENDED
            if (
                self._rec(
                    m,
                    "congress_session",
                    start,
                    title,
                    source=Source.ACTIVITY,
                    activity=act,
                    outcome=outcome,
                    by_staff=True,
                )
                and outcome == Outcome.LEAVE
            ):
                self.leaves.append(
                    LeaveRequest(
                        mandate=m,
                        activity=act,
                        reason=self.rng.choice(["因病住院", "外出学习", "家中有事"]),
                        approver="常委会主任会议" if body.level == "county" else "乡镇人大主席团",
                        approver_cite="domain.md §3.1: 会前书面请假（浙江 Art. 46）",
                        status=LeaveStatus.APPROVED,
                        requested_on=start - timedelta(days=3),
                        decided_by=self.staff,
                    )
                )

    def groups(self, body, members, year):
        by_group = defaultdict(list)
        for m in members:
            if m.group_id:
                by_group[m.group_id].append(m)
        from renda.deputies.models import DeputyGroup

        names = dict(DeputyGroup.objects.filter(pk__in=list(by_group)).values_list("pk", "name"))
        for gid, people in by_group.items():
            for q in range(4):  # Shandong: county and township groups meet ≥ 4 times a year
                start = date(year, 3 * q + 1, 10) + timedelta(days=self.rng.randrange(0, 60))
                if start >= self.today:
                    continue
                title = f"{names[gid]}第{q + 1}季度活动"
                act = self._activity(
                    body, "group_activity", title, start, start, people, convener="代表小组组长"
                )
                for m in people:
                    if self.rng.random() < min(0.95, 0.7 * self.level[m.pk]):
                        self._rec(
                            m,
                            "group_activity",
                            start,
                            title,
                            source=Source.ACTIVITY,
                            activity=act,
                            by_staff=True,
                        )

    def inspections(self, body, members, year):
        for i in range(3):
            start = date(year, 4 + 2 * i, 12)
            if start >= self.today:
                continue
            title = self.rng.choice(TITLES["inspection"]).format(
                place=self.rng.choice(PLACES), county=self.county_name
            )
            people = self.rng.sample(members, min(25, len(members)))
            act = self._activity(
                body,
                "inspection",
                f"常委会组织代表{title}",
                start,
                start,
                people,
                convener="县人大常委会办公室",
            )
            for m in people:
                if self.rng.random() < min(0.95, 0.8 * self.level[m.pk]):
                    self._rec(
                        m, "inspection", start, act.title, source=Source.ACTIVITY, activity=act, by_staff=True
                    )

    def individual(self, members):
        rng = self.rng
        for m in members:
            lv = self.level[m.pk]
            for year in YEARS:
                for code, mean in MEANS.items():
                    if code == "inspection" and m.body.level == "county":
                        continue
                    n = max(0, round(rng.gauss(mean * lv, 0.4 + 0.3 * mean * lv)))
                    for _ in range(n):
                        on = _day(rng, year, self.today)
                        title = rng.choice(TITLES[code]).format(
                            place=rng.choice(PLACES), county=self.county_name
                        )
                        if code == "suggestion":
                            self._rec(
                                m,
                                code,
                                on,
                                title,
                                source=Source.AUTOMATIC,
                                source_type="demo.suggestion",
                                source_id=secrets.token_hex(8),
                            )
                            continue
                        recent = (self.today - on).days < 40
                        status = (
                            Review.PENDING
                            if recent and rng.random() < 0.12
                            else (Review.REJECTED if rng.random() < 0.03 else Review.APPROVED)
                        )
                        self._rec(
                            m,
                            code,
                            on,
                            title,
                            source=Source.DECLARED,
                            status=status,
                            evidence_text="附现场照片及签到表（纸质材料存代表工作室）",
                            reject_reason="佐证材料不足，请补充现场照片" if status == Review.REJECTED else "",
                            reviewed=status != Review.PENDING,
                        )

    def reports(self, townships, members):
        rng = self.rng
        for i, t in enumerate(townships):
            people = [m for m in members if m.body_id == t.pk and m.end_date is None]
            if not people:
                continue
            on = date(2025, 11, 5 + i) if i < 3 else self.today
            m = ReportMeeting.objects.create(
                body=t,
                title=f"{t.short_name or t}人大代表向选民述职评议会",
                on=on,
                place=f"{t.short_name or t}文化活动中心",
                min_voters=50,
                token=secrets.token_urlsafe(16),
                created_by=self.staff,
                status=MeetingStatus.PUBLISHED if i < 3 else MeetingStatus.HELD,
                published_at=timezone.now() if i < 3 else None,
            )
            reporting = rng.sample(people, min(4, len(people)))
            m.mandates.set(reporting)
            Invitee.objects.bulk_create(
                Invitee(meeting=m, name=f"选民代表{k + 1:02d}", place=rng.choice(PLACES), attended=k < 56)
                for k in range(60)
            )
            evals = []
            for d in reporting:
                lv = self.level[d.pk]
                for k in range(56 if i < 3 else 20):
                    roll = rng.random() * (0.6 + 0.4 * min(lv, 1.5))
                    verdict = (
                        Verdict.SATISFIED
                        if roll > 0.35
                        else Verdict.BASIC
                        if roll > 0.12
                        else Verdict.UNSATISFIED
                    )
                    evals.append(
                        Evaluation(
                            meeting=m,
                            mandate=d,
                            verdict=verdict,
                            channel=Channel.PHONE if k % 3 == 0 else Channel.PAPER,
                            ballot=f"demo-{k}" if k % 3 == 0 else "",
                        )
                    )
                if i < 3:
                    services.record_automatic(
                        d, duty_type_code="report_to_voters", on=on, source=m, title=m.title
                    )
            Evaluation.objects.bulk_create(evals)

    def upcoming(self, county_body, members, deputy_user):
        """One activity next month for the demo deputy to ask leave for."""
        start = self.today + timedelta(days=12)
        people = [m for m in members if m.person.user_id == getattr(deputy_user, "pk", None)]
        people += self.rng.sample([m for m in members if m not in people], 20)
        self._activity(
            county_body,
            "law_enforcement",
            "常委会执法检查《中华人民共和国食品安全法》实施情况",
            start,
            start + timedelta(days=1),
            people,
            convener="县人大常委会教科文卫工委",
        )
