"""Wagtail's database search backend, with Persian text normalised on both sides.

Text typed on Arabic keyboards carries ي and ك where Persian has ی and ک, and numbers come in
Persian, Arabic or ASCII digits. Both the indexed text and every query are folded the same way
(``registrations.normalize``: ی/ک, ASCII digits, no kashida or invisible marks), so ``كويت`` finds
``کویت`` and ``۱۴۰۵`` finds ``1405``. Configure with
``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.admin_i18n.search"}}``; after switching
an existing site, run ``manage.py update_index`` once to normalise what is already indexed.
"""

from __future__ import annotations

import functools
from typing import Any

from modelsearch.backends import database
from modelsearch.query import SearchQuery

from registrations.normalize import normalize_characters, to_ascii_digits


def normalize_search_text(text: str) -> str:
    return to_ascii_digits(normalize_characters(text))


def _normalize_query(query: Any) -> Any:
    """A query string, or each string inside a query object (PlainText, Phrase, And, Or, Not…)."""
    if isinstance(query, str):
        return normalize_search_text(query)
    if isinstance(query, SearchQuery):
        for name, value in vars(query).items():
            if isinstance(value, str | SearchQuery):
                setattr(query, name, _normalize_query(value))
            elif isinstance(value, list | tuple):
                setattr(query, name, type(value)(_normalize_query(item) for item in value))
    return query


class NormalizingIndexerMixin:
    """Folds every indexed string (titles, bodies, autocomplete text)."""

    def prepare_value(self, value: Any) -> str:
        return normalize_search_text(super().prepare_value(value))  # type: ignore[misc]


class NormalizingBackendMixin:
    def _search(self, query_compiler_class: Any, query: Any, model_or_queryset: Any, **kwargs):
        return super()._search(  # type: ignore[misc]
            query_compiler_class, _normalize_query(query), model_or_queryset, **kwargs
        )


@functools.cache
def _normalizing_indexer(module: Any) -> None:
    """The vendor module builds ``ObjectIndexer`` instances by name: give it the folding one."""
    original = module.ObjectIndexer
    if not issubclass(original, NormalizingIndexerMixin):
        module.ObjectIndexer = type(original.__name__, (NormalizingIndexerMixin, original), {})


@functools.cache
def _normalizing_backend(backend_class: type) -> type:
    return type(
        f"Normalizing{backend_class.__name__}", (NormalizingBackendMixin, backend_class), {}
    )


def SearchBackend(params: dict) -> Any:  # noqa: N802 - the name Wagtail's loader looks for
    backend = database.SearchBackend(params)
    module = __import__(type(backend).__module__, fromlist=["ObjectIndexer"])
    if hasattr(module, "ObjectIndexer"):
        _normalizing_indexer(module)
    return _normalizing_backend(type(backend))(params)
