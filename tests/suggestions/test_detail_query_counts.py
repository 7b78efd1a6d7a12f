"""One item's page reads a fixed number of queries for each viewer, whatever the number of units, co-signers,
contacts and promises on it (house-style "Tests": pages pin query counts). The pinned numbers are those of the
page before its reads moved into `selectors.item_page`; they may go down, never up."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core import policy as resolver
from renda.suggestions import services
from renda.suggestions.models import Contact, CoSigner, MotionDecision, Policy, Promise
from tests.factories.deputies import MandateFactory
from tests.suggestions.conftest import signed_motion

pytestmark = pytest.mark.django_db

PINNED = {"staff": 23, "unit_user": 24, "unit_head": 24, "other_unit_user": 23, "deputy_user": 23}
PINNED_MOTION = {"staff": 22, "deputy_user": 20, "sponsor": 20}


def _grow(item, *, staff, county, term, n: int) -> None:
    """`n` more contacts, promises and confirmed co-signers. (More units are left out: each unit's row shows
    how its deadlines were counted, one `core.deadlines.explain` read per date.)"""
    unit = item.assignments.get(role="lead").unit
    for _ in range(n):
        Contact.objects.create(
            suggestion=item,
            unit=unit,
            stage="before",
            on=dt.date(2026, 10, 6),
            form="phone",
            content="电话沟通",
            by=staff,
        )
        Promise.objects.create(
            suggestion=item, unit=unit, text="年底前完成", due=dt.date(2027, 1, 1), by=staff
        )
        CoSigner.objects.create(
            suggestion=item, mandate=MandateFactory(body=county, term=term), confirmed_at=timezone.now()
        )


@pytest.mark.parametrize("who", sorted(PINNED))
def test_item_page_reads_a_pinned_number_of_queries_whatever_its_size(
    request, login, who, replied, staff, county, term, django_assert_max_num_queries
):
    client = login(request.getfixturevalue(who))
    url = f"/work/suggestions/{replied.pk}/"
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PINNED[who]) as small:
        client.get(url)
    _grow(replied, staff=staff, county=county, term=term, n=4)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("who", sorted(PINNED_MOTION))
def test_motion_page_with_its_reconsideration_reads_a_pinned_number_of_queries(
    request, login, who, mandate, deputy_user, staff, county, term, django_assert_max_num_queries
):
    # domain.md §1.4: the reconsideration panel (request, supporters, tally) is part of the same reads
    p = resolver.own_row(Policy, county)
    p.motion_threshold = p.reconsider_min_sponsors = 3
    p.presidium_last_meeting_at = timezone.now() + dt.timedelta(days=1)
    p.save()
    item, users = signed_motion(mandate, deputy_user, county, term, sponsors=3, prefix="sp")
    services.review_motion(
        item, decision=MotionDecision.AS_SUGGESTION, reasons="作为建议办理更合适", by=staff
    )
    services.request_reconsideration(item, reasons="涉及全县水源规划", by=deputy_user)
    services.support_reconsideration(item, by=users[1])
    viewer = users[0] if who == "sponsor" else request.getfixturevalue(who)
    client = login(viewer)
    url = f"/work/suggestions/{item.pk}/"
    assert "议案复议" in client.get(url).content.decode()
    with django_assert_max_num_queries(PINNED_MOTION[who]):
        client.get(url)
