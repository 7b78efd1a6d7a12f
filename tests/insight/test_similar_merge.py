"""Similar items with shared terms (并案/年年提), merges kept both ways, campaigns by MinHash."""

import datetime as dt

import pytest
from django.utils import timezone

from renda.core.errors import NotPermitted, Refused
from renda.insight import services
from renda.insight.models import MergeLink
from renda.insight.selectors import campaigns, merge_group, similar_items
from renda.insight.selectors.similar import body_campaigns
from tests.factories.contact import MessageFactory


@pytest.fixture
def messages(station):
    a = MessageFactory(
        station=station,
        title="城南小学门口交通拥堵",
        content="每天放学时城南小学门口车辆乱停，交通拥堵，孩子过马路危险。",
    )
    b = MessageFactory(
        station=station,
        title="小学门口接送车辆乱停",
        content="城南小学放学时间接送车辆乱停乱放，门口交通拥堵严重。",
    )
    c = MessageFactory(
        station=station, title="菜市场卫生差", content="农贸市场垃圾成堆，气味难闻，卫生状况差。"
    )
    return a, b, c


def test_similar_items_come_with_the_terms_they_share(messages, township_a):
    a, b, c = messages
    found = similar_items(a.title + a.content, body=township_a, exclude=("message", a.pk))
    assert [m.entry.pk for m in found][:1] == [b.pk]
    assert {"小学", "门口"} & set(found[0].terms)
    assert c.pk not in [m.entry.pk for m in found]


def test_odd_text_finds_nothing_and_raises_nothing(messages, township_a):
    for odd in ["", "😀", "a"]:
        assert similar_items(odd, body=township_a) == []


def test_merge_keeps_both_items_and_links_both_ways(messages, staff):
    a, b, _ = messages
    link = services.merge(a, b, by=staff, reason="同一路段同一问题")
    assert link.primary_id == str(a.pk)
    for obj in (a, b):  # read from either side, the group is the same, with both authors' items
        group = merge_group(obj)
        assert {g["obj"].pk for g in group["members"]} == {a.pk, b.pk}
    assert merge_group(b)["is_merged"]


def test_merge_refusals_change_nothing(messages, staff, unit_user):
    a, b, c = messages
    with pytest.raises(NotPermitted):
        services.merge(a, b, by=unit_user, reason="x")
    with pytest.raises(Refused) as exc:
        services.merge(a, a, by=staff, reason="x")
    assert exc.value.code == "merge_self"
    with pytest.raises(Refused) as exc:
        services.merge(a, b, by=staff, reason=" ")
    assert exc.value.code == "merge_reason_required"
    services.merge(a, b, by=staff, reason="同一问题")
    with pytest.raises(Refused) as exc:
        services.merge(c, b, by=staff, reason="再并")
    assert exc.value.code == "already_merged"
    assert MergeLink.objects.count() == 1


def test_merging_a_group_primary_moves_its_group_one_level(messages, staff):
    a, b, c = messages
    services.merge(b, c, by=staff, reason="并入b")
    services.merge(a, b, by=staff, reason="并入a")
    assert set(MergeLink.objects.values_list("primary_id", flat=True)) == {str(a.pk)}


def test_campaign_of_near_identical_messages_is_one_group(station, township_a):
    base = "强烈反对在青石村建设垃圾焚烧厂，严重影响村民健康和生活环境，请求立即停止项目建设"
    now = timezone.now()
    same = [
        MessageFactory(station=station, title="反对建垃圾焚烧厂", content=base + tail, received_at=now)
        for tail in ("！", "！！", "。", "，谢谢")
    ]
    MessageFactory(station=station, title="路灯不亮", content="城南社区门口路灯坏了一个多月", received_at=now)
    today = timezone.localdate()  # the period is in local dates (UTC evening is the next day here)
    groups = body_campaigns(township_a, start=today - dt.timedelta(days=1), end=today)
    assert len(groups) == 1 and {m.pk for m in groups[0]} == {m.pk for m in same}


def test_campaigns_ignore_texts_too_short_to_compare():
    assert campaigns([(1, "好"), (2, "好"), (3, "好")]) == []
