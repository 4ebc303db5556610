"""Helpers for values that must be one value across all translations of a page."""

from __future__ import annotations

import inspect
from typing import Any

from django.db.models import DEFERRED, Model
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init
from django.utils.functional import cached_property
from wagtail.models import Page


class BuiltFromRows:
    """Pages read from the database are built without running the constructor chain.

    Django builds each row's instance with ``cls(*values)``, which runs Wagtail's and
    modelcluster's ``__init__`` before Django's. Wagtail's act only on a new page (no id) and
    modelcluster's only on child relations passed as keyword arguments, which a row never
    carries, yet modelcluster walks every field of the model for each row to find that out: a
    list of a few hundred pages spent more time there than in SQLite. ``from_db`` here does
    what ``Model.from_db`` and ``Model.__init__`` do with a row (a fresh ``ModelState``, each
    loaded column stored, deferred ones left to their descriptor) and takes Django's way
    whenever a ``pre_init`` or ``post_init`` receiver listens to the model.
    """

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Any:
        if pre_init.has_listeners(cls) or post_init.has_listeners(cls):
            return super().from_db(db, field_names, values)  # type: ignore[misc]
        new = cls.__new__(cls)
        state = new._state = ModelState()
        state.adding = False
        state.db = db
        stored = new.__dict__
        columns = _row_columns(cls, field_names, len(values))
        for (attname, plain), value in zip(columns, values, strict=True):
            if value is DEFERRED:
                continue
            if plain:
                stored[attname] = value
            else:
                setattr(new, attname, value)
        return new


_PLAIN_DESCRIPTORS = (DeferredAttribute, ForeignKeyDeferredAttribute)
_ROW_COLUMNS: dict[tuple, list[tuple[str, bool]]] = {}


def _row_columns(model: type[Model], field_names: Any, count: int) -> list[tuple[str, bool]]:
    """(attname, stored directly?) of the columns a row of ``model`` brings, in row order.

    A row brings every concrete field or, when some are deferred, those in ``field_names``, in
    the model's field order (as ``Model.from_db`` reads them). A field whose class attribute is
    Django's plain or foreign-key deferred attribute is stored in ``__dict__``, which is all
    their ``__set__`` (if any) does on a new instance; any other descriptor gets ``setattr``.
    """
    fields = model._meta.concrete_fields
    key = (model, tuple(field_names) if count != len(fields) else None)
    columns = _ROW_COLUMNS.get(key)
    if columns is None:
        if count != len(fields):
            fields = [field for field in fields if field.attname in field_names]
        columns = [
            (field.attname, type(inspect.getattr_static(model, field.attname, None)) in
             _PLAIN_DESCRIPTORS)
            for field in fields
        ]  # fmt: skip
        _ROW_COLUMNS[key] = columns
    return columns


class SourceLocaleMixin:
    """Gives a translated page access to the page it was translated from.

    wagtail-localize copies choice, number and date values into a translation only when the
    translation is synced, so a translation's copy can go stale. Values that must be shared by
    every locale (session capacity and dates, Action Plan item tracking) are read from the
    source page: the first-created page with the same ``translation_key``.
    """

    @cached_property
    def source_page(self):
        if getattr(self, "_source_page", None) is not None:
            return self._source_page
        source = (
            type(self).objects.filter(translation_key=self.translation_key).order_by("pk").first()
        )
        return source or self

    def is_source(self) -> bool:
        return self.source_page.pk == self.pk


def translations_with_urls(page: Page, request=None) -> list[tuple[str, str]]:
    """(locale code, url) for every live translation of ``page``, itself included."""
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    return [(p.locale.language_code, p.get_url(request=request)) for p in pages]
