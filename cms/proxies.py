"""The client's address behind reverse proxies we trust (``TRUSTED_PROXIES``).

``X-Forwarded-For`` is a list any client can start; each proxy appends the address it saw.
Only hops added by our own proxies are believed: walking the header from the right, past the
direct peer and every trusted proxy, the first address not in ``TRUSTED_PROXIES`` is the
client. A request whose direct peer is not trusted keeps its peer address whatever the header
says. ``ClientAddressMiddleware`` puts the result in ``REMOTE_ADDR`` (the peer stays in
``request.peer_address``), so rate limits, audit entries and logs all see the same client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs if cidr)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    address = address.strip()
    if address.startswith("[") and "]" in address:  # [v6]:port
        address = address[1 : address.index("]")]
    elif address.count(":") == 1:  # v4:port
        address = address.split(":", 1)[0]
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None


def is_trusted(address: str, trusted: Iterable[str] | None = None) -> bool:
    parsed = _parse(address)
    if parsed is None:
        return False
    cidrs = tuple(settings.TRUSTED_PROXIES if trusted is None else trusted)
    return any(parsed in network for network in _networks(cidrs))


def client_address(
    peer: str, forwarded_for: str | None, trusted: Iterable[str] | None = None
) -> str:
    """The right-most address not added by a trusted proxy (the peer if it is untrusted)."""
    trusted = tuple(settings.TRUSTED_PROXIES if trusted is None else trusted)
    if not peer or not forwarded_for or not is_trusted(peer, trusted):
        return peer
    current = peer
    for hop in reversed(forwarded_for.split(",")):
        parsed = _parse(hop)
        if parsed is None:
            # Garbage in the header: believe only what our last trusted proxy told us.
            return current
        current = str(parsed)
        if not is_trusted(current, trusted):
            return current
    return current


def request_client_address(request: HttpRequest) -> str:
    return client_address(
        request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR")
    )


class ClientAddressMiddleware:
    """Replace ``REMOTE_ADDR`` by the client address when the peer is a trusted proxy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        peer = request.META.get("REMOTE_ADDR", "")
        request.peer_address = peer
        if settings.TRUSTED_PROXIES:
            request.META["REMOTE_ADDR"] = request_client_address(request)
        return self.get_response(request)
