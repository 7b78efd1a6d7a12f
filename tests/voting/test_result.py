"""The result by the rule: base, threshold, quorum, tie, and the sentence citing the article (issue 17
"Rules as data"; domain.md §5.3 for satisfaction votes)."""

from renda.voting import selectors, services
from renda.voting.models import Rule

from .conftest import vote


def _votes(poll, members, spec):
    k = 0
    for label, n in spec:
        for _ in range(n):
            vote(poll, members[k], label)
            k += 1


def test_a_motion_needs_more_than_half_of_all_members(make_poll, members, staff):
    # 地方组织法第五十一条: 以全体组成人员的过半数通过 — 7 of 15 fails even with no vote against
    poll = make_poll()
    _votes(poll, members, [("赞成", 7), ("弃权", 3)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.passed is False and res.outcome == "未通过"
    assert res.base_value == 15 and res.voted == 10 and res.not_voted == 5
    assert "地方组织法第五十一条" in res.decided_by and "第1版" in res.decided_by


def test_eight_of_fifteen_pass(make_poll, members, staff):
    poll = make_poll()
    _votes(poll, members, [("赞成", 8), ("反对", 7)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.passed is True and res.outcome == "通过"
    assert "赞成8票" in res.decided_by and "结果：通过" in res.decided_by


def test_base_votes_cast_counts_only_ballots(make_poll, members, staff):
    rule = services.new_rule_version(
        "sc_motion", by=staff, base="votes_cast", quorum_num=None, quorum_den=None
    )
    poll = make_poll(rule=rule)
    _votes(poll, members, [("赞成", 4), ("反对", 3)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.base_value == 7 and res.passed is True


def test_base_present_uses_who_signed_in(make_poll, members, staff):
    rule = services.new_rule_version("sc_motion", by=staff, base="present")
    poll = make_poll(rule=rule, open=False)
    services.open_poll(poll, by=staff, present=members[:10])
    _votes(poll, members, [("赞成", 6)])
    res = selectors.result(poll)
    assert res.present == 10 and res.base_value == 10
    services.close_poll(poll, by=staff)
    assert selectors.result(poll).passed is True


def test_without_a_quorum_the_motion_is_void(make_poll, members, staff):
    poll = make_poll(open=False)
    services.open_poll(poll, by=staff, present=members[:7])  # 7 of 15: not more than half
    res = selectors.result(poll)
    assert res.quorum_met is False
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.passed is False and "出席人数不足" in res.outcome and "未超过应到15人的半数" in res.decided_by


def test_a_tie_goes_to_the_chair_when_the_rule_says_so(make_poll, members, staff):
    rule = services.new_rule_version("sc_motion", by=staff, base="votes_cast", tie="chair_decides")
    poll = make_poll(rule=rule)
    _votes(poll, members, [("赞成", 5), ("反对", 5)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.passed is None and "由主持人决定" in res.outcome


def test_a_tie_fails_by_default(make_poll, members, staff):
    rule = services.new_rule_version("sc_motion", by=staff, base="votes_cast")
    poll = make_poll(rule=rule)
    _votes(poll, members, [("赞成", 5), ("反对", 5)])
    services.close_poll(poll, by=staff)
    assert selectors.result(poll).passed is False


def test_satisfaction_cascade(make_poll, members, staff):
    # domain.md §5.3 (镇海): 满意 > half of all → 满意; 满意 + 基本满意 > half → 基本满意; else 不满意
    cases = [
        ([("满意", 8), ("不满意", 7)], "满意", ""),
        ([("满意", 5), ("基本满意", 3), ("不满意", 7)], "基本满意", ""),
        ([("满意", 4), ("基本满意", 3), ("不满意", 2)], "不满意", "责成重新报告"),
    ]
    for spec, outcome, consequence in cases:
        poll = make_poll("rating", rule="sc_satisfaction", secret=True)
        _votes(poll, members, spec)
        services.close_poll(poll, by=staff)
        res = selectors.result(poll)
        assert (res.outcome, res.consequence) == (outcome, consequence), spec
        assert Rule.latest("sc_satisfaction").article in res.decided_by


def test_unsatisfied_over_half_of_all_members_means_a_new_report(make_poll, members, staff):
    # issue 16: 不满意 over half of all members → re-report (the body's rule as data)
    poll = make_poll("rating", rule="sc_satisfaction_rereport")
    _votes(poll, members, [("不满意", 8), ("满意", 7)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.outcome == "不满意" and res.consequence == "责成重新报告"
    poll = make_poll("rating", rule="sc_satisfaction_rereport")
    _votes(poll, members, [("不满意", 7), ("基本满意", 8)])
    services.close_poll(poll, by=staff)
    assert selectors.result(poll).consequence == ""


def test_a_live_result_while_open_is_marked_in_progress(make_poll, members):
    poll = make_poll()
    _votes(poll, members, [("赞成", 9)])
    res = selectors.result(poll, names=True)
    assert not res.final and res.outcome.startswith("（进行中）")
    assert len(res.lines[0].names) == 9


def test_result_is_a_few_queries(make_poll, members, django_assert_max_num_queries):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    _votes(poll, members, [("满意", 10)])
    with django_assert_max_num_queries(6):
        selectors.result(poll)
