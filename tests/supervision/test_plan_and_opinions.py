"""Annual plan, statutory timeline, deliberation opinions → handling report → evaluation → follow-up (domain.md §5.1–5.3)."""

from datetime import date

import pytest

from renda.core import policy
from renda.core.errors import NotPermitted, Refused
from renda.supervision import services
from renda.supervision.choices import FollowStatus, Grade, Kind, OpinionStatus, PlanStatus
from renda.supervision.models import FollowUp, Opinion, SupervisionPolicy


def test_report_dates_are_counted_back_from_the_meeting(report_item):
    # domain.md §5.1 监督法第十五条: 20 / 10 / 7 days before the meeting
    assert report_item.draft_due == date(2026, 6, 6)
    assert report_item.final_due == date(2026, 6, 16)
    assert report_item.members_due == date(2026, 6, 19)
    notes = [d.note for d in services.plan.timeline(report_item)]
    assert "前 20 日" in notes[0] and "监督法第十五条" in notes[0]


def test_timeline_follows_the_bodys_policy(report_item, standing_committee, staff):
    # domain.md §5.2: local rules differ; the numbers are policy data
    services.plan.save_policy(standing_committee, {"final_days": 15}, by=staff)
    item = services.plan.reschedule(report_item, meeting_date=date(2026, 6, 26), by=staff)
    assert item.final_due == date(2026, 6, 11)
    assert policy.resolve(SupervisionPolicy, standing_committee).final_days == 15


def test_meeting_outside_the_plan_year_is_refused(plan, staff):
    with pytest.raises(Refused) as exc:
        services.plan.add_item(plan, kind=Kind.INSPECTION, title="x", meeting_date=date(2027, 1, 5), by=staff)
    assert exc.value.code == "meeting_outside_year"


def test_empty_plan_cannot_be_published_and_a_full_one_is(plan, report_item, staff):
    # domain.md §5.1 监督法第六十三条: adopted and published
    p = services.plan.publish_plan(plan, by=staff)
    assert p.status == PlanStatus.PUBLISHED and p.published_at


def test_only_staff_write_the_plan(plan, leader):
    with pytest.raises(NotPermitted):
        services.plan.add_item(plan, kind=Kind.RESEARCH, title="调研", by=leader)


def test_opinion_chain_unsatisfied_starts_a_followup(report_item, unit, unit_user, staff):
    # domain.md §5.1 监督法第十七条 and §5.2 Henan Art. 11: handling report within 3 months
    o = services.opinions.draft(
        report_item,
        text="加快推进老旧小区改造，解决加装电梯难题。",
        unit=unit,
        by=staff,
        on=date(2026, 6, 26),
    )
    assert o.send_due is not None
    o = services.opinions.send(o, by=staff, on=date(2026, 7, 1))
    assert o.status == OpinionStatus.SENT and o.report_due == date(
        2026, 10, 8
    )  # 10-01 falls in the National Day holiday
    o = services.opinions.submit_report(o, text="已完成改造 12 个小区。", by=unit_user)
    assert o.status == OpinionStatus.REPORTED
    o = services.opinions.evaluate(
        o, grade=Grade.UNSATISFIED, source="满意 5 / 基本满意 3 / 不满意 9，实到 17 人", by=staff
    )
    assert o.status == OpinionStatus.UNSATISFIED
    f = FollowUp.objects.get(object_id=str(o.pk), content_type__model="opinion")
    assert f.status == FollowStatus.OPEN and f.due and f.unit == unit
    # the re-report goes back to evaluation
    o = services.opinions.submit_report(o, text="整改后再报告", by=unit_user)
    assert o.status == OpinionStatus.REPORTED and o.round == 2


def test_other_units_handler_cannot_report(report_item, unit, other_unit, staff):
    from renda.core.roles import Role
    from tests.factories.core import UnitUserFactory

    o = services.opinions.send(
        services.opinions.draft(report_item, text="意见内容足够长", unit=unit, by=staff), by=staff
    )
    intruder = UnitUserFactory(username="other", role=Role.UNIT_HANDLER, unit=other_unit)
    with pytest.raises(Refused) as exc:
        services.opinions.submit_report(o, text="x", by=intruder)
    assert exc.value.code == "not_your_unit"
    assert Opinion.objects.get(pk=o.pk).status == OpinionStatus.SENT


def test_evaluation_before_report_is_refused(report_item, unit, staff):
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    with pytest.raises(Refused) as exc:
        services.opinions.evaluate(o, grade=Grade.SATISFIED, source="x", by=staff)
    assert exc.value.code == "transition_not_allowed"


def test_scan_marks_overdue_and_reminds_once(report_item, unit, unit_user, staff):
    # domain.md §5.2: overdue handling reports are marked and the unit reminded (safe to run twice)
    o = services.opinions.send(
        services.opinions.draft(report_item, text="意见", unit=unit, by=staff), by=staff, on=date(2026, 1, 5)
    )
    first = services.followups.scan(date(2026, 6, 1))
    assert first.marked.get("overdue") == 1 and first.reminders >= 1
    again = services.followups.scan(date(2026, 6, 1))
    assert again.marked == {} and again.reminders == 0
    assert Opinion.objects.get(pk=o.pk).due_state == "overdue"


def test_a_scan_killed_between_the_overdue_mark_and_its_reminders_keeps_neither(
    report_item, unit, unit_user, unit_head, staff, monkeypatch
):
    """domain.md §5.2 (overdue handling reports are marked and the unit reminded) and issue 21: a worker killed
    mid-task loses nothing. The reminders follow a change of mark, so a mark committed without them was never
    sent: now a kill after the first reminder rolls back the mark too, and the next scan does both, once."""
    from renda.notify.models import Notification
    from renda.supervision.services import followups

    o = services.opinions.send(
        services.opinions.draft(report_item, text="意见", unit=unit, by=staff), by=staff, on=date(2026, 1, 5)
    )
    real, calls = followups.notify.send, []

    def dies_on_the_second(user, **kw):
        calls.append(user)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real(user, **kw)

    monkeypatch.setattr(followups.notify, "send", dies_on_the_second)
    with pytest.raises(SystemExit):
        services.followups.scan(date(2026, 6, 1))
    key = f"sv-op-{o.pk}-overdue-{o.report_due}"
    assert Opinion.objects.get(pk=o.pk).due_state == ""
    assert not Notification.objects.filter(dedupe_key=key).exists()
    monkeypatch.setattr(followups.notify, "send", real)
    services.followups.scan(date(2026, 6, 1))
    services.followups.scan(date(2026, 6, 1))
    assert Opinion.objects.get(pk=o.pk).due_state == "overdue"
    assert Notification.objects.filter(dedupe_key=key, user=unit_user).count() == 1
    assert Notification.objects.filter(dedupe_key=key, user=unit_head).count() == 1
    # and the congress office is copied: staff of the standing committee, whose scope covers the plan's body
    # (the unit's own body is the county government side, where no office staff sit)
    assert Notification.objects.filter(dedupe_key=key, user=staff).count() == 1
    assert Notification.objects.filter(dedupe_key=f"sv-op-sent-{o.pk}", user=unit_user).count() == 1


def test_followup_close_and_reopen(report_item, unit, unit_user, staff):
    o = services.opinions.draft(report_item, text="意见", unit=unit, by=staff)
    f = services.followups.start(o, body=report_item.plan.body, unit=unit, title="t", origin="测试", by=staff)
    assert (
        services.followups.start(
            o, body=report_item.plan.body, unit=unit, title="t", origin="测试", by=staff
        ).pk
        == f.pk
    )
    f = services.followups.answer(f, text="已整改", by=unit_user)
    with pytest.raises(Refused):
        services.followups.reopen(f, reason="", by=staff)
    f = services.followups.reopen(f, reason="未解决", by=staff)
    assert f.status == FollowStatus.OPEN
    f = services.followups.close(services.followups.answer(f, text="再次整改", by=unit_user), by=staff)
    assert f.status == FollowStatus.CLOSED
