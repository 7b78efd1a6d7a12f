"""The contact policy is cached for public intake (renda/contact/policy.py); a change must still apply at once.

domain.md §2.3: the acceptance deadline counts the body's own policy, else the nearest above it.
"""

import pytest
from django.core.cache import cache

from renda.contact import policy, services

pytestmark = pytest.mark.django_db


def _accept_hours(message) -> int:
    """Hours from receipt to the acceptance deadline (domain.md §2.3: a clock in hours)."""
    return round((message.accept_due_at - message.received_at).total_seconds() / 3600)


def test_a_saved_county_policy_applies_to_the_next_township_message(
    make_message, staff, standing_committee, county
):
    assert _accept_hours(make_message()) == 2  # the default, now cached for the township
    services.save_policy(county, by=staff, accept_hours=5)
    assert _accept_hours(make_message()) == 5  # inherited from the county, without waiting for the cache
    services.save_policy(county, by=staff, accept_hours=3)
    assert _accept_hours(make_message()) == 3


def test_an_answer_read_before_the_commit_is_not_kept_after_it(
    township_a, staff, county, django_capture_on_commit_callbacks
):
    before = policy.for_body(township_a)
    with django_capture_on_commit_callbacks() as callbacks:
        services.save_policy(county, by=staff, accept_hours=7)
        # Another worker read the old row before this commit and stored it under the current generation.
        cache.set(policy.key_for(township_a), before)
        assert policy.for_body(township_a).accept_hours == before.accept_hours
    for callback in callbacks:
        callback()
    assert policy.for_body(township_a).accept_hours == 7


def test_a_lost_generation_counter_never_returns_to_an_old_generation(township_a, staff):
    policy.for_body(township_a)
    for _ in range(3):
        services.save_policy(township_a, by=staff, accept_hours=9)  # each save: two new generations
    old = cache.get(policy.GENERATION)
    cache.delete(policy.GENERATION)  # evicted, while answers cached under older generations may remain
    policy.for_body(township_a)
    assert cache.get(policy.GENERATION) > old
