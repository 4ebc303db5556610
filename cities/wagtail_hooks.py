"""Admin screens for the programme's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.translation_columns import TranslationStatusColumn

from .models import CooperationArea, CooperationTopic, Region


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug", "sort_order", TranslationStatusColumn()]


class CooperationAreaViewSet(SnippetViewSet):
    model = CooperationArea
    icon = "folder-open-inverse"
    list_display = ["name", "slug", "sort_order", TranslationStatusColumn()]


class CooperationTopicViewSet(SnippetViewSet):
    model = CooperationTopic
    icon = "tag"
    list_display = ["name", "slug", "area", "sort_order", TranslationStatusColumn()]
    list_filter = ["area"]


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "site"
    menu_order = 250
    items = (RegionViewSet, CooperationAreaViewSet, CooperationTopicViewSet)


register_snippet(ProgrammeViewSetGroup)
