"""wagtail-localize's machine translator, configured from the environment (off by default).

``MACHINE_TRANSLATOR`` names the service; its credentials come from:

- ``deepl``: ``MACHINE_TRANSLATOR_KEY`` (DeepL auth key; keys ending in ``:fx`` use the free API);
- ``google``: ``MACHINE_TRANSLATOR_PROJECT`` (Google Cloud project id) and
  ``MACHINE_TRANSLATOR_CREDENTIALS`` (path to a service-account JSON file; needs the
  ``google-cloud-translate`` package, not installed by default);
- ``libretranslate``: ``MACHINE_TRANSLATOR_URL`` and, if the server wants one,
  ``MACHINE_TRANSLATOR_KEY``;
- ``dummy``: wagtail-localize's offline test translator (reverses words; never in production).

Imported by the settings, so it must not import Django models.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

PACKAGE = "wagtail_localize.machine_translators"
CLASSES = {
    "deepl": f"{PACKAGE}.deepl.DeepLTranslator",
    "google": f"{PACKAGE}.google.GoogleCloudTranslator",
    "libretranslate": f"{PACKAGE}.libretranslate.LibreTranslator",
    "dummy": f"{PACKAGE}.dummy.DummyTranslator",
}
# option name → (environment variable, required)
OPTIONS = {
    "deepl": {"AUTH_KEY": ("MACHINE_TRANSLATOR_KEY", True)},
    "google": {
        "PROJECT_ID": ("MACHINE_TRANSLATOR_PROJECT", True),
        "CREDENTIALS_PATH": ("MACHINE_TRANSLATOR_CREDENTIALS", True),
    },
    "libretranslate": {
        "LIBRETRANSLATE_URL": ("MACHINE_TRANSLATOR_URL", True),
        "API_KEY": ("MACHINE_TRANSLATOR_KEY", False),
    },
    "dummy": {},
}


def machine_translation_setting(environ: Mapping[str, str]) -> dict | None:
    """The ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` setting, or None when none is configured."""
    name = environ.get("MACHINE_TRANSLATOR", "").strip().lower()
    if not name or name in {"off", "none"}:
        return None
    if name not in CLASSES:
        raise ImproperlyConfigured(
            f"MACHINE_TRANSLATOR={name!r}: use one of {', '.join(sorted(CLASSES))}, "
            "or leave it empty."
        )
    options = {}
    for option, (variable, required) in OPTIONS[name].items():
        value = environ.get(variable, "").strip()
        if required and not value:
            raise ImproperlyConfigured(f"MACHINE_TRANSLATOR={name} needs {variable}.")
        if value or name != "libretranslate":
            options[option] = value
    if name == "libretranslate":
        options.setdefault("API_KEY", "")
    return {"CLASS": CLASSES[name], "OPTIONS": options}
