"""The demo generator's planner: takes each item along the legal path, stopping at today, and keeps the
plan in memory; `demo_gen.Gen` writes it. Used by demo.py; see its docstring."""

from datetime import date, datetime, time, timedelta
from random import Random

from django.utils import timezone

from renda.core import calendar
from renda.core import policy as resolver
from renda.core.models import Unit
from renda.deputies.choices import MandateStatus
from renda.deputies.models import Mandate

from .demo_topics import TOPICS, UNSATISFIED_REASONS
from .models import (
    Kind,
    MotionDecision,
    NonAcceptance,
    Period,
    Policy,
    State,
    Suggestion,
)


class Planner:
    def __init__(self, county, today: date, seed: int):
        self.rng = Random(seed)
        self.today = today
        self.cal = calendar.Calendar()
        self.body = county.county
        self.policy = resolver.resolve(Policy, self.body)
        self.units = list(Unit.objects.filter(body=self.body, active=True))
        # Units differ: some answer late and leave deputies unsatisfied more often, so rankings mean something.
        self.quality = {u.pk: self.rng.uniform(0.55, 1.0) for u in self.units}
        self.acc = county.accounts
        self.townships = [t.short_name or t.name[:3] for t in county.townships] or ["城关镇"]
        self.mandates = list(
            Mandate.objects.filter(body=self.body, status=MandateStatus.ACTIVE).select_related("person")
        )
        self.demo_mandate = next(
            (m for m in self.mandates if m.person.user_id == self.acc["deputy"].pk), None
        )
        self.items: list[Suggestion] = []
        self.plan: dict[int, dict] = {}
        self.deadlines: list[tuple] = []

    def unit(self, keyword: str) -> Unit | None:
        return next((u for u in self.units if keyword and keyword in u.name), None)

    def wd(self, d: date, n: int) -> date:
        return calendar.add_working_days(d, n, cal=self.cal).due

    def months(self, d: date, n: int) -> date:
        return calendar.add_months(d, n, cal=self.cal).due

    # ---- planning one item along the legal path, stopping at today ----
    def plan_item(self, year: int, i: int, lead: Mandate, *, force: str = "") -> None:
        rng, p = self.rng, self.policy
        unit_kw, co_kw, title, facts, proposals = rng.choice(TOPICS)
        lead_unit = self.unit(unit_kw) or rng.choice(self.units)
        if force == "housing":
            unit_kw, co_kw, title, facts, proposals = rng.choice(
                [t for t in TOPICS if t[0] == "住房和城乡建设"]
            )
            lead_unit = self.unit(unit_kw)
        t, place = (
            rng.choice(self.townships),
            rng.choice(["幸福", "和平", "东风", "新华", "长岭", "枫树", "石门"]),
        )
        fill = {"t": t, "p": place, "c": "青山县"}
        session = rng.random() < 0.62
        sub = (
            date(year, 1, rng.randint(8, 16))
            if session
            else date(year, rng.randint(2, 11), rng.randint(1, 28))
        )
        if force:
            sub = self.today - timedelta(
                days={
                    "replied": 80,
                    "handling": 40,
                    "housing": 30,
                    "handed_over": 6,
                    "accepted": 3,
                    "submitted": 1,
                    "overdue": 130,
                    "rehandling": 75,
                }[force]
            )
            session = False
        if year == self.today.year and not session and not force:
            # This year's interim items lean towards recent months, so every stage has items in progress.
            sub = self.today - timedelta(days=int(rng.triangular(1, 300, 25)))
        if sub > self.today:
            sub = self.today - timedelta(days=rng.randint(1, 20))
        kind = Kind.MOTION if rng.random() < 0.015 else Kind.SUGGESTION
        item = Suggestion(
            body=self.body,
            kind=kind,
            period=Period.SESSION if session else Period.INTERIM,
            year=sub.year,
            title=title.format(**fill)[:120],
            facts=facts.format(**fill),
            proposals=proposals.format(**fill),
            lead=lead,
            card_number=lead.card_number or "—",
            contact=lead.person.phone or "0792-0000000",
            private=rng.random() < 0.05,
            created_by_id=lead.person.user_id or self.acc["staff"].pk,
            submitted_at=office_hour(sub, 9),
            state=State.SUBMITTED,
        )
        ev = [
            ("create_draft", "起草", "", "", sub, lead.person.user_id),
            ("submit", "提交", "draft", "submitted", sub, lead.person.user_id),
        ]
        plan = {
            "force": force,
            "item": item,
            "events": ev,
            "assign": [],
            "replies": [],
            "contacts": [],
            "promises": [],
            "cos": [],
            "escalation": None,
        }
        if kind == Kind.MOTION:
            plan["cos"] = rng.sample([m for m in self.mandates if m.pk != lead.pk], 10)
        elif rng.random() < 0.35:
            plan["cos"] = rng.sample([m for m in self.mandates if m.pk != lead.pk], rng.randint(1, 4))
        self.items.append(item)
        self.plan[id(item)] = plan
        if force == "submitted":
            return
        # screening (§1.3 step 2)
        acc_on = date(year, 1, 20) if session else self.wd(sub, rng.randint(1, 3))
        if acc_on > self.today:
            return
        roll = rng.random()
        if not force and roll < 0.05:
            item.state, item.non_acceptance = State.NOT_ACCEPTED, rng.choice(NonAcceptance.values)
            item.decision_note = "经审查，不作为代表建议受理，退回代表。"
            ev.append(
                (
                    "not_accept",
                    f"不予受理：{NonAcceptance(item.non_acceptance).label}",
                    "submitted",
                    "not_accepted",
                    acc_on,
                    self.acc["staff"].pk,
                )
            )
            return
        if not force and roll < 0.07:
            item.state, item.decision_note = State.LETTER, "属于个人诉求，转作代表来信处理。"
            ev.append(("to_letter", "转作代表来信处理", "submitted", "letter", acc_on, self.acc["staff"].pk))
            return
        item.state, item.accepted_on = State.ACCEPTED, acc_on
        if kind == Kind.MOTION:  # the presidium's review decision (§1.4), as review_motion records it
            item.motion_decision, item.decision_note = (
                MotionDecision.FILED,
                "经议案审查委员会审查，决定立案。",
            )
        item.handover_due = self.wd(acc_on, p.handover_days)
        self.deadlines.append(
            (item, "handover_due", acc_on, p.handover_days, "working_days", item.handover_due)
        )
        ev.append(
            (
                "file_motion" if kind == Kind.MOTION else "accept",
                "议案立案" if kind == Kind.MOTION else "受理登记",
                "submitted",
                "accepted",
                acc_on,
                self.acc["staff"].pk,
            )
        )
        if force == "accepted":
            return
        # hand-over (§1.3 steps 3–4)
        ho = date(year, 2, 26) if session else self.wd(acc_on, rng.choice([2, 3, 4, 5, 5, 7]))
        if ho > self.today:
            return
        item.state, item.handed_over_on = State.HANDED_OVER, ho
        co = self.unit(co_kw) if co_kw and rng.random() < 0.7 else None
        separate = co is not None and rng.random() < 0.15
        parts = [(lead_unit, "separate" if separate else "lead")] + (
            [(co, "separate" if separate else "co")] if co else []
        )
        if not force and rng.random() < 0.04:
            wrong = rng.choice([u for u in self.units if u not in (lead_unit, co)])
            plan["assign"].append(
                {
                    "unit": wrong,
                    "role": "lead",
                    "status": "returned",
                    "on": ho,
                    "reason": "该事项不属于本单位职责范围。",
                }
            )
            ev.append(("hand_over", "交办", "accepted", "handed_over", ho, self.acc["staff"].pk))
            ev.append(("request_return", f"{wrong}申请退回", "", "", self.wd(ho, 3), str(wrong)))
            ev.append(("approve_return", "同意退回", "", "", self.wd(ho, 4), self.acc["staff"].pk))
            ho = self.wd(ho, 4)
            item.handed_over_on = ho
        ext = rng.choice([1, 2, 3]) if rng.random() < 0.06 else 0
        item.extended_months = ext
        item.reply_due = self.months(ho, p.reply_months + ext)
        self.deadlines.append((item, "reply_due", ho, p.reply_months + ext, "months", item.reply_due))
        plan["reply_due1"] = item.reply_due
        ev.append(
            (
                "hand_over",
                "交办",
                "accepted" if not plan["assign"] else "",
                "handed_over" if not plan["assign"] else "",
                ho,
                self.acc["staff"].pk,
            )
        )
        signed = self.wd(ho, rng.randint(1, 3))
        for unit, role in parts:
            plan["assign"].append(
                {
                    "unit": unit,
                    "role": role,
                    "status": "accepted" if signed <= self.today and force != "handed_over" else "pending",
                    "on": ho,
                    "signed": signed,
                }
            )
        if signed > self.today or force == "handed_over":
            return
        item.state = State.HANDLING
        ev.append(
            ("accept_assignment", f"{lead_unit}签收", "handed_over", "handling", signed, str(lead_unit))
        )
        c1 = self.wd(signed, rng.randint(2, 12))
        if c1 <= self.today:
            plan["contacts"].append((lead_unit, "before", c1, rng.choice(["phone", "face", "visit"])))
        if ext:
            ev.append(
                (
                    "decide_extension",
                    f"同意{lead_unit}延期{ext}个月",
                    "",
                    "",
                    self.wd(ho, 40),
                    self.acc["staff"].pk,
                )
            )
        # reply (§1.3 steps 7–8)
        q = self.quality[lead_unit.pk]
        plan["q"] = q
        late = rng.random() < 0.02 + 0.35 * (1 - q)
        span = (item.reply_due - ho).days
        rep_on = ho + timedelta(
            days=rng.randint(span + 3, span + 40) if late else rng.randint(25, max(30, span - 3))
        )
        if force == "housing":
            plan["draft_only"] = lead_unit
            ev.append(
                (
                    "draft_reply",
                    f"{lead_unit}拟写第1轮答复（B类），报负责人审核",
                    "",
                    "",
                    self.today,
                    self.acc["handler"].pk,
                )
            )
            return
        if force == "rehandling":
            rep_on = min(rep_on, self.today - timedelta(days=30))
        if force == "replied":
            rep_on = self.today - timedelta(days=3)
        if rep_on > self.today or force in ("handling", "overdue"):
            if c1 + timedelta(days=30) <= self.today:
                plan["contacts"].append((lead_unit, "during", c1 + timedelta(days=30), "visit"))
            return
        self._reply_round(plan, parts, 1, rep_on)

    def _reply_round(self, plan: dict, parts, rnd: int, rep_on: date) -> None:
        rng, item, ev, p = self.rng, plan["item"], plan["events"], self.policy
        q = plan.get("q", 0.8)
        weights = [25 + 50 * q, 30, 10 + 15 * (1 - q), 3 + 12 * (1 - q)]
        klass = rng.choices("ABCD", weights=weights)[0]
        replying = [(u, r) for u, r in parts if r != "co"]
        for unit, _role in replying:
            k = klass if unit == replying[0][0] else rng.choices("ABCD", weights=weights)[0]
            plan["replies"].append({"unit": unit, "round": rnd, "class": k, "on": rep_on})
            ev.append(
                (
                    "approve_reply",
                    f"{unit}第{rnd}轮答复（{k}类）经负责人签发",
                    "",
                    "",
                    rep_on,
                    self.acc["unithead"].pk if unit == self.unit("住房和城乡建设") else f"{unit}负责人",
                )
            )
        ev[-1] = (*ev[-1][:2], "handling" if rnd == 1 else "rehandling", "replied", *ev[-1][4:])
        item.state = State.REPLIED
        item.feedback_due = self.wd(rep_on, p.feedback_days)
        self.deadlines.append(
            (item, "feedback_due", rep_on, p.feedback_days, "working_days", item.feedback_due)
        )
        if klass in "BC" and rnd == 1:
            due = rep_on + timedelta(days=rng.randint(90, 450))
            plan["promises"].append(
                (
                    replying[0][0],
                    f"{'年内完成' if klass == 'B' else '分步实施'}：{item.title[2:-3]}",
                    due,
                    due if due < self.today and rng.random() < 0.8 else None,
                )
            )
        # feedback (§1.3 step 9)
        r = rng.random()
        if r < 0.05:  # never rated: reminded, then excluded
            remind = item.feedback_due
            lapse = self.wd(remind, p.reminder_grace_days)
            if remind <= self.today:
                item.feedback_reminded_on = remind
                ev.append(("remind_feedback", "催告代表评价", "", "", remind, None))
            if lapse < self.today:
                item.state, item.unrated = State.EVALUATED, True
                plan["unrated_round"] = rnd
                ev.append(
                    ("lapse_feedback", "经催告逾期未评价，不计入满意率", "replied", "evaluated", lapse, None)
                )
                self._maybe_close(plan, lapse)
            return
        eval_on = rep_on + timedelta(days=rng.randint(3, 18))
        forced = plan.get("force")
        if eval_on > self.today or forced == "replied" or (forced == "rehandling" and rnd == 2):
            return
        unhappy = rng.random() < ((0.01 + 0.22 * (1 - q)) if rnd == 1 else 0.35) or (
            forced == "rehandling" and rnd == 1
        )
        if forced == "rehandling":
            eval_on = rep_on + timedelta(days=5)
        result = (
            "unsatisfied"
            if unhappy
            else rng.choices(["satisfied", "basically"], weights=[40 + 50 * q, 25])[0]
        )
        attitude = rng.choices(
            ["satisfied", "basically", "unsatisfied"], weights=[60 + 30 * q, 15, 4 * (1 - q)]
        )[0]
        if attitude == "unsatisfied":
            unhappy, result = True, result if result != "satisfied" else "basically"
        for rep in [x for x in plan["replies"] if x["round"] == rnd]:
            rep["eval"] = (attitude, result, rng.choice(UNSATISFIED_REASONS) if unhappy else "", eval_on)
        if not unhappy:
            item.state = State.EVALUATED
            ev.append(
                (
                    "evaluate",
                    f"代表评价：态度{_r(attitude)}，结果{_r(result)}",
                    "replied",
                    "evaluated",
                    eval_on,
                    item.lead.person.user_id,
                )
            )
            c3 = eval_on + timedelta(days=2)
            if c3 <= self.today:
                plan["contacts"].append((replying[0][0], "after", c3, "face"))
            self._maybe_close(plan, eval_on)
            return
        if rnd == 1:
            item.state, item.round = State.REHANDLING, 2
            item.reply_due = self.months(eval_on, p.rehandle_months)
            self.deadlines.append((item, "reply_due", eval_on, p.rehandle_months, "months", item.reply_due))
            ev.append(
                (
                    "evaluate",
                    "代表评价：结果不满意，重新办理",
                    "replied",
                    "rehandling",
                    eval_on,
                    item.lead.person.user_id,
                )
            )
            rep2 = eval_on + timedelta(days=rng.randint(12, 35))
            if rep2 <= self.today and forced != "rehandling":
                self._reply_round(plan, [x for x in parts if x[1] != "co"], 2, rep2)
            return
        item.state = State.ESCALATED
        ev.append(
            (
                "evaluate",
                "代表再次不满意，提请评估会商",
                "replied",
                "escalated",
                eval_on,
                item.lead.person.user_id,
            )
        )
        esc_on = eval_on + timedelta(days=15)
        if esc_on <= self.today:
            plan["escalation"] = esc_on
            ev.append(("record_escalation", "登记代表与承办单位会商", "", "", esc_on, self.acc["staff"].pk))
            self._maybe_close(plan, esc_on)

    def _maybe_close(self, plan: dict, after: date) -> None:
        close_on = after + timedelta(days=self.rng.randint(10, 60))
        open_promise = any(done is None for *_x, done in plan["promises"])
        if close_on < self.today and not open_promise:
            item = plan["item"]
            before = item.state
            item.state, item.closed_on = State.CLOSED, close_on
            plan["events"].append(("close", "办结", before, "closed", close_on, self.acc["staff"].pk))


def _r(v: str) -> str:
    return {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}[v]


def office_hour(d: date, hour: int) -> datetime:
    """A plausible office hour on `d`, never later than now (events of today must not lie in the future)."""
    return min(timezone.make_aware(datetime.combine(d, time(hour % 24, 0))), timezone.now())
