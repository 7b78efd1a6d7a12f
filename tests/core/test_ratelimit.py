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
    assert exc.value.code == "t_limited" and exc.value.message == "太快了"
    assert 1 <= exc.value.retry_after <= 600
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
