"""Demo step: three years of suggestions of the 青山县 congress in every state, with replies, ratings, contacts,
promises, priority supervision and publications. Rows are bulk-created along a simulated legal path (the
services would write an audit entry per step and take minutes); deadlines keep their "how counted" recipes.

The demo accounts see their own part: `deputy` leads items in every deputy-facing state, `handler`/`unithead`
(the housing bureau) have items to sign, reply and approve, `staff` has queues, `leader` has supervision.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from renda.core import demo as core_demo
from renda.core import policy as resolver

from .demo_gen import Gen as _Gen
from .demo_topics import SUPERVISION_THEMES
from .models import (
    Assignment,
    Kind,
    MotionDecision,
    Policy,
    Publication,
    Reply,
    State,
    Suggestion,
    Supervision,
)
from .services import cosign, create_draft, review_motion, submit
from .services.publication import scrub

PER_YEAR = (150, 170, 190)


def _supervise_and_publish(gen: _Gen) -> None:
    leader, staff = gen.acc["leader"], gen.acc["staff"]
    by_year: dict[int, list[Suggestion]] = {}
    for item in gen.items:
        by_year.setdefault(item.year, []).append(item)
    for year, items in by_year.items():
        for theme, kw in gen.rng.sample(SUPERVISION_THEMES, 3):
            picked = [
                i
                for i in items
                if kw in gen.plan[id(i)]["item"].title
                or any(kw in a["unit"].name for a in gen.plan[id(i)]["assign"] if a["role"] == "lead")
            ][:4]
            picked = [
                i
                for i in picked
                if i.state
                not in (
                    State.NOT_ACCEPTED,
                    State.LETTER,
                    State.WITHDRAWN,
                    State.SUBMITTED,
                    State.MOTION_REJECTED,
                )
            ]
            if not picked:
                continue
            sv = Supervision.objects.create(
                body=gen.body,
                year=year,
                theme=theme,
                supervising_leader="李建国（常委会副主任）",
                handling_leader="陈志明（副县长）",
                note="每季度听取一次办理进展汇报。",
                created_by=leader,
            )
            sv.items.set(picked)
            Suggestion.objects.filter(pk__in=[i.pk for i in picked]).update(is_priority=True)
    now = timezone.now()
    pubs = []
    closed = [i for i in gen.items if i.state in (State.CLOSED, State.EVALUATED) and not i.private]
    units = {}
    for a in (
        Assignment.objects.filter(suggestion__in=closed).exclude(status="returned").select_related("unit")
    ):
        units.setdefault(a.suggestion_id, []).append(f"{a.unit}（{a.get_role_display()}）")
    replies = {}
    for r in Reply.objects.filter(suggestion__in=closed, status="sent").select_related("unit", "evaluation"):
        replies.setdefault(r.suggestion_id, []).append(r)
    for item in closed[::2]:
        rs = replies.get(item.pk, [])
        rep = [
            {
                "unit": str(r.unit),
                "round": r.round,
                "class": r.get_reply_class_display(),
                "on": f"{r.sent_on:%Y-%m-%d}",
                "content": scrub(r.content),
            }
            for r in rs
        ]
        rat = [
            {
                "round": r.round,
                "unit": str(r.unit),
                "attitude": r.evaluation.get_attitude_display(),
                "result": r.evaluation.get_result_display(),
            }
            for r in rs
            if hasattr(r, "evaluation")
        ]
        u = "、".join(units.get(item.pk, []))[:300]
        pubs.append(
            Publication(
                suggestion=item,
                body=gen.body,
                year=item.year,
                number=item.number,
                title=item.title,
                deputies=item.lead.person.name,
                facts=scrub(item.facts),
                proposals=scrub(item.proposals),
                units=u,
                replies=rep,
                ratings=rat,
                state_label=State(item.state).label,
                published_at=now,
                by=staff,
                search_text=" ".join([item.title, item.lead.person.name, item.facts, u]),
            )
        )
    Publication.objects.bulk_create(pubs, batch_size=500)
    Suggestion.objects.filter(pk__in=[p.suggestion_id for p in pubs]).update(published_at=now)


def _demo_deputy_items(gen: _Gen, year: int) -> None:
    """The demo deputy's own items: one in each state a deputy acts on."""
    m = gen.demo_mandate
    if m is None:
        return
    for force in ("replied", "handling", "submitted", "accepted"):
        gen.plan_item(year, 0, m, force=force)
    # A draft, and an item of a colleague waiting for the demo deputy's co-signature.
    other = next(x for x in gen.mandates if x.pk != m.pk)
    for lead, state in ((m, State.DRAFT), (other, State.COSIGNING)):
        gen.plan_item(year, 0, lead, force="submitted")
        item = gen.items[-1]
        item.state, item.submitted_at = state, None if state == State.DRAFT else item.submitted_at
        plan = gen.plan[id(item)]
        plan["events"] = (
            plan["events"][:1]
            if state == State.DRAFT
            else [
                *plan["events"][:1],
                (
                    "submit",
                    "提交联名件，待附议代表确认",
                    "draft",
                    "cosigning",
                    gen.today,
                    lead.person.user_id,
                ),
            ]
        )
        plan["cos"] = [m] if state == State.COSIGNING else plan["cos"]


def _rejected_motion(gen: _Gen) -> None:
    """A motion of the demo deputy that the presidium did not file, through the real services, with the
    presidium's last meeting two days ahead: the reconsideration panel (复议, domain.md §1.4) is open."""
    lead = gen.demo_mandate
    policy = resolver.resolve(Policy, gen.body)
    cos = [m for m in gen.mandates if m.pk != getattr(lead, "pk", None) and m.person.user_id][
        : policy.motion_threshold
    ]
    if lead is None or len(cos) < policy.motion_threshold:
        return
    deputy = lead.person.user
    item = create_draft(
        mandate=lead,
        kind=Kind.MOTION,
        by=deputy,
        contact=lead.person.phone or "0792-0000000",
        cosigners=cos,
        title="关于建立全县农村饮用水水源地长效保护机制的议案",
        content="全县农村千人以上集中式饮用水水源地 46 处，其中 19 处尚未划定保护区，部分水源地周边存在养殖和生活污水排放，"
        "群众对饮水安全反映强烈。现行管护责任分散在水利、生态环境、乡镇等多个部门，缺少统一的巡查和考核机制。",
        proposals="一、年内完成全部水源地保护区划定和标识设置；二、建立县乡村三级水源地管护责任制；"
        "三、将水源地水质达标情况纳入乡镇年度考核，并向县人大常委会专项报告。",
    )
    submit(item, by=deputy)
    for m in cos:
        cosign(item, by=m.person.user)
    review_motion(
        item,
        decision=MotionDecision.REJECTED,
        by=gen.acc["staff"],
        reasons="所提事项已列入县政府今年重点工作，宜通过代表建议督促办理，不作为议案立案。",
    )
    if policy.presidium_last_meeting_at is None:
        policy = resolver.own_row(Policy, gen.body)
        policy.presidium_last_meeting_at = timezone.now() + timedelta(days=2)
        policy.save()


@core_demo.register(30, "代表建议")
@transaction.atomic
def build(county) -> None:
    today = timezone.localdate()
    gen = _Gen(county, today, seed=20261125)
    if not gen.mandates:
        return
    years = (today.year - 2, today.year - 1, today.year)
    for year, n in zip(years, PER_YEAR, strict=True):
        for i in range(n):
            gen.plan_item(year, i, gen.rng.choice(gen.mandates))
    for force in (
        "housing",
        "housing",
        "handed_over",
        "handed_over",
        "replied",
        "overdue",
        "overdue",
        "overdue",
        "rehandling",
        "rehandling",
    ):
        gen.plan_item(today.year, 0, gen.rng.choice(gen.mandates), force=force)
    _demo_deputy_items(gen, today.year)
    gen.write()
    _supervise_and_publish(gen)
    _rejected_motion(gen)
