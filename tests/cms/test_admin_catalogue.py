"""The Persian admin: Wagtail's and wagtail-localize's own strings are translated in Persian.

Coverage is counted against the installed packages' own catalogues (their ``fa`` .po files, or
``en`` where a package ships no Persian one), so a Wagtail upgrade that adds strings lowers it
and this test says so. A msgid counts as translated when the package's own Persian catalogue or
one of the project's (``LOCALE_PATHS``) translates it.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

PACKAGES = ("wagtail", "wagtail_localize")
DOMAINS = ("django", "djangojs")
REQUIRED_COVERAGE = 0.95
PLACEHOLDER = re.compile(r"%\([a-zA-Z_]+\)[sd]|%[sd]|\{[a-zA-Z_0-9]*\}|</?[a-zA-Z]+[^>]*>")
ADMIN_CATALOGUES = sorted((Path(settings.BASE_DIR) / "locale_admin").glob("fa/LC_MESSAGES/*.po"))


def package_dir(package: str) -> Path:
    return Path(importlib.util.find_spec(package).origin).parent


def translated_keys(po: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in po if e.translated() and not e.obsolete}


def package_catalogues(package: str, domain: str) -> list[tuple[list[polib.POEntry], set]]:
    """(msgids, keys the package's own Persian catalogue translates) for each app of the package.

    The msgids are those of the app's ``en`` and ``fa`` catalogues together: a package's Persian
    file may lag behind its source strings, and the English one lists them all.
    """
    found = []
    for locale_dir in sorted(package_dir(package).rglob("locale")):
        fa = locale_dir / "fa" / "LC_MESSAGES" / f"{domain}.po"
        en = locale_dir / "en" / "LC_MESSAGES" / f"{domain}.po"
        entries: dict[tuple[str | None, str], polib.POEntry] = {}
        own: set[tuple[str | None, str]] = set()
        for path in (en, fa):
            if path.exists():
                po = polib.pofile(str(path))
                entries.update(((e.msgctxt, e.msgid), e) for e in po if e.msgid and not e.obsolete)
                if path == fa:
                    own = translated_keys(po)
        if entries:
            found.append((list(entries.values()), own))
    return found


def project_translated(domain: str) -> set[tuple[str | None, str]]:
    keys: set[tuple[str | None, str]] = set()
    for path in map(Path, settings.LOCALE_PATHS):
        po_path = path / "fa" / "LC_MESSAGES" / f"{domain}.po"
        if po_path.exists():
            keys |= translated_keys(polib.pofile(str(po_path)))
    return keys


def coverage(package: str, domain: str) -> tuple[int, int]:
    project = project_translated(domain)
    total = done = 0
    for msgids, own in package_catalogues(package, domain):
        for entry in msgids:
            total += 1
            done += (entry.msgctxt, entry.msgid) in own | project
    return done, total


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("domain", DOMAINS)
def test_package_catalogue_is_at_least_95_percent_persian(package, domain):
    done, total = coverage(package, domain)
    assert total > 0, f"{package} ships no {domain} catalogue"
    assert done / total >= REQUIRED_COVERAGE, f"{package} {domain}: {done}/{total}"


def test_without_the_admin_catalogue_the_packages_fall_short():
    """The count is real: the packages' own Persian catalogues alone do not reach it."""
    own_only = []
    for package in PACKAGES:
        for msgids, own in package_catalogues(package, "django"):
            own_only += [(e.msgctxt, e.msgid) in own for e in msgids]
    assert sum(own_only) / len(own_only) < REQUIRED_COVERAGE


@pytest.mark.parametrize("po_path", ADMIN_CATALOGUES, ids=lambda p: p.name)
def test_admin_catalogue_keeps_placeholders_and_html(po_path):
    po = polib.pofile(str(po_path))
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    wrong = []
    for entry in po:
        if entry.msgid_plural:
            singular, plural = entry.msgstr_plural[0], entry.msgstr_plural[1]
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            if not set(PLACEHOLDER.findall(singular)) <= allowed or sorted(
                PLACEHOLDER.findall(plural)
            ) != sorted(PLACEHOLDER.findall(entry.msgid_plural)):
                wrong.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(PLACEHOLDER.findall(entry.msgid)):
            wrong.append(entry.msgid)
    assert wrong == []


def test_admin_catalogue_has_no_duplicate_msgids():
    for po_path in ADMIN_CATALOGUES:
        keys = [(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path))]
        assert len(keys) == len(set(keys)), po_path


def test_compile_translations_compiles_the_admin_catalogues(tmp_path, settings):
    for po_path in ADMIN_CATALOGUES:
        target = tmp_path / "fa" / "LC_MESSAGES" / po_path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(po_path.read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    call_command("compile_translations", verbosity=0)
    for po_path in ADMIN_CATALOGUES:
        mo = polib.mofile(str(tmp_path / "fa" / "LC_MESSAGES" / po_path.with_suffix(".mo").name))
        assert len(mo) == len(polib.pofile(str(po_path)).translated_entries())


def test_admin_strings_are_translated_at_run_time():
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale_admin/fa/LC_MESSAGES/django.po"))
    singulars = [e for e in po if not e.msgid_plural and not e.msgctxt and e.msgstr != e.msgid]
    with translation.override("fa"):
        untranslated = [e.msgid for e in singulars if translation.gettext(e.msgid) == e.msgid]
    assert singulars and untranslated == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name", ["wagtailadmin_javascript_catalog", "wagtail_localize:javascript_catalog"]
)
def test_javascript_catalogues_serve_the_persian_strings(admin_client, url_name):
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale_admin/fa/LC_MESSAGES/djangojs.po"))
    response = admin_client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="fa")
    assert response.status_code == 200
    body = response.content.decode()
    # The view writes its catalogue with json.dumps, so the strings appear JSON-escaped.
    served = [e for e in po if not e.msgid_plural and json.dumps(e.msgid) in body]
    assert served, "the catalogue serves none of the project's JavaScript strings"
    assert [e.msgid for e in served if json.dumps(e.msgstr) not in body] == []
