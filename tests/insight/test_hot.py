"""Hot topics: a burst against the topic's own baseline, heat terms shown, one reporter counted once."""

import datetime as dt

from renda.insight.selectors import hot
from renda.insight.selectors.hot import Doc, rank_topics

from .conftest import requires_shared

END = dt.date(2026, 6, 30)
START = END - dt.timedelta(days=6)


def _docs():
    docs = []
    # A steady topic: 2 a week for 8 weeks and 2 this week — no burst.
    for w in range(9):
        for k in range(2):
            docs.append(
                Doc(f"s{w}{k}", "小区 停车位 不足 车辆 乱停", END - dt.timedelta(days=7 * w + k), f"u{w}{k}")
            )
    # A burst: nothing before, 5 this week (one person twice).
    for k in range(5):
        docs.append(
            Doc(
                f"b{k}",
                "自来水 停水 水质 浑浊 发黄",
                END - dt.timedelta(days=k),
                "same" if k < 2 else f"v{k}",
                supports=3,
            )
        )
    return docs


def test_burst_beats_a_steady_count_and_every_term_is_shown():
    topics = rank_topics(_docs(), start=START, end=END, periods=8)
    assert topics[0].terms[0] in {"自来水", "停水", "水质", "浑浊", "发黄"}
    water, parking = topics[0], topics[1]
    assert water.burst > 2 and abs(parking.burst) < 1
    assert water.reporters == 4 and water.count == 5  # one person's repeated posts count once
    assert water.supports == 15
    assert round(sum(water.parts.values()), 2) == round(water.heat, 2)
    assert parking.baseline == [2] * 8


def test_no_messages_no_topics():
    assert rank_topics([], start=START, end=END) == []
    assert rank_topics([Doc(1, "😀", END)], start=START, end=END) == []


def test_body_hot_topics_open_their_source_messages(station, township_a, county):
    from django.utils import timezone

    from tests.factories.contact import MessageFactory

    now = timezone.now()
    for k in range(3):
        MessageFactory(
            station=station, title=f"停水{k}", content="自来水停水三天，水质浑浊发黄", received_at=now
        )
    today = timezone.localdate()
    topics = hot.hot_topics(county, today - dt.timedelta(days=6), today, 5)
    assert topics and topics[0].count == 3
    assert topics[0].docs[0].url.startswith("/work/contact/")
    assert topics[0].by_station[0] == ("城关镇人大代表联络站", 3)


@requires_shared
def test_shared_hot_file_merges_one_event_across_wordings():
    """附件3, Nov–Dec 2019: the 丽发新城 mixing-plant complaints are one topic, not three (the contest's lesson)."""
    topics = hot.hot_topics_shared(dt.date(2019, 11, 1), dt.date(2019, 12, 31), limit=10, periods=1)
    about = [t for t in topics if "搅拌" in "".join(t.terms) + t.title]
    assert len(about) == 1 and about[0].rank == 1 and about[0].count > 20


def test_a_scope_above_the_cap_is_read_one_message_in_k_and_says_so(station, county, settings, client, staff):
    """Issue 19 (province scale): the window is bounded, evenly by id, and every screen states the sample."""
    from django.utils import timezone

    from tests.conftest import verified_client
    from tests.factories.contact import MessageFactory

    now = timezone.now()
    made = [
        MessageFactory(
            station=station, title=f"停水{k}", content="自来水停水三天，水质浑浊发黄", received_at=now
        )
        for k in range(12)
    ]
    settings.INSIGHT_HOT_MAX_MESSAGES = 5
    today = timezone.localdate()
    topics = hot.hot_topics(county, today - dt.timedelta(days=6), today, 5)
    step = 3  # ceil(12 / 5)
    assert topics and topics[0].sample == step
    assert {d.key for d in topics[0].docs} == {m.pk for m in made if m.pk % step == 0}
    page = verified_client(staff).get("/work/insight/hot/").content.decode()
    assert f"每 {step} 条取 1 条计算" in page
    settings.INSIGHT_HOT_MAX_MESSAGES = 100
    assert hot.hot_topics(county, today - dt.timedelta(days=6), today, 5)[0].sample == 1
