"""Appraisal: weighted sheet, rater-group weights summing to 100 %, ranking with ties and separate lists (domain.md §5.4)."""

from decimal import Decimal as D

import pytest

from renda.core.errors import Refused
from renda.supervision import services
from renda.supervision.choices import AppraisalKind, Outcome
from renda.supervision.models import Appraisal, Appraisee, FollowUp


@pytest.fixture
def appraisal(standing_committee, staff):
    a = Appraisal.objects.create(
        body=standing_committee, year=2026, title="部门工作评议", kind=AppraisalKind.DEPARTMENT
    )
    return services.appraisal.set_sheet(
        a,
        criteria=[("依法行政", D(60), D(100)), ("办理建议", D(40), D(50))],
        groups=[("常委会组成人员", D(50)), ("人大代表", D(30)), ("群众", D(20))],
        by=staff,
    )


def test_weights_must_sum_to_100(appraisal, staff):
    with pytest.raises(Refused) as exc:
        services.appraisal.set_sheet(
            appraisal, criteria=[("a", D(60), D(100))], groups=[("g", D(100))], by=staff
        )
    assert exc.value.code == "weights_not_100" and "60" in exc.value.message


def _score(appraisee, appraisal, staff, a_val, b_val):
    c1, c2 = appraisal.criteria.all()
    for g in appraisal.groups.all():
        services.appraisal.enter_scores(
            appraisee, group=g, values={c1.pk: D(a_val), c2.pk: D(b_val)}, by=staff
        )


def test_ranking_with_ties_and_a_separate_list(appraisal, unit, other_unit, staff):
    p1 = Appraisee.objects.create(appraisal=appraisal, unit=unit)
    p2 = Appraisee.objects.create(appraisal=appraisal, unit=other_unit)
    p3 = Appraisee.objects.create(appraisal=appraisal, unit=unit, person="张三", post="副局长")
    apart = Appraisee.objects.create(appraisal=appraisal, unit=other_unit, ranked=False)
    _score(p1, appraisal, staff, 90, 40)
    _score(p2, appraisal, staff, 90, 40)
    _score(p3, appraisal, staff, 80, 50)
    _score(apart, appraisal, staff, 100, 50)
    services.appraisal.compute(appraisal, by=staff)
    p1.refresh_from_db(), p2.refresh_from_db(), p3.refresh_from_db(), apart.refresh_from_db()
    assert p1.total == D("86.00")  # 90×0.6 + 40/50×40
    assert p3.total == D("88.00")
    assert (p3.rank, p1.rank, p2.rank) == (1, 2, 2)
    assert apart.total == D("100.00") and apart.rank is None


def test_score_above_max_is_refused_and_weights_lock(appraisal, unit, staff):
    p = Appraisee.objects.create(appraisal=appraisal, unit=unit)
    c1, c2 = appraisal.criteria.all()
    g = appraisal.groups.first()
    with pytest.raises(Refused) as exc:
        services.appraisal.enter_scores(p, group=g, values={c1.pk: D(90), c2.pk: D(51)}, by=staff)
    assert exc.value.code == "score_out_of_range" and "办理建议" in exc.value.message
    assert not p.scores.exists()
    services.appraisal.enter_scores(p, group=g, values={c1.pk: D(90), c2.pk: D(40)}, by=staff)
    with pytest.raises(Refused) as exc:
        services.appraisal.set_sheet(
            appraisal, criteria=[("a", D(100), D(100))], groups=[("g", D(100))], by=staff
        )
    assert exc.value.code == "sheet_locked"


def test_unqualified_official_needs_a_consequence_and_rectification_is_tracked(appraisal, unit, staff):
    # seed 001: 对代表评议不合格的一律免职
    p = Appraisee.objects.create(appraisal=appraisal, unit=unit, person="李四", post="局长")
    with pytest.raises(Refused):
        services.appraisal.decide(p, outcome=Outcome.UNQUALIFIED, consequence="", by=staff)
    services.appraisal.decide(p, outcome=Outcome.UNQUALIFIED, consequence="依法免去局长职务", by=staff)
    f = services.appraisal.rectify(p, title="整改群众反映的审批慢问题", by=staff)
    assert f.due and FollowUp.objects.filter(pk=f.pk, origin="评议整改").exists()
