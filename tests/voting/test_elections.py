"""Elections and appointments (issue 17 "选举·任免"; 选举法第三十一、四十一、四十四、四十五条 as data)."""

import pytest

from renda.core.errors import Refused
from renda.voting import selectors, services
from renda.voting.models import Option, State

from .conftest import vote

CANDIDATES = ["张一", "王二", "李三"]


def _ballots(poll, members, spec):
    """spec: list of (labels, n) — n members each mark `labels`."""
    k = 0
    for labels, n in spec:
        for _ in range(n):
            vote(poll, members[k], labels)
            k += 1


def test_indirect_margin_is_one_fifth_to_one_half(make_poll):
    # 选举法第三十一条: indirect elections 1/5–1/2 more candidates than seats
    with pytest.raises(Refused) as e:
        make_poll(
            "election", rule="congress_election_indirect", options=["甲", "乙", "丙", "丁", "戊"], seats=5
        )
    assert e.value.code == "margin_too_small"
    with pytest.raises(Refused) as e:
        make_poll("election", rule="congress_election_indirect", options=list("甲乙丙丁"), seats=2)
    assert e.value.code == "preselection_needed" and "预选" in e.value.message
    assert (
        make_poll("election", rule="congress_election_indirect", options=list("甲乙丙"), seats=2).seat_count
        == 2
    )


def test_direct_margin_is_one_third_to_double(make_poll):
    # 选举法第三十一条: direct elections 1/3–1× more
    with pytest.raises(Refused):
        make_poll("election", rule="direct_election", options=list("甲乙丙"), seats=3)
    with pytest.raises(Refused) as e:
        make_poll("election", rule="direct_election", options=list("甲乙丙丁戊"), seats=2)
    assert e.value.code == "preselection_needed"
    make_poll("election", rule="direct_election", options=list("甲乙丙丁"), seats=2)


def test_preselection_picks_the_list_by_votes(make_poll, members, staff):
    # 选举法第三十一条: over the maximum margin a pre-selection decides the formal candidates
    pre = make_poll(
        "selection", rule="livelihood_selection", options=list("甲乙丙丁戊"), seats=3, title="预选"
    )
    _ballots(pre, members, [(["甲", "乙", "丙"], 6), (["甲", "丁"], 5), (["戊"], 4)])
    services.close_poll(pre, by=staff)
    assert services.preselected(pre, seats=2, rule="congress_election_indirect") == ["甲", "乙", "丙"]


def test_indirect_election_needs_more_than_half_of_all_deputies(make_poll, members, staff):
    # 选举法第四十五条: 全体代表过半数 — 8 of 15; those present or voting do not matter
    poll = make_poll("election", rule="congress_election_indirect", options=CANDIDATES, seats=2)
    _ballots(poll, members, [(["张一", "王二"], 8), (["李三"], 4)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.elected == ["张一", "王二"] and res.passed
    assert "全体代表15为基数" in res.decided_by and "选举法第三十一条" in res.decided_by


def test_seats_left_empty_go_to_another_round(make_poll, members, staff):
    poll = make_poll("election", rule="congress_election_indirect", options=CANDIDATES, seats=2)
    _ballots(poll, members, [(["张一", "王二"], 7), (["张一", "李三"], 2), (["李三"], 3)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.elected == ["张一"] and res.remaining_seats == 1 and res.needs_another_round
    assert "另行选举" in res.outcome
    # 另行选举: one seat → two candidates by the first round's ranking
    assert selectors.runoff_candidates(poll) == ["王二", "李三"]


def test_a_tie_at_the_last_seat_means_a_new_vote_among_the_tied(make_poll, members, staff):
    # 选举法第四十五条: 如遇票数相等不能确定当选人时，应当就票数相等的候选人再次投票
    poll = make_poll("election", rule="direct_election_runoff", options=["张一", "王二"], seats=1)
    _ballots(poll, members, [(["张一"], 6), (["王二"], 6)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.tied == ["张一", "王二"] and res.elected == [] and res.needs_another_round
    assert selectors.runoff_candidates(poll) == ["张一", "王二"]


def test_runoff_at_county_level_needs_a_third_of_the_ballots(make_poll, members, staff):
    # 选举法第四十五条: another round at county/township level — most votes, but at least 1/3 of ballots
    poll = make_poll("election", rule="direct_election_runoff", options=["张一", "王二"], seats=1)
    _ballots(poll, members, [(["张一"], 4), (["王二"], 3), ([], 6)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.voted == 13 and res.elected == []  # 4 < 13/3
    poll2 = make_poll("election", rule="direct_election_runoff", options=["张一", "王二"], seats=1)
    _ballots(poll2, members, [(["张一"], 5), (["王二"], 3), ([], 5)])
    services.close_poll(poll2, by=staff)
    assert selectors.result(poll2).elected == ["张一"]  # 5 ≥ 13/3


def test_direct_election_is_void_when_not_more_than_half_of_voters_vote(make_poll, members, staff):
    poll = make_poll("election", rule="direct_election", options=list("甲乙丙丁"), seats=2)
    _ballots(poll, members, [(["甲", "乙"], 7)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.quorum_met is False and res.elected == [] and "选举无效" in res.outcome


def test_a_write_in_is_counted_as_a_candidate(make_poll, members, staff):
    # 选举法第四十一条: a voter may vote for any other voter (另选他人)
    poll = make_poll("election", rule="congress_election_indirect", options=CANDIDATES, seats=2)
    _ballots(poll, members, [(["张一", "赵四"], 8), (["王二"], 3)])
    services.close_poll(poll, by=staff)
    res = selectors.result(poll)
    assert res.elected == ["张一", "赵四"]
    assert Option.objects.get(poll=poll, label="赵四").write_in


def test_revote_with_a_reason_opens_another_round(make_poll, members, staff):
    poll = make_poll("election", rule="congress_election_indirect", options=CANDIDATES, seats=2)
    _ballots(poll, members, [(["张一", "王二"], 7), (["张一"], 2)])
    services.close_poll(poll, by=staff)
    with pytest.raises(Refused) as e:
        services.revote(poll, reason="", by=staff)
    assert e.value.code == "reason_required"
    nxt = services.revote(
        poll,
        reason="王二未获全体代表过半数选票，另行选举",
        by=staff,
        options=selectors.runoff_candidates(poll),
        rule="congress_election_indirect_runoff",
        seats=1,
    )
    assert nxt.round == 2 and nxt.previous_id == poll.pk and nxt.voters.count() == 15
    assert list(nxt.options.values_list("label", flat=True)) == ["王二", "李三"]
    with pytest.raises(Refused) as e:
        services.revote(poll, reason="again", by=staff)
    assert e.value.code == "already_revoted"


# Paper ballots (选举法第四十四条; OpenSlides #2554)


def _paper_poll(make_poll, **kw):
    poll = make_poll(
        "election", rule="congress_election_indirect", options=CANDIDATES, seats=2, paper=True, **kw
    )
    return poll


def test_paper_counts_are_entered_and_counted(make_poll, staff):
    poll = _paper_poll(make_poll)
    services.enter_paper(
        poll,
        counts={"张一": 12, "王二": 9, "李三": 5},
        ballots_issued=15,
        ballots_returned=15,
        invalid=1,
        by=staff,
    )
    res = selectors.result(poll)
    assert (res.voted, res.valid, res.invalid) == (15, 14, 1)
    assert res.elected == ["张一", "王二"] and res.final


def test_negative_paper_counts_are_refused(make_poll, staff):
    poll = _paper_poll(make_poll)
    with pytest.raises(Refused) as e:
        services.enter_paper(
            poll, counts={"张一": -1}, ballots_issued=15, ballots_returned=15, invalid=0, by=staff
        )
    assert e.value.code == "paper_negative"
    poll.refresh_from_db()
    assert poll.ballots_returned is None and poll.state == State.OPEN


def test_an_option_with_more_votes_than_valid_ballots_is_refused(make_poll, staff):
    poll = _paper_poll(make_poll)
    with pytest.raises(Refused) as e:
        services.enter_paper(
            poll, counts={"张一": 15}, ballots_issued=15, ballots_returned=15, invalid=1, by=staff
        )
    assert e.value.code == "paper_option_over"


def test_motion_paper_sums_must_equal_valid_ballots(make_poll, staff):
    poll = make_poll(paper=True)
    with pytest.raises(Refused) as e:
        services.enter_paper(
            poll,
            counts={"赞成": 10, "反对": 2, "弃权": 1},
            ballots_issued=15,
            ballots_returned=14,
            invalid=0,
            by=staff,
        )
    assert e.value.code == "paper_sum_mismatch" and "13" in e.value.message
    services.enter_paper(
        poll,
        counts={"赞成": 10, "反对": 2, "弃权": 2},
        ballots_issued=15,
        ballots_returned=14,
        invalid=0,
        by=staff,
    )
    assert selectors.result(poll).passed is True


def test_more_ballots_returned_than_issued_voids_the_round(make_poll, staff):
    # 选举法第四十四条: 所投的票数多于投票人数的无效
    poll = _paper_poll(make_poll)
    poll = services.enter_paper(
        poll, counts={"张一": 10}, ballots_issued=14, ballots_returned=15, invalid=0, by=staff
    )
    assert poll.state == State.VOIDED and "第四十四条" in poll.void_reason
    res = selectors.result(poll)
    assert res.needs_another_round and res.elected == []


def test_paper_entry_into_an_electronic_poll_is_refused(make_poll, members, staff):
    poll = make_poll()
    vote(poll, members[0], "赞成")
    with pytest.raises(Refused) as e:
        services.enter_paper(
            poll, counts={"赞成": 1}, ballots_issued=1, ballots_returned=1, invalid=0, by=staff
        )
    assert e.value.code == "paper_mixed"


def test_electronic_votes_in_a_paper_poll_are_refused(make_poll, members):
    poll = _paper_poll(make_poll)
    with pytest.raises(Refused) as e:
        vote(poll, members[0], ["张一"])
    assert e.value.code == "paper_poll"
