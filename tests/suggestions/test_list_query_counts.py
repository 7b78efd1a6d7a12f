"""The API lists and the public portal list use a constant number of queries whatever the number of items
(issue 7 "Performance": list pages use a constant number of queries). The work-area lists (staff, unit,
deputy, hand-over board, rankings) are checked in test_pages.py."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.suggestions.models import Assignment, CoSigner, Publication
from renda.suggestions.models.choices import State
from tests.factories.suggestions import SuggestionFactory

pytestmark = pytest.mark.django_db


def _handed_over(n, mandate, staff, unit, other_unit, cosigners):
    """Items in handling with a lead and a co-handling unit and co-signers: every relation a row may touch."""
    for _ in range(n):
        item = SuggestionFactory(
            lead=mandate, created_by=staff, state=State.HANDLING, reply_due=dt.date(2027, 1, 5)
        )
        for u, role in ((unit, "lead"), (other_unit, "co")):
            Assignment.objects.create(
                suggestion=item,
                unit=u,
                role=role,
                status="accepted",
                year=2026,
                assigned_on=dt.date(2026, 10, 5),
                return_due=dt.date(2026, 10, 14),
                assigned_by=staff,
            )
        for m in cosigners:
            CoSigner.objects.create(suggestion=item, mandate=m, confirmed_at=timezone.now())


def _published(n, mandate, staff):
    for _ in range(n):
        item = SuggestionFactory(lead=mandate, created_by=staff, state=State.CLOSED)
        Publication.objects.create(
            suggestion=item,
            body=item.body,
            year=item.year,
            number=f"2026建{item.pk:04d}",
            title=item.title,
            deputies="赵代表",
            facts=item.facts,
            proposals=item.proposals,
            units="县住房和城乡建设局（主办）",
            replies=[
                {
                    "unit": "县住房和城乡建设局",
                    "round": 1,
                    "class": "A 已解决或基本解决",
                    "on": "2026-06-01",
                    "content": "已解决。",
                }
            ],
            ratings=[{"round": 1, "unit": "县住房和城乡建设局", "attitude": "满意", "result": "满意"}],
            state_label="已办结",
            search_text=item.title,
            published_at=timezone.now(),
            by=staff,
        )


@pytest.mark.parametrize("who", ["staff", "unit_user", "deputy_user"])
def test_api_list_uses_a_constant_number_of_queries(
    request, login, who, mandate, staff, unit, other_unit, cosigners, django_assert_max_num_queries
):
    client = login(request.getfixturevalue(who))
    _handed_over(2, mandate, staff, unit, other_unit, cosigners)
    assert client.get("/api/v1/suggestions").json()["count"] == 2
    with django_assert_max_num_queries(15) as small:
        client.get("/api/v1/suggestions")
    _handed_over(8, mandate, staff, unit, other_unit, cosigners)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/api/v1/suggestions").json()["count"] == 10


@pytest.mark.parametrize("url", ["/suggestions/", "/suggestions/?q=小区", "/api/v1/public/suggestions"])
def test_public_lists_use_a_constant_number_of_queries(
    client, url, mandate, staff, django_assert_max_num_queries
):
    _published(2, mandate, staff)
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        assert client.get(url).status_code == 200
    _published(8, mandate, staff)
    with django_assert_max_num_queries(len(small.captured_queries)):
        resp = client.get(url)
    shown = resp.json()["count"] if url.startswith("/api/") else resp.content.decode().count("小区道路照明")
    assert resp.status_code == 200 and shown == 10
