"""A *Translation* column for snippet listings: the *Outdated translation* tag, batched.

The states of every row on the listing's page come from one ``cms.staleness`` call (the tag
caches them on the table), so the column costs a fixed number of queries per page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BaseColumn


class TranslationStatusColumn(BaseColumn):
    cell_template_name = "cms/admin/translation_status_cell.html"

    def __init__(self, name: str = "translation_status", **kwargs) -> None:
        kwargs.setdefault("label", _("Translation status"))
        super().__init__(name, **kwargs)
