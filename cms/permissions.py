"""Who may do what with translations: one rule, used by every admin door.

Publishing, deleting a page, publishing translations straight from *Sync translated pages* and
*Convert to alias page* (which puts the source's content live in the translation's place) are
all ways of publishing, so they need the page's publish permission. Translators edit
translations, save drafts and submit them for moderation; moderators publish.
"""

from __future__ import annotations

from django.db import models
from wagtail.models import Page

TRANSLATORS_GROUP = "Translators"


def may_publish(user, obj: models.Model) -> bool:
    """Whether ``user`` may publish ``obj`` (a page; snippets without drafts are saved live)."""
    if user.is_superuser:
        return True
    if isinstance(obj, Page):
        return obj.permissions_for_user(user).can_publish()
    return True


def may_publish_translations_of(user, source_object: models.Model | None) -> bool:
    """Whether ``user`` may publish every translation of ``source_object`` at once."""
    if source_object is None:
        return bool(user.is_superuser)
    if isinstance(source_object, Page):
        translations = source_object.get_translations(inclusive=False)
        return may_publish(user, source_object) and all(
            may_publish(user, page) for page in translations
        )
    return True
