"""Machine translation: configured from the environment, off by default; machine output stays
marked (``machineTranslated`` in GraphQL) until a person accepts it. No network: wagtail-localize's
dummy translator."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation

from cities.models import SisterCityPage
from cms.machine_translation import machine_translation_setting

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator", "OPTIONS": {}}


def test_off_by_default():
    assert machine_translation_setting({}) is None
    assert machine_translation_setting({"MACHINE_TRANSLATOR": " "}) is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {"MACHINE_TRANSLATOR": "deepl", "MACHINE_TRANSLATOR_KEY": "abc:fx"},
            {
                "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
                "OPTIONS": {"AUTH_KEY": "abc:fx"},
            },
        ),
        (
            {
                "MACHINE_TRANSLATOR": "Google",
                "MACHINE_TRANSLATOR_PROJECT": "isfahan",
                "MACHINE_TRANSLATOR_CREDENTIALS": "/etc/cd/google.json",
            },
            {
                "CLASS": "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
                "OPTIONS": {"PROJECT_ID": "isfahan", "CREDENTIALS_PATH": "/etc/cd/google.json"},
            },
        ),
        (
            {"MACHINE_TRANSLATOR": "libretranslate", "MACHINE_TRANSLATOR_URL": "http://lt:5000"},
            {
                "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
                "OPTIONS": {"LIBRETRANSLATE_URL": "http://lt:5000", "API_KEY": ""},
            },
        ),
    ],
)
def test_each_service_is_configured_from_the_environment(environ, expected):
    assert machine_translation_setting(environ) == expected


@pytest.mark.parametrize(
    "environ",
    [
        {"MACHINE_TRANSLATOR": "deepl"},
        {"MACHINE_TRANSLATOR": "libretranslate"},
        {"MACHINE_TRANSLATOR": "google", "MACHINE_TRANSLATOR_PROJECT": "x"},
        {"MACHINE_TRANSLATOR": "babelfish"},
    ],
)
def test_missing_credentials_or_unknown_service_refuse_to_start(environ):
    with pytest.raises(ImproperlyConfigured):
        machine_translation_setting(environ)


QUERY = """{ city(slug: "florence", locale: "en") { machineTranslated translationOutdated } }"""


def _flags(client) -> dict:
    response = client.post("/graphql/", {"query": QUERY}, content_type="application/json")
    return response.json()["data"]["city"]


@pytest.mark.django_db
def test_machine_output_is_flagged_until_a_person_accepts_it(
    settings, admin_client, client, django_capture_on_commit_callbacks
):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = DUMMY
    assert get_machine_translator() is not None
    en = SisterCityPage.objects.get(slug="florence", locale__language_code="en")
    translation = Translation.objects.get(
        source__object_id=en.translation_key, target_locale=en.locale
    )
    StringTranslation.objects.filter(
        context__object_id=en.translation_key, locale=en.locale
    ).delete()
    response = admin_client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk])
    )
    assert response.status_code == 302
    machine = StringTranslation.objects.filter(
        context__object_id=en.translation_key, locale=en.locale, translation_type="machine"
    )
    assert machine.exists()
    assert _flags(client)["machineTranslated"] is False  # not live yet
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert _flags(client) == {"machineTranslated": True, "translationOutdated": False}

    # a person accepts each segment in the editor (saved as a manual translation)
    for string_translation in machine:
        string_translation.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
        string_translation.tool_name = ""
        string_translation.save()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert _flags(client)["machineTranslated"] is False
