"""One policy resolver for every app (renda/core/policy.py; house-style "per-body policy").

A body's own row, else the nearest ancestor's, else the defaults unsaved; a read never writes a row; law
that is set per congress (motion thresholds by level, domain.md §1.2) is never inherited.
"""

import pytest

from renda.contact.models import ContactPolicy
from renda.core import policy as resolver
from renda.duties.models import DutyPolicy
from renda.suggestions.models import Policy
from tests.factories.core import BodyFactory, UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    pytest.param(ContactPolicy, "reply_ordinary_days", id="contact"),
    pytest.param(Policy, "handover_days", id="suggestions"),
    pytest.param(DutyPolicy, "report_min_voters", id="duties"),
]


@pytest.mark.parametrize(("model", "field"), MODELS)
def test_reading_a_policy_writes_no_row_and_gives_the_defaults(model, field, township_a):
    policy = resolver.resolve(model, township_a)
    assert policy.pk is None
    assert getattr(policy, field) == model._meta.get_field(field).get_default()
    assert resolver.origin(policy, township_a) == resolver.DEFAULT
    assert not model.objects.exists()


@pytest.mark.parametrize(("model", "field"), MODELS)
def test_a_township_inherits_its_countys_saved_rules_at_once(model, field, county, township_a):
    assert resolver.resolve(model, township_a).pk is None  # cached now
    model.objects.create(body=county, **{field: 17})
    policy = resolver.resolve(model, township_a)
    assert (getattr(policy, field), resolver.origin(policy, township_a)) == (17, resolver.INHERITED)
    assert not model.objects.filter(body=township_a).exists()


@pytest.mark.parametrize(("model", "field"), MODELS)
def test_a_township_row_starts_from_what_it_inherits(model, field, county, township_a):
    model.objects.create(body=county, **{field: 17})
    row = resolver.own_row(model, township_a)
    assert (row.pk, row.body_id, getattr(row, field)) == (None, township_a.pk, 17)
    row.save()
    assert resolver.origin(resolver.resolve(model, township_a), township_a) == resolver.OWN


def test_thresholds_set_by_law_per_congress_are_not_inherited(county, township_a):
    # domain.md §1.2: 5 deputies for a township motion, 10 at county level, whatever the county saved.
    Policy.objects.create(body=county, motion_threshold=12, reconsider_min_sponsors=12, handover_days=9)
    policy = resolver.resolve(Policy, township_a)
    assert (policy.handover_days, policy.motion_threshold, policy.reconsider_min_sponsors) == (9, 5, 5)
    by_name = {s.name: s for s in resolver.sources(Policy, township_a)}
    assert by_name["handover_days"].origin_label == f"沿用{county.name}"
    assert by_name["motion_threshold"].origin == resolver.DEFAULT


def test_the_suggestion_policy_page_shows_sources_and_a_get_writes_nothing(login, staff, county):
    r = login(staff).get(f"/work/suggestions/policy/?body={county.pk}")
    assert r.status_code == 200
    assert not Policy.objects.exists()
    page = r.content.decode()
    assert "每项规则从哪里来" in page and "默认值" in page and "代表法第51条" in page


def test_saving_the_suggestion_policy_goes_through_the_service_and_is_refused_out_of_scope(
    client, staff, standing_committee, county
):
    from renda.core.errors import NotPermitted
    from renda.core.models import BodyKind, Level
    from renda.suggestions import services

    other = BodyFactory(name="白水县人民代表大会")
    other_sc = BodyFactory(
        name="白水县人大常委会", kind=BodyKind.STANDING_COMMITTEE, level=Level.COUNTY, parent=other
    )
    with pytest.raises(NotPermitted):
        services.save_policy(other_sc, by=staff, values={"handover_days": 9})
    with pytest.raises(NotPermitted):
        services.save_policy(county, by=UserFactory(username="d"), values={"handover_days": 9})
    assert not Policy.objects.exists()
    services.save_policy(county, by=staff, values={"handover_days": 9})
    assert Policy.objects.get(body=county).handover_days == 9
