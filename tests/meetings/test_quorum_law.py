"""The quorum and the motion rule a congress and its standing committee sit under, with their articles
(domain.md §1.2; 地方组织法 2022: Art. 14 para. 4 — a congress sits with two thirds of its deputies present;
Art. 51 para. 3 — a standing committee with more than half of its members; Art. 25 — a congress's
resolutions pass by more than half of all deputies)."""

from renda.meetings.services.meetings import policy_for
from renda.voting.models import Rule


def test_a_congress_sits_with_two_thirds_of_its_deputies(county):
    p = policy_for(county)
    assert (p.quorum_needed(30), p.quorum_met(20, 30), p.quorum_met(19, 30)) == (20, True, False)
    assert p.quorum_text() == "全体代表三分之二以上出席"


def test_a_standing_committee_sits_with_more_than_half_of_its_members(standing_committee):
    p = policy_for(standing_committee)
    assert (p.quorum_needed(16), p.quorum_met(8, 16), p.quorum_met(9, 16)) == (9, False, True)
    assert p.quorum_text() == "全体组成人员超过半数出席"


def test_the_congress_motion_rule_names_its_articles(db):
    rule = Rule.latest("congress_motion")
    assert rule.version == 2
    assert "地方组织法第二十五条" in rule.article and "第十四条第四款" in rule.note
