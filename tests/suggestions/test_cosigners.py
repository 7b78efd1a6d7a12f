"""Co-signers: picked by name or pinyin from the congress's seated deputies, and a joint item waiting for them is
visible to staff, who see who has not confirmed and can remind them (domain.md §1.3 step 1; issue 14)."""

import datetime as dt

import pytest

from renda.deputies.choices import MandateStatus
from renda.notify.models import Notification
from renda.suggestions import services
from renda.suggestions.models import State, Suggestion
from tests.factories.deputies import DelegationFactory, MandateFactory, PersonFactory

SEARCH = "/work/suggestions/cosigners/"


@pytest.fixture
def namesakes(county, term):
    """Two seated 张伟 of one congress in different delegations, an ended 张伟, and a 张伟 of another congress."""
    a = MandateFactory(
        body=county,
        term=term,
        person=PersonFactory(name="张伟", work_unit="城关镇中心小学校长"),
        delegation=DelegationFactory(body=county, name="城关镇代表团"),
    )
    b = MandateFactory(
        body=county,
        term=term,
        person=PersonFactory(name="张伟", work_unit="青山县人民医院医生"),
        delegation=DelegationFactory(body=county, name="东城街道代表团"),
    )
    ended = MandateFactory(
        body=county,
        term=term,
        person=PersonFactory(name="张伟"),
        status=MandateStatus.ENDED,
        end_date=dt.date(2024, 1, 1),
    )
    elsewhere = MandateFactory(person=PersonFactory(name="张伟"))
    return a, b, ended, elsewhere


def _boxes(html: str) -> set[int]:
    import re

    return {int(v) for v in re.findall(r'name="cosigners" value="(\d+)"', html)}


def test_search_by_name_or_pinyin_finds_only_seated_deputies_of_the_congress(
    login, deputy_user, mandate, namesakes
):
    # domain.md §1.3 step 1: co-signers are deputies of the same congress; an ended mandate cannot co-sign
    a, b, _ended, _elsewhere = namesakes
    c = login(deputy_user)
    for q in ("张伟", "zhangwei", "zw", "ZHANG"):
        html = c.get(SEARCH, {"q": q, "mandate": mandate.pk}).content.decode()
        assert _boxes(html) == {a.pk, b.pk}, q
    html = c.get(SEARCH, {"q": "张伟", "mandate": mandate.pk}).content.decode()
    # Same-name deputies are told apart by delegation and work unit.
    assert "城关镇代表团" in html and "东城街道代表团" in html and "人民医院" in html


def test_search_keeps_the_deputies_already_picked_and_ignores_bad_parameters(
    login, deputy_user, mandate, namesakes
):
    a, b, _ended, _elsewhere = namesakes
    c = login(deputy_user)
    html = c.get(SEARCH, {"q": "zw", "mandate": mandate.pk, "cosigners": [a.pk, "x"]}).content.decode()
    assert f'value="{a.pk}" checked' in html and _boxes(html) == {a.pk, b.pk}
    for params in ({"mandate": "abc"}, {"item": "x", "q": "z" * 500}, {"cosigners": "1e9"}, {"page": "-1"}):
        assert c.get(SEARCH, params).status_code == 200


def test_search_is_for_deputies_only(login, staff):
    assert login(staff).get(SEARCH, {"q": "zw"}).status_code in (403, 404)


def _form(mandate, **over):
    data = {
        "mandate": mandate.pk,
        "kind": "suggestion",
        "period": "interim",
        "title": "关于增设公交站台遮雨棚的建议",
        "facts": "城关镇汽车站站台没有遮雨棚，雨天候车群众淋雨。",
        "proposals": "建议县交通运输局年内增设遮雨棚和座椅。",
        "card_number": mandate.card_number,
        "contact": "13900001111",
        "submit": "1",
    }
    data.update(over)
    return data


def test_picked_cosigners_are_saved_and_asked_to_confirm(login, deputy_user, mandate, cosigners):
    # domain.md §1.3 step 1: a joint item waits until every co-signer confirms
    resp = login(deputy_user).post(
        "/work/suggestions/new/", _form(mandate, cosigners=[m.pk for m in cosigners])
    )
    assert resp.status_code == 302
    item = Suggestion.objects.get(title="关于增设公交站台遮雨棚的建议")
    assert item.state == State.COSIGNING
    assert set(item.cosigners.values_list("mandate_id", flat=True)) == {m.pk for m in cosigners}


def test_a_cosigner_of_another_congress_keeps_every_typed_field(login, deputy_user, mandate, namesakes):
    # Issue 14: one bad co-signer used to empty the whole form; now nothing is saved and nothing typed is lost.
    a, _b, _ended, elsewhere = namesakes
    resp = login(deputy_user).post("/work/suggestions/new/", _form(mandate, cosigners=[a.pk, elsewhere.pk]))
    assert resp.status_code == 422
    html = resp.content.decode()
    assert not Suggestion.objects.exists()
    assert "张伟不是" in html and "不能附议" in html
    for typed in (
        "关于增设公交站台遮雨棚的建议",
        "城关镇汽车站站台没有遮雨棚",
        "建议县交通运输局年内",
        "13900001111",
    ):
        assert typed in html
    assert f'value="{a.pk}" checked' in html and f'value="{elsewhere.pk}" checked' in html


@pytest.fixture
def cosigning(mandate, deputy_user, cosigners, cosigner_users):
    item = services.create_draft(
        mandate=mandate,
        title="关于治理县城河道的建议",
        content="河道淤积",
        proposals="清淤",
        contact="13900001111",
        cosigners=cosigners,
        by=deputy_user,
    )
    services.submit(item, by=deputy_user)
    services.cosign(item, by=cosigner_users[0])
    return item


def test_staff_see_a_joint_item_waiting_for_cosigners_and_who_has_not_confirmed(
    login, staff, cosigning, cosigners
):
    # domain.md §1.3 step 1: the item is submitted, waiting only for co-signers — staff must see it (was 404)
    resp = login(staff).get(f"/work/suggestions/{cosigning.pk}/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "等待附议代表确认" in html and "尚未确认 1 名" in html
    assert cosigners[1].person.name in html.split("等待附议代表确认", 1)[1]
    assert (
        cosigning.title
        in login(staff).get("/work/suggestions/list/", {"state": "cosigning"}).content.decode()
    )


def test_staff_remind_only_the_cosigners_who_have_not_confirmed(login, staff, cosigning, cosigner_users):
    c = login(staff)
    before = Notification.objects.count()
    assert c.post(f"/work/suggestions/{cosigning.pk}/act/remind_cosigners/").status_code == 302
    reminded = Notification.objects.filter(title__startswith="提醒：请确认附议")
    assert list(reminded.values_list("user_id", flat=True)) == [cosigner_users[1].pk]
    assert cosigning.timeline.filter(action="remind_cosigners").exists()
    c.post(
        f"/work/suggestions/{cosigning.pk}/act/remind_cosigners/"
    )  # a second click the same day: no repeat
    assert Notification.objects.count() == before + 1


def test_a_unit_cannot_remind_cosigners(cosigning, unit_user):
    from renda.core.errors import NotPermitted

    with pytest.raises(NotPermitted):
        services.remind_cosigners(cosigning, by=unit_user)


def test_staff_still_do_not_see_a_deputys_unsent_draft(login, staff, draft):
    assert login(staff).get(f"/work/suggestions/{draft.pk}/").status_code == 404
