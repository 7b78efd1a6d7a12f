"""renda.core.cache: Django's Redis cache with one client per pool, against the real Redis on loopback."""

import secrets

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
