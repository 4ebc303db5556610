"""Organisations are edited (and translated) by staff under Snippets › Organisations."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.translation_columns import TranslationStatusColumn

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "slug", "kind", "side", "city", TranslationStatusColumn()]
    list_filter = ["kind", "side"]


register_snippet(OrganisationViewSet)
