"""Appraisal: weighted sheet, rater-group weights summing to 100 %, ranking with ties and separate lists (domain.md §5.4)."""

from decimal import Decimal as D

import pytest

from renda.core.errors import Refused
from renda.supervision import services
from renda.supervision.choices import AppraisalKind
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


@pytest.fixture
def officials(standing_committee, staff):
    a = Appraisal.objects.create(
        body=standing_committee, year=2026, title="述职评议", kind=AppraisalKind.OFFICIAL
    )
    return services.appraisal.set_sheet(
        a,
        criteria=[("德", D(50), D(100)), ("绩", D(50), D(100))],
        groups=[("常委会组成人员", D(100))],
        by=staff,
    )


def _official(a, unit, staff, name, value):
    p = Appraisee.objects.create(appraisal=a, unit=unit, person=name, post="局长")
    c1, c2 = a.criteria.all()
    services.appraisal.enter_scores(
        p, group=a.groups.get(), values={c1.pk: D(value), c2.pk: D(value)}, by=staff
    )
    return p


def test_the_grade_and_its_consequence_come_from_the_rule(officials, unit, staff):
    # domain.md §5.4; seed 001: 评议不合格的一律免职 → default official rule: 合格 ≥75, 基本合格 ≥60, 不合格 (提请免职)
    good = _official(officials, unit, staff, "甲", 80)
    edge = _official(officials, unit, staff, "乙", 60)
    bad = _official(officials, unit, staff, "丙", 59.5)
    services.appraisal.compute(officials, by=staff)
    good.refresh_from_db(), edge.refresh_from_db(), bad.refresh_from_db()
    assert (good.outcome, good.consequence) == ("合格", "")
    assert edge.outcome == "基本合格" and "提醒谈话" in edge.consequence
    assert bad.outcome == "不合格" and bad.consequence == "依法提请免职"
    assert "任命人员述职评议等次" in bad.outcome_rule and "第1版" in bad.outcome_rule


def test_departments_are_graded_by_their_own_rule_and_a_revision_spares_graded_appraisals(
    appraisal, unit, staff, standing_committee
):
    p = Appraisee.objects.create(appraisal=appraisal, unit=unit)
    _score(p, appraisal, staff, 90, 40)  # total 86
    services.appraisal.compute(appraisal, by=staff)
    p.refresh_from_db()
    assert p.outcome == "良好"  # 优秀 ≥90 / 良好 ≥80 / 一般 ≥70 / 差
    services.appraisal.revise_rule(
        standing_committee,
        AppraisalKind.DEPARTMENT,
        bands=[{"label": "满意", "min": 85}, {"label": "基本满意", "min": 70}, {"label": "不满意", "min": 0}],
        by=staff,
    )
    services.appraisal.compute(appraisal, by=staff)
    p.refresh_from_db()
    assert p.outcome == "良好"  # graded by version 1, kept


def test_a_rule_whose_bands_leave_totals_ungraded_is_refused(standing_committee, staff):
    with pytest.raises(Refused) as exc:
        services.appraisal.revise_rule(
            standing_committee, AppraisalKind.OFFICIAL, bands=[{"label": "合格", "min": 60}], by=staff
        )
    assert exc.value.code == "band_floor"
    with pytest.raises(Refused) as exc:
        services.appraisal.revise_rule(
            standing_committee,
            AppraisalKind.OFFICIAL,
            bands=[{"label": "合格", "min": 60}, {"label": "不合格", "min": 70}],
            by=staff,
        )
    assert exc.value.code == "band_order" and "不合格" in exc.value.message


def test_the_committee_decides_otherwise_with_the_consequence_and_rectification_is_tracked(
    officials, unit, staff
):
    # seed 001: 对代表评议不合格的一律免职 — a grade with a consequence must record one
    p = _official(officials, unit, staff, "李四", 80)
    services.appraisal.compute(officials, by=staff)
    with pytest.raises(Refused) as exc:
        services.appraisal.decide(p, outcome="不合格", consequence="", by=staff)
    assert exc.value.code == "consequence_required"
    with pytest.raises(Refused) as exc:
        services.appraisal.decide(p, outcome="优秀", consequence="", by=staff)
    assert exc.value.code == "outcome_unknown"
    services.appraisal.decide(
        p, outcome="不合格", consequence="依法免去局长职务", reason="存在违纪问题", by=staff
    )
    services.appraisal.compute(officials, by=staff)  # a decision of the committee survives a recomputation
    p.refresh_from_db()
    assert p.outcome == "不合格" and p.decided and "存在违纪问题" in p.outcome_rule
    f = services.appraisal.rectify(p, title="整改群众反映的审批慢问题", by=staff)
    assert f.due and FollowUp.objects.filter(pk=f.pk, origin="评议整改").exists()


def test_the_result_screen_cites_the_grade_rule(login, officials, unit, staff):
    _official(officials, unit, staff, "丙", 50)
    services.appraisal.compute(officials, by=staff)
    page = login(staff).get(f"/work/supervision/appraisals/{officials.pk}/").content.decode()
    assert "任命人员述职评议等次" in page and "依法提请免职" in page and "不合格" in page


def test_staff_revise_the_grade_rule_on_the_policy_page_and_a_bad_line_is_named(
    login, staff, standing_committee
):
    from renda.supervision.models import GradeRule

    c = login(staff)
    page = c.get("/work/supervision/policy/").content.decode()
    assert "任命人员述职评议等次" in page and "依法提请免职" in page
    assert not GradeRule.objects.exists()  # showing the defaults writes nothing
    r = c.post(
        "/work/supervision/policy/grades/official/",
        {"bands": "优秀，90，\n称职，60，\n不称职，x，依法提请免职"},
        follow=True,
    )
    assert "第3行的最低分“x”不是数字" in r.content.decode() and not GradeRule.objects.exists()
    c.post(
        "/work/supervision/policy/grades/official/",
        {"bands": "优秀，90，\n称职，60，\n不称职，0，依法提请免职"},
    )
    rule = services.appraisal.rule_for(standing_committee, AppraisalKind.OFFICIAL)
    assert [b["label"] for b in rule.bands] == ["优秀", "称职", "不称职"] and rule.bands[2][
        "consequence"
    ] == "依法提请免职"
