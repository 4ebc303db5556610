"""Absolute links to the site's registration pages, for emails.

The pages are helper D's (``registrations/urls.py``); the agreed URL names are
``registrations:confirm`` (kwarg ``token``), ``registrations:status`` and
``registrations:invitation`` (kwarg ``token``), under ``i18n_patterns`` (Persian unprefixed,
``/en/…`` for English). Until those names exist the agreed fixed paths are used:
``/register/confirm/<token>/``, ``/register/status/``, ``/register/invitation/<token>/``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from . import tokens

FALLBACK_PATHS = {
    "registrations:confirm": "/register/confirm/{token}/",
    "registrations:status": "/register/status/",
    "registrations:invitation": "/register/invitation/{token}/",
}


def _absolute(name: str, language: str, query: dict[str, str] | None = None, **kwargs) -> str:
    with translation.override(language):
        try:
            path = reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            path = FALLBACK_PATHS[name].format(**kwargs)
            if language != settings.DEFAULT_CONTENT_LANGUAGE:
                path = f"/{language}{path}"
    url = settings.SITE_BASE_URL.rstrip("/") + path
    return f"{url}?{urlencode(query)}" if query else url


def confirm_url(token: str, language: str) -> str:
    return _absolute("registrations:confirm", language, token=token)


def status_url(language: str, reference: str | None = None) -> str:
    return _absolute(
        "registrations:status", language, {"reference": reference} if reference else None
    )


def status_link(application, language: str) -> str:
    """One click to the application's status page (a signed value, see ``tokens``).

    Without a status code on record (erased) it is the plain status page for the reference.
    """
    if not application.status_token_hash:
        return status_url(language, application.reference)
    value = tokens.status_link_value(application.reference, application.status_token_hash)
    return _absolute("registrations:status", language, {"link": value})


def invitation_url(token: str, language: str, answer: str | None = None) -> str:
    """The invitation page; ``answer`` (``accept``/``decline``) preselects the choice.

    The page must still ask for a POST: mail scanners follow links in emails.
    """
    return _absolute(
        "registrations:invitation", language, {"answer": answer} if answer else None, token=token
    )
