"""The typed per-request context every resolver receives as ``info.context``.

It knows the caller's language (``Accept-Language``, else the default ``fa``), resolves a
``locale`` argument to a Wagtail ``Locale`` (raising ``INVALID_LOCALE`` for unknown codes), and
holds the request's batch loaders so nested fields never query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from strawberry.django.context import StrawberryDjangoContext
from strawberry.types import Info as StrawberryInfo
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .errors import ContentErrorCode, PublicError
from .loaders import Loaders


def supported_language(code: str | None) -> str | None:
    """The configured content language for ``code`` (``en-US`` → ``en``), or None."""
    if not code or len(code) > 35:
        return None
    try:
        return get_supported_content_language_variant(code.strip().lower())
    except LookupError:
        return None


def language_from_headers(request: HttpRequest) -> str:
    """The first supported language of ``Accept-Language``, else the default (``fa``)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code != "*" and (language := supported_language(code)):
            return language
    return settings.DEFAULT_CONTENT_LANGUAGE


@dataclass
class ApiContext(StrawberryDjangoContext):
    """``request``/``response`` plus the caller's ``language`` and the request's loaders."""

    language: str = field(default="")
    _locales: dict[str, Locale] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.language:
            self.language = language_from_headers(self.request)

    @cached_property
    def loaders(self) -> Loaders:
        return Loaders(self)

    def locale(self, code: str | None = None) -> Locale:
        """The Wagtail locale for a ``locale`` argument, else for the caller's language.

        An explicit code that is not a configured content language is a request error with
        code ``INVALID_LOCALE``: answering in another language would silently mislead.
        """
        if code is None:
            language = self.language
        else:
            language = supported_language(code)
            if language is None:
                raise PublicError(
                    ContentErrorCode.INVALID_LOCALE,
                    _("“%(code)s” is not a language of this site; use one of: %(codes)s.")
                    % {"code": code[:35], "codes": ", ".join(self.language_codes)},
                )
        return self._locale_for(language)

    @property
    def language_codes(self) -> list[str]:
        return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]

    @property
    def default_locale(self) -> Locale:
        return self._locale_for(settings.DEFAULT_CONTENT_LANGUAGE)

    def locale_by_id(self, locale_id: int) -> Locale:
        """The Wagtail locale with this id, from the request's one-query locale table."""
        self._load_locales()
        for locale in self._locales.values():
            if locale.pk == locale_id:
                return locale
        return Locale.objects.get(pk=locale_id)

    def _load_locales(self) -> None:
        if not self._locales:
            self._locales = {loc.language_code: loc for loc in Locale.objects.all()}

    def _locale_for(self, language: str) -> Locale:
        self._load_locales()
        locale = self._locales.get(language)
        if locale is None:
            # Configured but not yet created (no migrate since CONTENT_LANGUAGES changed):
            # an unsaved Locale has no pages, so every object falls back to the default.
            locale = Locale(language_code=language)
            self._locales[language] = locale
        return locale


def make_context(request: HttpRequest, response: HttpResponse) -> ApiContext:
    return ApiContext(request=request, response=response)


Info = StrawberryInfo[ApiContext, None]
"""Annotate resolvers' ``info`` with this to get a typed ``info.context``."""
