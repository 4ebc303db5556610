"""TRUSTED_PROXIES: X-Forwarded-For is believed only from our own proxies."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from cms.proxies import client_address
from registrations import ratelimit
from registrations.errors import RegistrationError

TRUSTED = ["10.0.0.0/8", "::1/128"]


def test_untrusted_peer_keeps_its_own_address_whatever_the_header_says():
    assert client_address("198.51.100.9", "1.2.3.4", TRUSTED) == "198.51.100.9"


def test_trusted_peer_gives_the_right_most_untrusted_hop():
    # A client forged "6.6.6.6"; our nginx (10.0.0.5) appended the address it saw, and
    # Varnish (10.0.0.2, the direct peer) appended nginx's.
    header = "6.6.6.6, 203.0.113.7, 10.0.0.5"
    assert client_address("10.0.0.2", header, TRUSTED) == "203.0.113.7"


def test_chain_of_only_trusted_hops_ends_at_the_left_most():
    assert client_address("10.0.0.2", "10.0.0.9, 10.0.0.5", TRUSTED) == "10.0.0.9"


def test_garbage_hop_stops_at_the_last_trusted_report():
    assert client_address("10.0.0.2", "not-an-ip, 10.0.0.5", TRUSTED) == "10.0.0.5"


def test_ports_and_ipv6_are_understood():
    assert client_address("::1", "[2001:db8::1]:4711", TRUSTED) == "2001:db8::1"
    assert client_address("10.1.1.1", "203.0.113.8:55000", TRUSTED) == "203.0.113.8"


def test_no_trusted_proxies_means_the_header_is_ignored():
    assert client_address("10.0.0.2", "203.0.113.7", []) == "10.0.0.2"


@pytest.mark.django_db
def test_middleware_gives_views_the_client_address(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    seen = []

    def capture(request):
        seen.append(request.META["REMOTE_ADDR"])
        return ratelimit.client_address(request)

    from cms.proxies import ClientAddressMiddleware

    middleware = ClientAddressMiddleware(capture)
    factory = RequestFactory()
    assert (
        middleware(factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1"))
        == "203.0.113.1"
    )
    assert (
        middleware(factory.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.1"))
        == "198.51.100.1"
    )
    assert seen == ["203.0.113.1", "198.51.100.1"]


@pytest.mark.django_db
def test_thirty_clients_behind_a_trusted_proxy_get_thirty_buckets(settings):
    """Thirty citizens through one proxy are thirty clients; a spoofed header is one."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    factory = RequestFactory()
    for n in range(30):
        request = factory.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        ratelimit.check_rate_limit(request)  # each client's first attempt passes
    spoofer = "198.51.100.66"
    ratelimit.check_rate_limit(
        factory.post("/", REMOTE_ADDR=spoofer, HTTP_X_FORWARDED_FOR="1.1.1.1")
    )
    with pytest.raises(RegistrationError):
        ratelimit.check_rate_limit(
            factory.post("/", REMOTE_ADDR=spoofer, HTTP_X_FORWARDED_FOR="2.2.2.2")
        )
