"""Keep Wagtail's locales in step with the CONTENT_LANGUAGES setting."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction


def ensure_configured_locales(**kwargs) -> list[str]:
    """Create a Wagtail locale for every configured language, synchronised from Persian.

    Runs after every ``migrate``, so adding a code to CONTENT_LANGUAGES and migrating is all it
    takes to add a language: wagtail-localize then copies the page tree into it as aliases that
    editors translate. Returns the codes of locales it created.
    """
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization

    created = []
    with transaction.atomic():
        default, _ = Locale.objects.get_or_create(language_code=settings.DEFAULT_CONTENT_LANGUAGE)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            locale, was_created = Locale.objects.get_or_create(language_code=code)
            if was_created:
                created.append(code)
            if (
                locale != default
                and not LocaleSynchronization.objects.filter(locale=locale).exists()
            ):
                LocaleSynchronization.objects.create(locale=locale, sync_from=default)
    return created
