"""Translation status for the site and the admin: ``{% load translation_tags %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from wagtail.models import Page

from cms.navigation import language_name
from cms.staleness import NOT_A_TRANSLATION, TranslationState, translation_state, translation_states

register = template.Library()

_TABLE_CACHE_ATTR = "_translation_states"


@register.inclusion_tag("cms/includes/outdated_notice.html", takes_context=True)
def outdated_notice(context: template.Context, page: Any) -> dict:
    """On an outdated translation, a notice in the page's language linking to the source page."""
    if not isinstance(page, Page) or not translation_state(page).outdated:
        return {"source": None}
    source = (
        Page.objects.live()
        .filter(
            translation_key=page.translation_key,
            locale__language_code=settings.DEFAULT_CONTENT_LANGUAGE,
        )
        .first()
    )
    code = settings.DEFAULT_CONTENT_LANGUAGE
    return {
        "source": source,
        "source_url": source.get_url(request=context.get("request")) if source else None,
        "source_code": code,
        "source_language": language_name(code)[1],
    }


def _state_in_table(instance: Any, table: Any) -> TranslationState:
    """The state of ``instance``, computed once for every row of the listing it is in."""
    states = getattr(table, _TABLE_CACHE_ATTR, None)
    if states is None:
        rows = list(getattr(table, "data", None) or [instance])
        states = translation_states(rows)
        try:
            setattr(table, _TABLE_CACHE_ATTR, states)
        except AttributeError:
            pass
    base = Page if isinstance(instance, Page) else type(instance)
    return states.get((base, instance.pk)) or translation_state(instance)


@register.inclusion_tag("cms/admin/translation_status_tag.html")
def translation_status_tag(instance: Any, table: Any = None) -> dict:
    """An *Outdated* status tag for a translation that is behind its source."""
    if instance is None or not hasattr(instance, "translation_key"):
        return {"state": NOT_A_TRANSLATION}
    state = _state_in_table(instance, table) if table is not None else translation_state(instance)
    return {"state": state, "instance": instance}


@register.inclusion_tag("cms/admin/translation_editor_notice.html")
def translation_editor_notice(instance: Any) -> dict:
    """Above the translation editor: why this translation is outdated and what to do."""
    return {"state": translation_state(instance) if instance is not None else NOT_A_TRANSLATION}


@register.inclusion_tag("cms/admin/translation_draft_actions.html", takes_context=True)
def translation_draft_actions(context: template.Context, translation: Any, instance: Any) -> dict:
    """*Save draft* and *Submit for moderation* under the translation editor (pages only)."""
    request = context.get("request")
    if not isinstance(instance, Page) or request is None:
        return {"show": False}
    permissions = instance.permissions_for_user(request.user)
    return {
        "show": permissions.can_edit(),
        "can_submit": permissions.can_submit_for_moderation(),
        "in_moderation": instance.workflow_in_progress,
        "translation": translation,
        "csrf_token": context.get("csrf_token"),
    }
