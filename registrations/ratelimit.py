"""Per-address limits on submissions (GraphQL and the site's form share them).

A fixed window counter in Django's cache: ``REGISTRATION_RATE_LIMIT`` such as ``20/h`` allows
20 attempts per client address per hour (units ``s``, ``m``, ``h``, ``d``; empty or ``0``
turns the limit off). Every attempt counts, valid or not, so the limit also slows down
guessing. With several server processes the cache must be shared (``CACHE_URL`` = Redis);
the local-memory default counts per process.

If Redis is unreachable the count degrades to this process's own memory (logged by the cache
backend): submissions keep working and each process still enforces the limit, so a client can
get at most (number of processes) × the limit until Redis is back.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest

from cms.proxies import request_client_address
from cms.redis_cache import CacheUnavailable

from .errors import ErrorCode, RegistrationError

_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\w*\s*$", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# Where attempts are counted while the shared cache is unreachable.
_local = LocMemCache("ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 10000}})


def parse_rate(rate: str | None) -> tuple[int, int] | None:
    """``"20/h"`` → ``(20, 3600)``; ``"5/10m"`` → ``(5, 600)``; off → None."""
    if not rate or rate.strip() in {"0", "off", "none"}:
        return None
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Unreadable rate {rate!r}: write e.g. '20/h' or '5/10m'.")
    count, multiplier, unit = match.groups()
    if int(count) == 0:
        return None
    return int(count), int(multiplier or 1) * _SECONDS[unit.lower()]


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``TRUSTED_PROXIES`` the right-most
    untrusted hop of ``X-Forwarded-For`` (``cms.proxies``); a forged header from an untrusted
    peer is ignored."""
    if hasattr(request, "peer_address"):  # ClientAddressMiddleware already resolved it
        return request.META.get("REMOTE_ADDR") or "unknown"
    return request_client_address(request) or "unknown"


def _count(backend, key: str, period: int) -> int:
    backend.add(key, 0, timeout=period + 1)
    try:
        return backend.incr(key)
    except ValueError:  # expired between add and incr
        backend.set(key, 1, timeout=period + 1)
        return 1


def hit(scope: str, identity: str, rate: str | None = None) -> bool:
    """Count one attempt; True while the identity is within the limit."""
    parsed = parse_rate(settings.REGISTRATION_RATE_LIMIT if rate is None else rate)
    if parsed is None:
        return True
    limit, period = parsed
    window = int(time.time() // period)
    key = f"ratelimit:{scope}:{identity}:{period}:{window}"
    try:
        count = _count(getattr(cache, "strict", cache), key, period)
    except CacheUnavailable:
        count = _count(_local, key, period)
    return count <= limit


def check_rate_limit(request: HttpRequest, scope: str = "submit", rate: str | None = None) -> None:
    """Raise ``RATE_LIMITED`` when the request's address is over the limit for ``scope``."""
    if not hit(scope, client_address(request), rate):
        raise RegistrationError(ErrorCode.RATE_LIMITED)
