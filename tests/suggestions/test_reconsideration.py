"""Reconsideration of a motion decision (domain.md §1.4: "A majority of the sponsors, and at least 10, may ask
for reconsideration 4 hours before the presidium's last meeting", Shanghai motion rules Art. 14)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from renda.core import policy as resolver
from renda.core.errors import NotPermitted, Refused
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.suggestions import services, workflow
from renda.suggestions.models import (
    Kind,
    MotionDecision,
    Policy,
    Reconsideration,
    ReconsiderationStatus,
    State,
    Suggestion,
)
from renda.suggestions.services.reconsideration import support_needed
from tests.factories.core import UserFactory
from tests.suggestions.conftest import signed_motion


def _meeting_in(county, hours: float, **policy) -> Policy:
    p = resolver.own_row(Policy, county)
    p.presidium_last_meeting_at = timezone.now() + timedelta(hours=hours)
    for k, v in policy.items():
        setattr(p, k, v)
    p.save()
    return p


def _motion(mandate, deputy_user, staff, county, term, *, cosigners: int, decision=MotionDecision.REJECTED):
    item, users = signed_motion(
        mandate,
        deputy_user,
        county,
        term,
        sponsors=cosigners,
        prefix="sponsor",
        title="关于制定青山县河道保护条例的议案",
    )
    services.review_motion(item, decision=decision, reasons="不属于本级人大职权范围", by=staff)
    item.refresh_from_db()
    return item, users


@pytest.fixture
def rejected(mandate, deputy_user, staff, county, term):
    # 12 sponsors (the lead and 11 co-signers): support needed is max(10, a majority of 12 = 7) = 10.
    _meeting_in(county, 48)
    return _motion(mandate, deputy_user, staff, county, term, cosigners=11)


def _snapshot(item: Suggestion) -> tuple:
    item.refresh_from_db()
    rec = Reconsideration.objects.filter(suggestion=item).first()
    return (
        item.state,
        item.kind,
        item.number,
        item.motion_decision,
        item.handover_due,
        item.timeline.count(),
        rec and rec.status,
        rec and rec.supports.count(),
    )


def test_support_needed_is_a_majority_and_at_least_the_minimum(county):
    # domain.md §1.4: a majority of the sponsors, and at least 10
    p = resolver.resolve(Policy, county)
    assert (p.reconsider_min_sponsors, p.reconsider_share_percent, p.reconsider_hours_before) == (10, 50, 4)
    assert [support_needed(n, p) for n in (10, 12, 19, 20, 21, 30)] == [10, 10, 10, 11, 11, 16]
    p.reconsider_min_sponsors, p.reconsider_share_percent = 3, 66
    assert support_needed(6, p) == 4


def test_minimum_defaults_to_the_level_motion_threshold(township_a, county):
    # domain.md §1.2/§1.4: a township motion needs 5 sponsors, so "at least 10" would make it unreachable
    assert resolver.resolve(Policy, township_a).reconsider_min_sponsors == 5
    assert resolver.resolve(Policy, county).reconsider_min_sponsors == 10


def test_reconsideration_with_enough_support_files_the_motion(rejected, deputy_user, staff):
    # domain.md §1.4: lead asks with reasons, sponsors join, the presidium files the motion (立案)
    item, users = rejected
    rec = services.request_reconsideration(item, reasons="该事项属于本级人大立法权限", by=deputy_user)
    assert rec.supports.count() == 1 and rec.sponsors == 12
    for u in users[:9]:
        services.support_reconsideration(item, by=u)
    services.decide_reconsideration(item, outcome="file", reasons="主席团复议决定立案", by=staff)
    item.refresh_from_db()
    rec.refresh_from_db()
    assert item.state == State.ACCEPTED and item.kind == Kind.MOTION
    assert item.motion_decision == MotionDecision.FILED and item.number.endswith("议0001")
    assert item.handover_due is not None and rec.status == ReconsiderationStatus.FILED
    actions = list(item.timeline.values_list("action", flat=True))
    assert actions.count("support_reconsideration") == 9
    assert actions[-1] == "decide_reconsideration" and "request_reconsideration" in actions
    last = item.timeline.last()
    assert (last.state_from, last.state_to) == (State.MOTION_REJECTED, State.ACCEPTED)
    audited = set(
        AuditEntry.objects.filter(action__startswith="suggestion.").values_list("action", flat=True)
    )
    assert {
        "suggestion.request_reconsideration",
        "suggestion.support_reconsideration",
        "suggestion.decide_reconsideration",
    } <= audited


def test_presidium_may_uphold_the_decision(rejected, deputy_user, staff):
    item, users = rejected
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    for u in users[:9]:
        services.support_reconsideration(item, by=u)
    services.decide_reconsideration(item, outcome="uphold", reasons="维持不予立案", by=staff)
    item.refresh_from_db()
    assert item.state == State.MOTION_REJECTED and item.motion_decision == MotionDecision.REJECTED
    assert item.reconsideration.status == ReconsiderationStatus.UPHELD


def test_motion_handled_as_suggestion_can_be_reconsidered_and_renumbered(
    mandate, deputy_user, staff, county, term, unit
):
    # domain.md §1.4: 转作建议 is a decision the sponsors may ask to reconsider; until decided it is not handed over
    _meeting_in(county, 48, reconsider_min_sponsors=3, motion_threshold=3)
    item, users = _motion(
        mandate, deputy_user, staff, county, term, cosigners=3, decision=MotionDecision.AS_SUGGESTION
    )
    assert item.state == State.ACCEPTED and item.number.endswith("建0001")
    services.request_reconsideration(item, reasons="涉及全县规划，应作为议案", by=deputy_user)
    before = _snapshot(item)
    with pytest.raises(Refused) as exc:
        services.hand_over(item, lead=unit, by=staff)
    assert exc.value.code == "reconsideration_pending" and _snapshot(item) == before
    for u in users[:2]:
        services.support_reconsideration(item, by=u)
    services.decide_reconsideration(item, outcome="file", reasons="复议后立案", by=staff)
    item.refresh_from_db()
    assert (item.kind, item.motion_decision, item.state) == (
        Kind.MOTION,
        MotionDecision.FILED,
        State.ACCEPTED,
    )
    assert item.number.endswith("议0001")
    services.hand_over(item, lead=unit, by=staff)


def test_decision_without_enough_support_is_refused_and_changes_nothing(rejected, deputy_user, staff):
    # domain.md §1.4: fewer than a majority / 10 sponsors cannot ask; the refusal says how many are needed
    item, users = rejected
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    for u in users[:2]:
        services.support_reconsideration(item, by=u)
    before = _snapshot(item)
    with pytest.raises(Refused) as exc:
        services.decide_reconsideration(item, outcome="file", reasons="立案", by=staff)
    assert exc.value.code == "reconsideration_too_few_sponsors"
    assert "需要10人" in exc.value.message and "现有3人支持" in exc.value.message
    assert _snapshot(item) == before


def test_motion_with_too_few_sponsors_cannot_ask(mandate, deputy_user, staff, county, term):
    # domain.md §1.4: at least 10 — a motion of 4 sponsors (threshold lowered) can never reach it
    _meeting_in(county, 48, motion_threshold=3)
    item, _ = _motion(mandate, deputy_user, staff, county, term, cosigners=3)
    before = _snapshot(item)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert exc.value.code == "reconsideration_too_few_sponsors"
    assert "需要10人" in exc.value.message and "共4人" in exc.value.message
    assert _snapshot(item) == before and not Reconsideration.objects.exists()


def test_request_after_the_cutoff_is_refused(rejected, deputy_user, county):
    # domain.md §1.4: 4 hours before the presidium's last meeting — 3 hours before is too late
    item, _ = rejected
    _meeting_in(county, 3)
    before = _snapshot(item)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert exc.value.code == "reconsideration_too_late" and "4小时前" in exc.value.message
    assert _snapshot(item) == before


def test_support_after_the_cutoff_is_refused(rejected, deputy_user, county):
    item, users = rejected
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    _meeting_in(county, 4, reconsider_hours_before=6)
    before = _snapshot(item)
    with pytest.raises(Refused) as exc:
        services.support_reconsideration(item, by=users[0])
    assert exc.value.code == "reconsideration_too_late" and _snapshot(item) == before


def test_request_without_a_recorded_meeting_is_refused(rejected, deputy_user, county):
    item, _ = rejected
    Policy.objects.update_or_create(body=county, defaults={"presidium_last_meeting_at": None})
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert exc.value.code == "presidium_meeting_unknown"


def test_request_about_an_earlier_session_is_refused(rejected, deputy_user, county):
    item, _ = rejected
    _meeting_in(county, 24 * 400)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert exc.value.code == "reconsideration_other_session"


def test_a_suggestion_is_not_a_motion(accepted, deputy_user, county):
    _meeting_in(county, 48)
    before = _snapshot(accepted)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(accepted, reasons="理由", by=deputy_user)
    assert exc.value.code == "not_a_motion" and "不是议案" in exc.value.message
    assert _snapshot(accepted) == before


def test_request_in_the_wrong_state_is_refused(rejected, deputy_user, staff, unit):
    # domain.md §1.4: once a filed motion is handed over there is nothing left to reconsider
    item, users = rejected
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    for u in users[:9]:
        services.support_reconsideration(item, by=u)
    services.decide_reconsideration(item, outcome="file", reasons="立案", by=staff)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="再议", by=deputy_user)
    assert exc.value.code == "no_decision_to_reconsider"
    services.hand_over(item, lead=unit, by=staff)
    with pytest.raises(Refused) as exc:
        services.support_reconsideration(item, by=users[10])
    assert exc.value.code == "transition_not_allowed" and "不能“联名支持复议”" in exc.value.message


def test_lapsed_motion_has_no_decision_to_reconsider(mandate, deputy_user, staff, county, term):
    # domain.md §1.4 (Art. 13): a motion that lapsed after withdrawals was not decided by the presidium
    _meeting_in(county, 48)
    item, users = signed_motion(mandate, deputy_user, county, term, sponsors=9, prefix="w", title="议案")
    services.withdraw_support(item, by=users[0])
    assert item.state == State.MOTION_REJECTED
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert exc.value.code == "no_decision_to_reconsider"


def test_only_the_lead_asks_only_sponsors_join_only_staff_decide(
    rejected, deputy_user, staff, county, outsider
):
    item, users = rejected
    with pytest.raises(NotPermitted) as exc:
        services.request_reconsideration(item, reasons="理由", by=users[0])
    assert exc.value.code == "not_lead_deputy"
    with pytest.raises(NotPermitted) as exc:
        services.request_reconsideration(item, reasons="理由", by=staff)
    assert exc.value.code == "role_not_allowed"
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="  ", by=deputy_user)
    assert exc.value.code == "reason_required"
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration(item, reasons="再次", by=deputy_user)
    assert exc.value.code == "reconsideration_exists"
    stranger = UserFactory(username="stranger", role=Role.DEPUTY, body=county)
    with pytest.raises(NotPermitted) as exc:
        services.support_reconsideration(item, by=stranger)
    assert exc.value.code == "not_sponsor"
    services.support_reconsideration(item, by=users[0])
    with pytest.raises(Refused) as exc:
        services.support_reconsideration(item, by=users[0])
    assert exc.value.code == "already_supported"
    before = _snapshot(item)
    with pytest.raises(NotPermitted) as exc:
        services.decide_reconsideration(item, outcome="file", reasons="立案", by=outsider)
    assert exc.value.code == "out_of_scope" and _snapshot(item) == before
    with pytest.raises(Refused) as exc:
        services.decide_reconsideration(item, outcome="", reasons="立案", by=staff)
    assert exc.value.code == "decision_unknown" and _snapshot(item) == before


def test_table_rows_cite_the_rule():
    # domain.md §1.4: 不予立案 is no longer terminal, reconsideration may file it
    for action in ("request_reconsideration", "support_reconsideration", "decide_reconsideration"):
        assert workflow.step(action).cite.startswith("§1.4")
    assert State.MOTION_REJECTED not in workflow.TERMINAL
    assert State.ACCEPTED in workflow.step("decide_reconsideration").destinations


def test_sponsors_are_asked_and_staff_told_when_enough_have_joined(rejected, deputy_user, staff):
    # domain.md §1.4: the co-signers are asked to join; once the support needed is reached the request waits for
    # the presidium, so the staff who record its decision hear of it
    from renda.notify.models import Notification

    item, users = rejected
    services.request_reconsideration(item, reasons="理由", by=deputy_user)
    assert Notification.objects.filter(user=users[0], title__startswith="请联名支持议案复议申请").exists()
    for u in users[:8]:
        services.support_reconsideration(item, by=u)
    assert not Notification.objects.filter(
        user=staff, title__startswith="议案复议申请已达到联名人数"
    ).exists()
    services.support_reconsideration(item, by=users[8])
    assert (
        Notification.objects.filter(user=staff, title__startswith="议案复议申请已达到联名人数").count() == 1
    )
