"""A page that shows an image publicly refuses one without alternative text (its description).

Kept apart from ``cms.image_forms`` so page models can import it while the apps load.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def require_alt_text(image, field: str) -> None:
    """Refuse a chosen image without alternative text (``field`` names the page's field)."""
    if image is not None and not (image.description or "").strip():
        raise ValidationError(
            {field: _("This image has no alternative text; add a description to it first.")}
        )
