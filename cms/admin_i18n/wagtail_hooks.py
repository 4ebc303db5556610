"""Admin hooks of the Persian admin."""

from django.urls import path
from wagtail import hooks

from . import po_files


@hooks.register("register_admin_urls", order=-100)
def register_named_po_download():
    # Same path as wagtail-localize's download view, listed first so it answers instead.
    return [
        path(
            "localize/translate/<int:translation_id>/pofile/download/",
            po_files.download_pofile,
            name="admin_i18n_download_pofile",
        )
    ]
