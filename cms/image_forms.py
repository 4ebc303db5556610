"""Images on public pages need alternative text: the image form requires a description.

Wagtail uses an image's ``description`` as its ``alt`` text. ``WAGTAILIMAGES_IMAGE_FORM_BASE``
points here, so uploading or editing an image in the admin asks for it; a page that chooses an
image without one is refused by ``cms.alt_text.require_alt_text`` in its ``clean()``.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = _(
    "Alternative text: what the image shows, for people who cannot see it (required for images "
    "on public pages)."
)


class AltTextRequiredImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is not None:
            description.required = True
            description.help_text = ALT_TEXT_HELP
