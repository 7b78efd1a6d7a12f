"""Three years of duty acts for the demo deputies: sessions with attendance and leave, group activities,
inspections, individual declarations and suggestions, reports to voters with the voters' evaluation."""

import secrets
from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from .. import services
from ..choices import Channel, LeaveStatus, MeetingStatus, Outcome, Review, Source, Verdict
from ..models import Evaluation, Invitee, LeaveRequest, ReportMeeting
from .ledger import Ledger
from .texts import MEANS, PLACES, TITLES, YEARS


def _day(rng, year: int, today: date) -> date:
    last = min(date(year, 12, 31), today - timedelta(days=1))
    return date(year, 1, 1) + timedelta(days=rng.randrange(0, (last - date(year, 1, 1)).days + 1))


class DemoYears(Ledger):
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
                        if code in ("suggestion", "report_to_voters"):
                            self._rec(
                                m,
                                code,
                                on,
                                title,
                                # No suggestion or report meeting behind a demo record: no source object.
                                source=Source.AUTOMATIC,
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
