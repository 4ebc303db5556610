from __future__ import annotations

import pytest
from django.test import RequestFactory

from registrations.errors import ErrorCode, RegistrationError
from registrations.ratelimit import check_rate_limit, client_address, hit, parse_rate


@pytest.mark.parametrize(
    ("rate", "parsed"),
    [("20/h", (20, 3600)), ("5/10m", (5, 600)), ("100/day", (100, 86400)), (" 3 / s ", (3, 1))],
)
def test_parse_rate(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "0", "off", "0/h"])
def test_rate_can_be_turned_off(rate):
    assert parse_rate(rate) is None
    assert all(hit("scope", "1.2.3.4", rate) for _ in range(50))


def test_unreadable_rate_is_a_configuration_error():
    with pytest.raises(ValueError):
        parse_rate("twenty per hour")


def test_limit_counts_per_scope_and_address():
    assert [hit("submit", "10.0.0.1", "2/h") for _ in range(3)] == [True, True, False]
    assert hit("submit", "10.0.0.2", "2/h")
    assert hit("other", "10.0.0.1", "2/h")


def test_check_rate_limit_raises_a_coded_error(settings):
    settings.REGISTRATION_RATE_LIMIT = "1/m"
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.7")
    check_rate_limit(request)
    with pytest.raises(RegistrationError) as info:
        check_rate_limit(request)
    assert info.value.code == ErrorCode.RATE_LIMITED


def test_forwarded_header_is_not_trusted():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7", HTTP_X_FORWARDED_FOR="1.1.1.1")
    assert client_address(request) == "192.0.2.7"
