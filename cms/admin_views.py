"""The *Outdated translations* report (Reports menu), the dashboard panel with its counts, and
wagtail-localize's *Translations* report with the same notion of "outdated"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail_localize.views import report

from .staleness import outdated_counts, outdated_translations, translation_targets


class OutdatedTranslationsReportView(ReportView):
    """Every translated page and snippet that is behind its source, with a link to translate."""

    template_name = "cms/admin/outdated_translations_report.html"
    results_template_name = "cms/admin/outdated_translations_report_results.html"
    index_url_name = "outdated_translations_report"
    index_results_url_name = "outdated_translations_report_results"
    header_icon = "warning"
    page_title = _("Outdated translations")
    paginate_by = 50

    def get_queryset(self) -> list:
        return outdated_translations(self.request.GET.get("locale") or None)

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context_data(*args, **kwargs)
        finder = AdminURLFinder(self.request.user)
        context["rows"] = [
            {
                "row": row,
                "edit_url": finder.get_edit_url(row.target),
                "locale": row.translation.target_locale.get_display_name(),
                "type": row.translation.source.specific_content_type.name,
            }
            for row in context["object_list"]
        ]
        context["locales"] = Locale.objects.exclude(
            pk__in=Locale.objects.filter(language_code=Locale.get_default().language_code)
        )
        context["current_locale"] = self.request.GET.get("locale", "")
        return context


class OutdatedTranslationsPanel(Component):
    """Dashboard panel: how many pages and snippets are outdated in each language."""

    name = "outdated_translations"
    order = 150
    template_name = "cms/admin/outdated_translations_panel.html"

    def get_context_data(self, parent_context: dict | None = None) -> dict:
        counts = outdated_counts()
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        return {
            "counts": [
                {
                    "code": code,
                    "name": locales[code].get_display_name() if code in locales else code,
                    **values,
                }
                for code, values in sorted(counts.items())
            ],
        }


class TranslationsReportView(report.TranslationsReportView):
    """wagtail-localize's *Reports › Translations*, whose status column tells the truth.

    Its own status says "Up to date" whenever every segment of the *stored* source has a
    translation, even after the source changed; here the status is ``cms.staleness``'s, the
    same as in listings and the *Outdated translations* report, computed for the whole page of
    results at once.
    """

    results_template_name = "cms/admin/translations_report_results.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("source", "source__specific_content_type", "source__locale")
            .select_related("target_locale")
            .order_by("source__object_repr", "target_locale__language_code", "pk")
        )

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict:
        context = super().get_context_data(*args, **kwargs)
        translations = list(context["object_list"])
        targets = translation_targets(translations)
        finder = AdminURLFinder(self.request.user)
        rows = []
        for translation in translations:
            target, state = targets.get(translation.pk, (None, None))
            if target is None:
                status = _("Not translated yet")
            elif state.outdated:
                status = _("Outdated translation")
            else:
                status = _("Translation up to date")
            rows.append(
                {
                    "translation": translation,
                    "target": target,
                    "target_edit_url": finder.get_edit_url(target) if target else None,
                    "outdated": bool(state and state.outdated),
                    "status": status,
                }
            )
        context["rows"] = rows
        return context
