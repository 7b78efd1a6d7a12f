"""The secret ballot stores who voted apart from what was voted (issue 17 "Votes"; wave2-references.md (a)
"two stores"): no one, not even with the database, can link them."""

import pytest
from django.db import models

from renda.core.errors import Refused
from renda.voting import selectors, services
from renda.voting.models import Mark, Participation, SecretBallot

from .conftest import vote


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields]


@pytest.mark.parametrize("model", [SecretBallot, Mark])
def test_the_content_tables_have_no_voter_no_time_and_no_sequence(model):
    for f in _columns(model):
        assert not isinstance(f, models.DateField | models.TimeField), f.name  # DateTimeField is a DateField
        target = getattr(f, "related_model", None)
        assert target is None or target._meta.label in (
            "voting.Poll",
            "voting.Option",
            "voting.SecretBallot",
        ), f.name
        assert f.name not in ("voter", "user", "key", "receipt", "created", "at"), f.name
    assert isinstance(model._meta.pk, models.UUIDField)  # a random id: the key order says nothing


def test_the_participation_says_nothing_of_the_choice():
    names = {f.name for f in _columns(Participation)}
    assert names == {"id", "poll", "voter", "key", "receipt"}


def test_close_rewrites_the_secret_ballots_with_new_ids_and_the_same_totals(make_poll, members, staff):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    for k, m in enumerate(members[:9]):
        vote(poll, m, ["满意", "基本满意", "不满意"][k % 3])
    before_ids = set(SecretBallot.objects.filter(poll=poll).values_list("id", flat=True))
    before = [ln.count for ln in selectors.result(poll).lines]
    services.close_poll(poll, by=staff)
    after_ids = set(SecretBallot.objects.filter(poll=poll).values_list("id", flat=True))
    assert len(after_ids) == 9 and not (before_ids & after_ids)
    assert [ln.count for ln in selectors.result(poll).lines] == before == [3, 3, 3]


def test_a_secret_receipt_carries_no_choice(make_poll, members):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    r = vote(poll, members[0], "不满意")
    assert r.secret and r.choices == ()
    assert selectors.receipt_for(poll, members[0]).choices == ()


def test_who_has_not_voted_is_refused_for_a_secret_poll(make_poll):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    with pytest.raises(Refused) as e:
        selectors.not_voted(poll)
    assert e.value.code == "not_voted_secret"


def test_the_secret_result_has_no_names(make_poll, members):
    poll = make_poll("rating", rule="sc_satisfaction", secret=True)
    vote(poll, members[0], "满意")
    res = selectors.result(poll, names=True)
    assert all(ln.names == [] for ln in res.lines)
    assert "names" not in res.as_dict()["options"][0]


def test_who_has_not_voted_in_a_named_poll(make_poll, members):
    poll = make_poll()
    vote(poll, members[0], "赞成")
    missing = list(selectors.not_voted(poll))
    assert len(missing) == 14 and members[0] not in missing
