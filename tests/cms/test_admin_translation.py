"""Staff translate in the Wagtail admin: the translation editor and PO download/upload work."""

from __future__ import annotations

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from cities.models import SisterCityPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def translation():
    fa = SisterCityPage.objects.get(slug="dakar", locale__language_code="fa")
    source = TranslationSource.objects.get_for_instance(fa)
    return Translation.objects.get(source=source, target_locale__language_code="en")


def test_translation_editor_opens_for_the_english_dossier(admin_client):
    en = SisterCityPage.objects.get(slug="dakar", locale__language_code="en")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[en.pk]))
    assert response.status_code == 200
    assert b"Dakar" in response.content


def test_po_download_contains_persian_sources_and_english_translations(admin_client, translation):
    response = admin_client.get(reverse("wagtail_localize:download_pofile",
                                        args=[translation.pk]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    entries = {entry.msgid: entry.msgstr for entry in po}
    assert entries["داکار"] == "Dakar"
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)


def test_po_upload_updates_the_translation(admin_client, translation,
                                           django_capture_on_commit_callbacks):
    po = polib.pofile(admin_client.get(reverse("wagtail_localize:download_pofile",
                                               args=[translation.pk])).content.decode())
    for entry in po:
        if entry.msgid == "داکار":
            entry.msgstr = "Dakar (Senegal)"
    upload = SimpleUploadedFile("dakar-en.po", str(po).encode(), "text/x-gettext-translation")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
            {"file": upload, "next": "/admin/"},
        )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(
        locale__language_code="en", data="Dakar (Senegal)").exists()
    translation.save_target(publish=True)
    assert SisterCityPage.objects.get(slug="dakar", locale__language_code="en").title == \
        "Dakar (Senegal)"


def test_po_upload_for_another_translation_is_refused(admin_client, translation):
    other = Translation.objects.filter(target_locale__language_code="en").exclude(
        pk=translation.pk).first()
    po = polib.pofile(admin_client.get(reverse("wagtail_localize:download_pofile",
                                               args=[other.pk])).content.decode())
    upload = SimpleUploadedFile("x.po", str(po).encode(), "text/x-gettext-translation")
    admin_client.post(reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
                      {"file": upload, "next": "/admin/"})
    assert SisterCityPage.objects.get(slug="dakar", locale__language_code="en").title == "Dakar"
