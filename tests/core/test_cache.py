"""renda.core.cache: Django's Redis cache with one client per pool, against the real Redis on loopback."""

import secrets

import pytest

from renda.core.cache import SharedClientRedisCache


def test_the_client_is_built_once_and_every_operation_still_works():
    cache = SharedClientRedisCache("redis://127.0.0.1:6379/15", {})
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    key = f"renda-test:{secrets.token_hex(8)}"
    try:
        assert cache.add(key, 1, timeout=30) and not cache.add(key, 5, timeout=30)  # add is atomic: once only
        assert cache.incr(key) == 2 and cache.get(key) == 2
        cache.set(key, {"a": [1, "二"]}, timeout=30)
        assert cache.get(key) == {"a": [1, "二"]}
    finally:
        cache.delete(key)
    assert cache.get(key) is None


def test_incr_of_a_missing_key_refuses_and_creates_nothing_and_keeps_the_expiry():
    cache = SharedClientRedisCache("redis://127.0.0.1:6379/15", {})
    key = f"renda-test:{secrets.token_hex(8)}"
    with pytest.raises(ValueError):
        cache.incr(key)
    assert cache.get(key) is None  # Django's contract; a bare INCR would have made a counter with no expiry
    cache.set(key, 5, timeout=30)
    try:
        assert cache.incr(key, 3) == 8
        assert cache._cache.get_client().ttl(cache.make_key(key)) > 0  # the window's expiry is kept
    finally:
        cache.delete(key)
