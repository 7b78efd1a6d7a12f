"""The one rate limiter (renda.core.ratelimit; issue 21 "every public form rate-limited")."""

import pytest
from django.core.cache import cache

from renda.core import ratelimit
from renda.core.errors import Refused

ROW = ratelimit.Limit(
    "tests.flood", 3, 600, "测试", setting="TESTS_LIMIT_FLOOD", code="t_limited", message="太快了"
)


@pytest.fixture(autouse=True)
def _fresh():
    cache.clear()
    ratelimit.reset_local()


@pytest.mark.parametrize("local", [False, True])
def test_the_allowance_is_counted_then_refused_with_the_rows_code_and_message(local):
    row = ratelimit.Limit("tests.flood", 3, 600, "测试", code="t_limited", message="太快了", local=local)
    assert [ratelimit.hit(row, "1.2.3.4") for _ in range(3)] == [1, 2, 3]
    with pytest.raises(Refused) as exc:
        ratelimit.hit(row, "1.2.3.4")
    assert 1 <= exc.value.retry_after <= 600
    wait = ratelimit.wait_phrase(exc.value.retry_after)
    assert exc.value.code == "t_limited" and exc.value.message == f"太快了（请{wait}再试）"
    assert ratelimit.hit(row, "5.6.7.8") == 1  # another identity has its own allowance


def test_a_setting_changes_the_allowance(settings):
    settings.TESTS_LIMIT_FLOOD = (1, 60)
    ratelimit.hit(ROW, "a")
    with pytest.raises(ratelimit.RateLimited):
        ratelimit.hit(ROW, "a")


def test_an_empty_identity_is_not_counted():
    assert [ratelimit.hit(ROW, "") for _ in range(5)] == [0] * 5


def test_shared_counts_live_in_the_cache_under_a_hash_never_the_address():
    ratelimit.hit(ROW, "13800138000")
    keys = list(cache._cache.keys())  # LocMemCache in tests
    assert any("rl:tests.flood:" in k for k in keys)
    assert not any("13800138000" in k for k in keys)


def test_every_registered_limit_has_a_label_a_code_and_a_chinese_message():
    import renda.urls  # noqa: F401 — imports every app's views, which define their limits

    assert {"contact.submit_ip", "surveys.answer_ip", "voting.device", "dashboards.public"} <= set(
        ratelimit.REGISTRY
    )
    for row in ratelimit.REGISTRY.values():
        assert row.label and row.code and any("\u4e00" <= ch <= "\u9fff" for ch in row.message), row
        assert row.count > 0 and row.window > 0


def test_a_name_cannot_be_defined_twice_with_different_numbers():
    ratelimit.define(ROW)
    assert ratelimit.define(ROW) is ROW
    with pytest.raises(ValueError):
        ratelimit.define(ratelimit.Limit("tests.flood", 4, 600, "测试"))


@pytest.mark.parametrize(
    ("seconds", "phrase"),
    [
        (1, " 1 秒后"),
        (59, " 59 秒后"),
        (60, " 1 分钟后"),
        (61, " 2 分钟后"),
        (3600, " 1 小时后"),
        (3601, " 2 小时后"),
    ],
)
def test_the_wait_is_rounded_up_so_whoever_waits_as_told_gets_in(seconds, phrase):
    assert ratelimit.wait_phrase(seconds) == phrase


def test_the_message_says_when_to_try_again():
    assert ratelimit.say_when("查询过于频繁，请{wait}再试", 300) == "查询过于频繁，请 5 分钟后再试"
    assert ratelimit.say_when("提交过于频繁，请稍后再试", 30) == "提交过于频繁，请 30 秒后再试"
    assert ratelimit.say_when("已达上限", 7200) == "已达上限（请 2 小时后再试）"


def test_retry_after_is_the_rest_of_the_window(monkeypatch):
    import time

    row = ratelimit.Limit("tests.flood", 1, 600, "测试", code="t_limited", message="太快了")
    monkeypatch.setattr(time, "time", lambda: 600 * 1000 + 30.5)  # 30.5 s into a window
    ratelimit.hit(row, "a")
    with pytest.raises(ratelimit.RateLimited) as exc:
        ratelimit.hit(row, "a")
    assert exc.value.retry_after == 570 and "10 分钟后" in exc.value.message
