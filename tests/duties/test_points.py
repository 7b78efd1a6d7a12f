"""Points rule sets, scores and rankings for any period, recompute on rule change, triggers (domain.md §3.3)."""

import datetime as dt
from decimal import Decimal

import pytest

from renda.core.errors import Refused
from renda.deputies.models import Mandate
from renda.duties import scoring, services
from renda.duties.choices import Outcome, Review, TalkStatus, TriggerKind
from renda.duties.models import Band, Publication, TalkCase, Trigger
from tests.factories.duties import DutyRecordFactory, dtype


def _scores(*mandates, year=2025):
    start, end = scoring.year_bounds(year)
    return {
        s.mandate_id: s
        for s in scoring.scores(Mandate.objects.filter(pk__in=[m.pk for m in mandates]), start=start, end=end)
    }


def test_default_rule_set_has_the_published_examples(county):
    rs = services.ruleset_for(county, 2025)
    points = {tp.duty_type.code: tp.points for tp in rs.type_points.select_related("duty_type")}
    assert points["suggestion"] == 3 and points["inspection"] == 3  # domain.md §3.3 Jiangbei
    assert [(b.label, b.min_score) for b in rs.bands.all()] == [
        ("好", 80),
        ("较好", 60),
        ("较差", 0),
    ]  # Yinchuan
    assert rs.requirements.count() == 5  # Xiangzhou 五个一


def test_score_sums_approved_points_with_caps_per_type(own_mandate, other_mandate):
    for i in range(7):  # 7 × 3 = 21, capped at 15
        DutyRecordFactory(mandate=own_mandate, title=f"视察{i}")
    DutyRecordFactory(mandate=own_mandate, status=Review.PENDING, title="待审")
    DutyRecordFactory(
        mandate=own_mandate,
        duty_type=dtype(own_mandate.body, "congress_session"),
        outcome=Outcome.ABSENT,
        title="缺席",
    )
    s = _scores(own_mandate, other_mandate)
    assert s[own_mandate.pk].total == Decimal("10.00")  # 15 − 5
    assert s[other_mandate.pk].total == 0 and s[other_mandate.pk].records == 0
    assert s[own_mandate.pk].rank == 1 and s[own_mandate.pk].band == "较差" and s[own_mandate.pk].poor


def test_score_for_a_quarter_counts_only_that_quarter(own_mandate):
    DutyRecordFactory(mandate=own_mandate, on=dt.date(2025, 2, 1))
    DutyRecordFactory(mandate=own_mandate, on=dt.date(2025, 5, 1))
    start, end = scoring.period_bounds(2025, "Q2")
    [s] = scoring.scores(Mandate.objects.filter(pk=own_mandate.pk), start=start, end=end)
    assert s.total == 3 and s.records == 1


def test_group_ranking_averages_its_deputies(county, own_mandate, other_mandate, mandate_a):
    DutyRecordFactory(mandate=own_mandate)
    DutyRecordFactory(mandate=mandate_a)
    start, end = scoring.year_bounds(2025)
    levels = {
        g.key: g
        for g in scoring.grouped(scoring.scores(Mandate.objects.all(), start=start, end=end, by="level"))
    }
    assert levels["county"].average == Decimal("1.50") and levels["township"].average == 3


def _band_rows(rs):
    return [(b.label, b.min_score, b.max_score, b.poor) for b in rs.bands.all()]


def test_changing_rules_mid_year_recomputes_and_shows_what_changed(county, staff, own_mandate, other_mandate):
    DutyRecordFactory(mandate=own_mandate)
    DutyRecordFactory(mandate=other_mandate, duty_type=dtype(county, "training"))
    rs = services.ruleset_for(county, 2025)
    inspection = dtype(county, "inspection")
    run = services.update_rules(
        rs,
        base_score=Decimal(60),
        leave_points=Decimal(-1),
        absence_points=Decimal(-5),
        cycle="quarterly",
        publish_to_portal=True,
        type_points={inspection.pk: (Decimal(25), None)},
        bands=_band_rows(rs),
        reason="常委会主任会议调整视察分值",
        by=staff,
    )
    assert run.records_updated == 1
    changed = {c["mandate"]: c for c in run.changes}
    assert changed[own_mandate.pk]["before"] == "3.00" and changed[own_mandate.pk]["after"] == "85.00"
    assert changed[own_mandate.pk]["band_before"] == "较差" and changed[own_mandate.pk]["band_after"] == "好"
    assert _scores(own_mandate)[own_mandate.pk].total == 85


def test_overlapping_bands_are_refused_and_nothing_changes(county, staff):
    rs = services.ruleset_for(county, 2025)
    with pytest.raises(Refused) as exc:
        services.update_rules(
            rs,
            base_score=Decimal(10),
            leave_points=Decimal(-1),
            absence_points=Decimal(-5),
            cycle="yearly",
            publish_to_portal=False,
            type_points={},
            bands=[("好", Decimal(80), None, False), ("较好", Decimal(60), Decimal(85), False)],
            reason="x",
            by=staff,
        )
    assert exc.value.code == "bands_overlap"
    rs.refresh_from_db()
    assert rs.base_score == 0 and Band.objects.filter(ruleset=rs).count() == 3


def test_poor_band_opens_a_talk_and_two_poor_years_a_resignation_recommendation(
    county, own_mandate, other_mandate
):
    # domain.md §3.3 Yinchuan: poor → 约谈; poor 2 years running → 劝辞 / 责令辞职
    for i in range(20):
        DutyRecordFactory(
            mandate=other_mandate,
            duty_type=dtype(county, "congress_session"),
            title=f"会{i}",
            on=dt.date(2025, 1, 1) + dt.timedelta(days=i),
        )
    services.evaluate_year(county, 2024, today=dt.date(2025, 1, 5))
    made = services.evaluate_year(county, 2025, today=dt.date(2025, 12, 31))
    assert made[TriggerKind.POOR_BAND] == 1 and made[TriggerKind.POOR_TWO_YEARS] == 1
    talk = TalkCase.objects.get(mandate=own_mandate, trigger__year=2025)
    assert talk.status == TalkStatus.PLANNED and talk.trigger.kind == TriggerKind.POOR_BAND
    assert not Trigger.objects.filter(mandate=other_mandate, kind=TriggerKind.POOR_BAND, year=2025).exists()
    talks = TalkCase.objects.count()
    again = services.evaluate_year(county, 2025, today=dt.date(2025, 12, 31))
    assert again[TriggerKind.POOR_BAND] == 0 and TalkCase.objects.count() == talks


def test_missing_minimum_activities_are_flagged_before_year_end(county, own_mandate):
    DutyRecordFactory(mandate=own_mandate)  # one supervision activity
    services.evaluate_year(county, 2025, today=dt.date(2025, 10, 15))
    trig = Trigger.objects.get(kind=TriggerKind.MINIMUM_MISSING, mandate=own_mandate)
    assert "一次监督活动" not in trig.detail["missing"] and "一条建议" in trig.detail["missing"]


def test_talk_needs_date_talker_and_content_to_be_held(county, staff, own_mandate):
    services.evaluate_year(county, 2025, today=dt.date(2025, 12, 31))
    talk = TalkCase.objects.get(mandate=own_mandate)
    with pytest.raises(Refused) as exc:
        services.save_talk(talk, status=TalkStatus.HELD, by=staff)
    assert exc.value.code == "talk_incomplete"
    services.save_talk(
        talk,
        status=TalkStatus.CLOSED,
        held_on=dt.date(2026, 1, 8),
        talked_by="县人大常委会副主任 李领导",
        content="履职积分偏低，未参加视察调研",
        commitments="每季度参加一次小组活动",
        follow_up="一季度已参加两次活动",
        by=staff,
    )
    talk.refresh_from_db()
    assert talk.status == TalkStatus.CLOSED and talk.trigger.status == "acted"


def test_publication_freezes_scores_once_per_period(county, staff, own_mandate):
    DutyRecordFactory(mandate=own_mandate)
    pub = services.publish(county, year=2025, period="Y", by=staff)
    assert pub.scores.get(mandate=own_mandate).total == 3
    with pytest.raises(Refused) as exc:
        services.publish(county, year=2025, period="Y", by=staff)
    assert exc.value.code == "already_published"
    assert Publication.objects.count() == 1
