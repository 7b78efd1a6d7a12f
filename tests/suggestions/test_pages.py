"""Every screen answers its role, stays in scope, and lists with a constant number of queries."""

import pytest

from renda.core.models import AuditEntry
from renda.suggestions import services
from renda.suggestions.models import State
from tests.factories.core import UnitFactory
from tests.factories.deputies import MandateFactory, TermFactory

STAFF_PAGES = [
    "staff",
    "screening",
    "board",
    "overdue",
    "policy",
    "workflow",
    "leader",
    "supervise",
    "rankings",
    "list",
]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_render(login, staff, handling, name):
    from django.urls import reverse

    resp = login(staff).get(reverse(f"suggestions:{name}"))
    assert resp.status_code == 200


def test_deputy_pages_render(login, deputy_user, replied):
    c = login(deputy_user)
    assert c.get("/work/suggestions/mine/").status_code == 200
    assert c.get("/work/suggestions/new/").status_code == 200
    page = c.get(f"/work/suggestions/{replied.pk}/")
    assert page.status_code == 200 and "评价" in page.content.decode()


def test_unit_pages_render(login, unit_head, replied):
    c = login(unit_head)
    assert c.get("/work/suggestions/unit/").status_code == 200
    assert c.get(f"/work/suggestions/{replied.pk}/").status_code == 200


def test_exports_download(login, staff, replied):
    c = login(staff)
    x = c.get("/work/suggestions/rankings/export.xlsx")
    d = c.get("/work/suggestions/rankings/report.docx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    assert d.status_code == 200 and d.content[:2] == b"PK"


def test_admins_see_no_suggestions(login, system_admin, submitted):
    resp = login(system_admin).get(f"/work/suggestions/{submitted.pk}/")
    assert resp.status_code in (403, 404)


def test_deputy_submits_through_the_form(login, deputy_user, mandate):
    c = login(deputy_user)
    resp = c.post(
        "/work/suggestions/new/",
        {
            "mandate": mandate.pk,
            "kind": "suggestion",
            "period": "interim",
            "title": "关于增设公交站台的建议",
            "facts": "站台缺少遮雨棚",
            "proposals": "建议增设遮雨棚",
            "card_number": mandate.card_number,
            "contact": "13900001111",
            "submit": "1",
        },
    )
    assert resp.status_code == 302
    from renda.suggestions.models import Suggestion

    assert Suggestion.objects.get(title="关于增设公交站台的建议").state == State.SUBMITTED


def test_refused_action_on_page_is_audited_and_changes_nothing(login, submitted, deputy_user):
    resp = login(deputy_user).post(f"/work/suggestions/{submitted.pk}/act/accept/")
    assert resp.status_code in (302, 403)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED
    assert AuditEntry.objects.filter(action__startswith="refused").exists()


@pytest.fixture
def township_items(township_a, township_b, staff):
    """One accepted item in each township, handed over to each township's own unit."""
    out = {}
    for body in (township_a, township_b):
        m = MandateFactory(body=body, term=TermFactory(body=body))
        from tests.factories.core import UserFactory

        u = UserFactory(role="deputy", body=body)
        m.person.user = u
        m.person.save()
        item = services.create_draft(
            mandate=m, title=f"{body.name}的建议", content="事由", proposals="建议", contact="电话", by=u
        )
        services.submit(item, by=u)
        services.accept(item, by=staff)
        services.hand_over(item, lead=UnitFactory(body=body), by=staff)
        out[body.pk] = item
    return out


def test_township_staff_cannot_read_another_townships_items(
    login, township_staff, township_items, township_a, township_b
):
    c = login(township_staff)
    own, other = township_items[township_a.pk], township_items[township_b.pk]
    assert c.get(f"/work/suggestions/{own.pk}/").status_code == 200
    assert c.get(f"/work/suggestions/{other.pk}/").status_code == 404
    assert c.get(f"/api/v1/suggestions/{other.pk}").status_code == 404
    listing = c.get("/work/suggestions/list/").content.decode()
    assert own.title in listing and other.title not in listing
    assert c.post(f"/work/suggestions/{other.pk}/act/close/").status_code == 404


def test_unit_sees_only_items_assigned_to_it(login, unit_user, handling, township_items):
    c = login(unit_user)
    assert c.get(f"/work/suggestions/{handling.pk}/").status_code == 200
    for item in township_items.values():
        assert c.get(f"/work/suggestions/{item.pk}/").status_code == 404


def _many(n, mandate, deputy_user, staff, unit):
    for i in range(n):
        item = services.create_draft(
            mandate=mandate,
            title=f"建议{i}",
            content="事由",
            proposals="建议",
            contact="电话",
            by=deputy_user,
        )
        services.submit(item, by=deputy_user)
        services.accept(item, by=staff)
        services.hand_over(item, lead=unit, by=staff)


@pytest.mark.parametrize(
    "url,who",
    [
        ("/work/suggestions/list/", "staff"),
        ("/work/suggestions/unit/", "unit_user"),
        ("/work/suggestions/mine/", "deputy_user"),
        ("/work/suggestions/board/", "staff"),
        ("/work/suggestions/rankings/", "staff"),
    ],
)
def test_list_pages_use_a_constant_number_of_queries(
    request, login, django_assert_max_num_queries, mandate, deputy_user, staff, unit, url, who
):
    client = login(request.getfixturevalue(who))
    _many(2, mandate, deputy_user, staff, unit)
    client.get(url)
    with django_assert_max_num_queries(25) as small:
        client.get(url)
    _many(8, mandate, deputy_user, staff, unit)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_public_portal_lists_published_items_only(client, replied, staff):
    assert "加装电梯" not in client.get("/suggestions/").content.decode()
    pub = services.publish(replied, by=staff)
    assert "加装电梯" in client.get("/suggestions/?q=电梯").content.decode()
    assert client.get(f"/suggestions/{pub.pk}/").status_code == 200


def test_bulk_handover_board_uses_row_leads_and_the_common_setup(
    login, staff, mandate, deputy_user, unit, other_unit
):
    items = []
    for i in range(3):
        item = services.create_draft(
            mandate=mandate,
            title=f"会议期间建议{i}",
            content="事由",
            proposals="建议",
            contact="电话",
            by=deputy_user,
        )
        services.submit(item, by=deputy_user)
        items.append(services.accept(item, by=staff))
    resp = login(staff).post(
        "/work/suggestions/board/",
        {
            "body": mandate.body_id,
            "items": [i.pk for i in items],
            "mode": "lead",
            "lead": unit.pk,
            f"lead_{items[0].pk}": other_unit.pk,
        },
    )
    assert resp.status_code == 302
    leads = {i.pk: i.assignments.get(role="lead").unit_id for i in items}
    assert leads == {items[0].pk: other_unit.pk, items[1].pk: unit.pk, items[2].pk: unit.pk}


def test_staff_do_not_see_a_deputys_draft(login, staff, draft, deputy_user):
    assert login(staff).get(f"/work/suggestions/{draft.pk}/").status_code == 404
    assert login(deputy_user).get(f"/work/suggestions/{draft.pk}/").status_code == 200
