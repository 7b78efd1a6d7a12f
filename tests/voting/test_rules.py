"""Rules as data, versioned, frozen at the first ballot (issue 17 "Rules as data"; CONSUL #5321)."""

import pytest

from renda.core.errors import Refused
from renda.voting import services
from renda.voting.defaults import RULES
from renda.voting.models import Rule

from .conftest import vote


def test_every_default_rule_is_seeded_and_cites_an_article(db):
    codes = {r["code"] for r in RULES}
    assert codes <= set(Rule.objects.values_list("code", flat=True))
    for rule in Rule.objects.filter(code__in=codes):
        assert "法" in rule.article or "办法" in rule.article, rule.code
    assert {"sc_motion", "sc_satisfaction", "congress_election_indirect", "livelihood_selection"} <= codes


def test_indirect_election_rule_is_more_than_half_of_all_deputies(db):
    # 选举法第四十五条: indirect elections count against all deputies, not those present
    rule = Rule.latest("congress_election_indirect")
    assert (rule.base, rule.threshold_num, rule.threshold_den, rule.strict) == ("all_members", 1, 2, True)
    assert (rule.margin_min_num, rule.margin_min_den, rule.margin_max_num, rule.margin_max_den) == (
        1,
        5,
        1,
        2,
    )


def test_the_rule_is_frozen_after_the_first_ballot(make_poll, members, staff):
    poll = make_poll()
    services.change_rule(poll, "congress_motion", by=staff)  # no ballot yet: allowed
    vote(poll, members[1], "赞成")
    with pytest.raises(Refused) as e:
        services.change_rule(poll, "sc_motion", by=staff)
    assert e.value.code == "rule_frozen"
    poll.refresh_from_db()
    assert poll.rule.code == "congress_motion"


def test_a_new_version_is_a_new_row_and_an_open_poll_keeps_its_own(make_poll, staff):
    poll = make_poll()
    old = poll.rule
    new = services.new_rule_version("sc_motion", by=staff, threshold_num=2, threshold_den=3)
    assert new.version == old.version + 1 and new.pk != old.pk
    poll.refresh_from_db()
    assert poll.rule_id == old.pk and poll.rule.threshold_den == 2
    assert make_poll().rule_id == new.pk  # a new poll takes the latest version


def test_an_unknown_rule_code_is_refused(make_poll):
    with pytest.raises(Refused) as e:
        make_poll(rule="no_such_rule")
    assert e.value.code == "rule_unknown"
