"""The "needs review" mark of a changed text, shown in the reader's language.

``cms.sync`` pre-fills a changed text with its previous translation and stores the code
``REVIEW_TOOL_NAME`` as the string translation's ``tool_name``. wagtail-localize's editor shows
``tool_name`` verbatim ("Translated with <tool_name> on <date>"), so the code would appear as is;
``install`` makes ``StringTranslation.get_comment`` (the editor's only source of that comment)
turn the mark, and the English phrase earlier versions stored, into a translated label at
display time. Every other comment is wagtail-localize's own.
"""

from __future__ import annotations

from django.utils.translation import gettext
from wagtail_localize.compat import DATE_FORMAT
from wagtail_localize.models import StringTranslation

from .staleness import REVIEW_TOOL_NAMES

_ORIGINAL_ATTR = "_cms_original_get_comment"


def review_comment(string_translation: StringTranslation) -> str | None:
    """The translated label of a pre-filled text awaiting review, else None."""
    if string_translation.tool_name not in REVIEW_TOOL_NAMES:
        return None
    return gettext(
        "Previous translation, kept because the source text changed: review it (%(date)s)"
    ) % {"date": string_translation.updated_at.strftime(DATE_FORMAT)}


def _get_comment(self: StringTranslation) -> str:
    return review_comment(self) or getattr(StringTranslation, _ORIGINAL_ATTR)(self)


def install() -> None:
    """Show review marks translated in the translation editor (``CmsConfig.ready``)."""
    if not hasattr(StringTranslation, _ORIGINAL_ATTR):
        setattr(StringTranslation, _ORIGINAL_ATTR, StringTranslation.get_comment)
        StringTranslation.get_comment = _get_comment
