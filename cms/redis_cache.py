"""Django's ``RedisCache`` that keeps the site up when Redis is not.

With ``CACHE_URL`` set, every process and node shares one Redis. If Redis is unreachable
(stopped, restarting, network gone) a cache must not turn every page into a 500: reads become
misses, writes are dropped, and the outage is logged once per ``LOG_INTERVAL`` seconds
(default 60) instead of once per request. redis-py reconnects by itself when Redis is back.

Code that must know whether the shared value was really read or written (the registration
rate limit) uses :attr:`FailSoftRedisCache.strict`, whose calls raise :class:`CacheUnavailable`
instead, and falls back to a per-process count.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class CacheUnavailable(Exception):
    """The shared cache could not be reached."""


class _Strict:
    """The same backend, but an unreachable Redis raises :class:`CacheUnavailable`."""

    def __init__(self, backend: FailSoftRedisCache) -> None:
        self._backend = backend

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(RedisCache, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(self._backend, *args, **kwargs)
            except UNREACHABLE as error:
                self._backend.report(error)
                raise CacheUnavailable(str(error)) from error

        return call


class FailSoftRedisCache(RedisCache):
    """``RedisCache`` whose connection errors are cache misses, logged once per interval."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        self.log_interval = float(options.pop("LOG_INTERVAL", 60))
        # A dead Redis must cost milliseconds, not the default infinite socket wait.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._last_report = -float("inf")
        self._report_lock = threading.Lock()
        self.failures = 0

    @property
    def strict(self) -> _Strict:
        return _Strict(self)

    def report(self, error: BaseException) -> None:
        """Log an outage at most once per ``log_interval`` seconds (per process)."""
        self.failures += 1
        now = time.monotonic()
        with self._report_lock:
            if now - self._last_report < self.log_interval:
                return
            self._last_report = now
        logger.warning(
            "Redis cache unreachable (%s); serving without the cache (%d failed calls so far).",
            error,
            self.failures,
        )

    def _soft(self, name: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            self.report(error)
            return default

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            self.report(error)
            raise ValueError(f"Key '{key}' not found (cache unreachable).") from error

    def clear(self):
        return self._soft("clear", False)
