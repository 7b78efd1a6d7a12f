"""Screening, motions, hand-over, acceptance and returns (domain.md §1.3 steps 2–5, §1.4)."""

from datetime import timedelta

import pytest

from renda.core import deadlines
from renda.core import policy as resolver
from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.suggestions import services
from renda.suggestions.models import (
    AssignmentStatus,
    Kind,
    MotionDecision,
    NonAcceptance,
    Policy,
    State,
    UnitRole,
)
from tests.factories.core import UnitFactory


def test_non_acceptance_needs_a_listed_reason(submitted, staff):
    # domain.md §1.3 step 2
    with pytest.raises(Refused) as exc:
        services.not_accept(submitted, reason="", by=staff)
    assert exc.value.code == "reason_required"
    services.not_accept(submitted, reason=NonAcceptance.COMPLAINT, by=staff, note="属于申诉，请走信访渠道")
    assert submitted.state == State.NOT_ACCEPTED


def test_convert_to_letter(submitted, staff):
    services.to_letter(submitted, note="属于个人事项", by=staff)
    assert submitted.state == State.LETTER


def test_accept_numbers_the_item_and_counts_the_handover_deadline(submitted, staff):
    # domain.md §1.3 step 3: 5 working days by default (Qingdao)
    services.accept(submitted, by=staff)
    assert submitted.number.endswith("建0001")
    row = deadlines.recipe(submitted, "handover_due")
    assert (row.amount, row.unit) == (5, "working_days") and "§1.3" in row.cite


def test_deputy_cannot_screen(submitted, deputy_user):
    with pytest.raises(NotPermitted):
        services.accept(submitted, by=deputy_user)


def test_staff_of_another_township_cannot_screen(submitted, outsider):
    with pytest.raises(NotPermitted):
        services.accept(submitted, by=outsider)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_motion_review_filed_or_as_suggestion(draft, deputy_user, staff, county):
    # domain.md §1.4: presidium decides 立案 / 转作建议 / 不予立案 with reasons
    Policy.objects.update_or_create(body=county, defaults={"motion_threshold": 1})
    draft.kind = Kind.MOTION
    draft.save()
    services.submit(draft, by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.accept(draft, by=staff)
    assert exc.value.code == "motion_needs_review"
    with pytest.raises(Refused):
        services.review_motion(draft, decision=MotionDecision.AS_SUGGESTION, reasons="", by=staff)
    services.review_motion(draft, decision=MotionDecision.AS_SUGGESTION, reasons="属于具体工作建议", by=staff)
    assert (draft.state, draft.kind) == (State.ACCEPTED, Kind.SUGGESTION)


def test_handover_sets_reply_due_three_months(accepted, staff, unit, other_unit):
    # domain.md §1.1 代表法 Art. 51: reply within 3 months of hand-over
    services.hand_over(accepted, lead=unit, co=[other_unit], by=staff)
    row = deadlines.recipe(accepted, "reply_due")
    assert (row.amount, row.unit, row.start) == (3, "months", accepted.handed_over_on)
    roles = dict(accepted.assignments.values_list("unit_id", "role"))
    assert roles == {unit.pk: UnitRole.LEAD, other_unit.pk: UnitRole.CO}


def test_handover_to_a_unit_of_another_body_is_refused(accepted, staff, township_a):
    foreign = UnitFactory(body=township_a)
    with pytest.raises(Refused) as exc:
        services.hand_over(accepted, lead=foreign, by=staff)
    assert exc.value.code == "unit_not_of_body"
    assert not accepted.assignments.exists()


def test_separate_handling_gives_each_unit_its_part(accepted, staff, unit, other_unit):
    services.hand_over(accepted, separate=[unit, other_unit], by=staff)
    assert set(accepted.assignments.values_list("role", flat=True)) == {UnitRole.SEPARATE}


def test_units_never_hand_over_themselves(accepted, unit_user, other_unit):
    # domain.md §1.3 step 5: 不得自行转办
    with pytest.raises(NotPermitted):
        services.hand_over(accepted, lead=other_unit, by=unit_user)


def test_return_within_deadline_and_reassign(handed_over, unit_user, staff, county):
    # domain.md §1.3 step 5
    services.request_return(handed_over, reason="属于交通部门职责", by=unit_user)
    a = handed_over.assignments.get(unit=unit_user.unit)
    third = UnitFactory(body=county, name="县城市管理局")
    services.approve_return(handed_over, assignment_id=a.pk, reassign_to=third, by=staff)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.RETURNED
    assert handed_over.assignments.get(unit=third).role == UnitRole.LEAD
    assert handed_over.state == State.HANDED_OVER


def test_return_after_deadline_is_refused_and_audited(handed_over, unit_user, login):
    a = handed_over.assignments.get(unit=unit_user.unit)
    a.return_due = a.assigned_on - timedelta(days=1)
    a.save()
    client = login(unit_user)
    resp = client.post(f"/work/suggestions/{handed_over.pk}/act/request_return/", {"reason": "不属于我单位"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.status == AssignmentStatus.PENDING
    assert AuditEntry.objects.filter(object_id="return_deadline_passed").exists()


def test_lead_returned_without_reassignment_goes_back_to_handover(handed_over, unit_user, staff):
    services.request_return(handed_over, reason="不属于本单位", by=unit_user)
    a = handed_over.assignments.get(unit=unit_user.unit)
    services.approve_return(handed_over, assignment_id=a.pk, by=staff)
    assert handed_over.state == State.ACCEPTED


def test_refused_return_keeps_the_unit(handed_over, unit_user, staff):
    services.request_return(handed_over, reason="不属于本单位", by=unit_user)
    a = handed_over.assignments.get(unit=unit_user.unit)
    services.refuse_return(handed_over, assignment_id=a.pk, reason="属于住建职责", by=staff)
    a.refresh_from_db()
    assert a.status == AssignmentStatus.PENDING


def test_all_units_signing_moves_to_handling(handling):
    assert handling.state == State.HANDLING


def test_motion_thresholds_default_by_level(county, township_a, standing_committee):
    # domain.md §1.2: township 5, county 10, standing committee members 3
    assert resolver.resolve(Policy, township_a).motion_threshold == 5
    assert resolver.resolve(Policy, county).motion_threshold == 10
    assert resolver.resolve(Policy, standing_committee).motion_threshold == 3
