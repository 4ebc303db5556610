"""Redis as the shared cache: shared while up, and a site that keeps answering when it dies.

Starts its own throwaway ``redis-server`` on port 9331 (never the machine's shared Redis),
proves that two cache clients (two processes, or two nodes) share values and rate-limit counts,
kills it, and proves that pages, the REST API and registration still answer, that the rate
limit then counts per process, and that the outage is logged once, not once per call.
"""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache

from cms.redis_cache import FailSoftRedisCache
from registrations import ratelimit
from tests.graphql_api.test_registrations import SUBMIT, valid_input
from tests.support.servers import port_is_free, redis_server

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PORT = 9331
URL = f"redis://127.0.0.1:{PORT}/0"


@pytest.fixture
def redis_cache(settings, tmp_path):
    if not port_is_free(PORT):
        pytest.fail(f"port {PORT} is taken; this test needs its own redis-server there")
    with redis_server(PORT, tmp_path) as process:
        settings.CACHES = {
            "default": {
                "BACKEND": "cms.redis_cache.FailSoftRedisCache",
                "LOCATION": URL,
                "KEY_PREFIX": "i8test",
            }
        }
        cache.clear()
        yield process


def other_process_cache() -> RedisCache:
    """A second, independent client of the same Redis, as another process would have."""
    return FailSoftRedisCache(URL, {"KEY_PREFIX": "i8test"})


def test_values_and_rate_limit_counts_are_shared(redis_cache):
    cache.set("greeting", "salam", 60)
    assert other_process_cache().get("greeting") == "salam"

    assert [ratelimit.hit("submit", "198.51.100.4", "2/h") for _ in range(2)] == [True, True]
    # The third attempt arrives through another process: it sees the two counted here.
    other = other_process_cache()
    key = next(k for k in _keys(other) if "198.51.100.4" in k)
    assert other._cache.get(key, None) == 2
    assert ratelimit.hit("submit", "198.51.100.4", "2/h") is False


def _keys(backend: RedisCache) -> list[str]:
    client = backend._cache.get_client(write=False)
    return [key.decode() for key in client.keys("*ratelimit*")]


def test_site_api_and_registration_answer_when_redis_dies(redis_cache, client, caplog, settings):
    from tests.registrations import factories

    factories.make_session(capacity=20)
    assert client.get("/").status_code == 200  # warms the cache while Redis is up
    redis_cache.kill()
    redis_cache.wait(timeout=10)
    caplog.set_level(logging.WARNING, logger="cms.redis_cache")

    for url in ["/", "/en/", "/cities/florence/", "/api/v2/pages/?locale=en"]:
        assert client.get(url).status_code == 200, url
    response = client.post(
        "/graphql/",
        {"query": SUBMIT, "variables": {"input": valid_input()}},
        content_type="application/json",
    )
    assert response.status_code == 200
    payload = response.json()["data"]["submitApplication"]
    assert payload["errors"] == []
    assert payload["application"]["reference"].startswith("ISF-")
    assert payload["statusToken"]

    # The rate limit still holds, counted in this process's memory while Redis is away.
    assert [ratelimit.hit("submit", "203.0.113.50", "2/h") for _ in range(3)] == [
        True,
        True,
        False,
    ]
    outage_logs = [r for r in caplog.records if r.name == "cms.redis_cache"]
    assert len(outage_logs) == 1, [r.getMessage() for r in outage_logs]
    assert "unreachable" in outage_logs[0].getMessage()
