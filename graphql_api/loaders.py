"""Per-request batch loading, so nested fields cost a fixed number of queries.

GraphQL resolves a list depth first: the first city's sessions are asked for before the second
city is touched. Each loader therefore remembers every object the API has handed out so far
("primed" keys) and, the first time a value is needed, loads it for all of them in one query.
Root resolvers prime what they return; loaders prime what they load. The cost of a request is
then a constant number of queries per *kind* of field, whatever the number of rows.

Localized lookups follow one rule: for every ``translation_key`` take the object in the
requested locale if it is live, else the default-locale (Persian) one, flagged as a fallback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from functools import reduce
from operator import or_
from typing import Any, Generic, Protocol, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Left
from django.db.models.lookups import In
from django.http import HttpRequest
from django.utils import timezone
from graphql import get_named_type
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

from cities.models import (
    ActionPlanPage,
    ActionPlanSession,
    CityTopic,
    CooperationArea,
    CooperationTopic,
    SessionPage,
    SisterCityPage,
    TrackedItem,
)
from cities.models.action_plans import ItemStatus, organisation_ids
from cms import http_cache
from cms.public_urls import public_url
from cms.staleness import NOT_A_TRANSLATION, TranslationState, translation_states
from cooperation.models import Organisation

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

FALLBACK_ATTR = "_api_is_fallback"
REQUESTED_LOCALE_ATTR = "_api_locale"


_MISSING: Any = object()


class BatchLoader(Generic[K, V]):
    """Loads the value of every primed key in one call, the first time any is asked for."""

    def __init__(self, load_many: Callable[[list[K]], Mapping[K, V]], default: Callable[[], V]):
        self._load_many = load_many
        self._default = default
        self._pending: dict[K, None] = {}
        self._values: dict[K, V] = {}

    def prime(self, keys: Iterable[K]) -> None:
        for key in keys:
            if key not in self._values:
                self._pending[key] = None

    def seed(self, values: Mapping[K, V]) -> None:
        """Values another query already brought; they are not loaded again."""
        for key, value in values.items():
            self._values[key] = value
            self._pending.pop(key, None)

    def get(self, key: K) -> V:
        value = self._values.get(key, _MISSING)  # one hash (a model's is a Python call)
        if value is not _MISSING:
            return value
        self._pending[key] = None
        keys = list(self._pending)
        self._pending.clear()
        loaded = self._load_many(keys)
        for k in keys:
            self._values[k] = loaded.get(k, self._default())
        return self._values[key]


def is_fallback(obj: Any) -> bool:
    return bool(getattr(obj, FALLBACK_ATTR, False))


def requested_locale(obj: Any) -> Locale | None:
    return getattr(obj, REQUESTED_LOCALE_ATTR, None)


def pick_localized(objects: Iterable[V], locale: Locale, default: Locale) -> list[V]:
    """One object per ``translation_key``: the one in ``locale``, else the default-locale one.

    Keeps the order of first appearance, and marks every object with the locale it was asked
    for and whether it is a fallback.
    """
    chosen: dict[Any, Any] = {}
    for obj in objects:
        key = obj.translation_key
        if obj.locale_id == locale.pk:
            chosen[key] = obj
        elif obj.locale_id == default.pk and key not in chosen:
            chosen[key] = obj
    for obj in chosen.values():
        setattr(obj, FALLBACK_ATTR, obj.locale_id != locale.pk)
        setattr(obj, REQUESTED_LOCALE_ATTR, locale)
    return list(chosen.values())


class PageRow:
    """A candidate page's key columns: enough to pick, sort and paginate before any model
    instance is built (``Loaders.localized_pages``)."""

    COLUMNS = ("pk", "path", "translation_key", "locale_id", "title", "slug")

    def __init__(
        self, pk: int, path: str, translation_key: Any, locale_id: int, title: str, slug: str
    ):
        self.pk = pk
        self.path = path
        self.translation_key = translation_key
        self.locale_id = locale_id
        self.title = title
        self.slug = slug


def in_locales(queryset: QuerySet, locale: Locale, default: Locale) -> QuerySet:
    """Restrict a translatable queryset to the requested and the default locale."""
    return queryset.filter(locale_id__in={locale.pk, default.pk} - {None})


def children_of(paths: Iterable[str]) -> Q:
    """Pages whose parent is at one of ``paths`` (matches nothing for no paths).

    One ``IN`` on the path's parent prefix per tree depth, rather than a ``LIKE`` per parent,
    which Django takes longer to compile than the database takes to run at a hundred cities.
    """
    by_length: dict[int, list[str]] = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    condition = Q(pk__in=[])
    for length, group in by_length.items():
        condition |= Q(depth=length // Page.steplen + 1) & Q(In(Left("path", length), group))
    return condition


def under_paths(paths: Iterable[str]) -> Q:
    """Pages below any of ``paths`` in the tree (matches nothing for no paths)."""
    paths = list(paths)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(path__startswith=path) for path in paths))


STREAM_FIELD_READERS: dict[str, frozenset[str]] = {
    "items": frozenset({"items", "progress", "progressByArea"}),
}
"""GraphQL fields that read a StreamField column not named like them (default: the name)."""


def stream_columns(model: type[Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, StreamField)]


PAGE_TYPE_MODELS: dict[str, type[Page]] = {
    "SisterCity": SisterCityPage,
    "Session": SessionPage,
    "ActionPlan": ActionPlanPage,
}
"""GraphQL object types of page models: a field selected on one of them reads only its model's
columns (a field on any other type is taken to read a same-named column of every model)."""


def selected_fields(
    schema: Any, operation: Any, fragments: Mapping[str, Any]
) -> frozenset[tuple[str, str]]:
    """(parent type name, field name) of every field the operation selects, at any depth,
    through fragments too; the parent is "" where the schema does not say."""
    root = {
        "query": schema.query_type,
        "mutation": schema.mutation_type,
        "subscription": schema.subscription_type,
    }.get(getattr(operation.operation, "value", operation.operation))
    selected: set[tuple[str, str]] = set()
    seen: set[str] = set()
    stack: list[tuple[Any, Any]] = [(operation.selection_set, root)]
    while stack:
        selection_set, parent = stack.pop()
        for selection in selection_set.selections if selection_set else ():
            kind = selection.kind
            if kind == "field":
                name = selection.name.value
                selected.add((parent.name if parent is not None else "", name))
                if selection.selection_set:
                    fields = getattr(parent, "fields", None) or {}
                    field = fields.get(name)
                    child = get_named_type(field.type) if field is not None else None
                    stack.append((selection.selection_set, child))
            elif kind == "inline_fragment":
                stack.append((selection.selection_set, _condition(schema, selection, parent)))
            elif kind == "fragment_spread":
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    fragment = fragments[name]
                    stack.append((fragment.selection_set, _condition(schema, fragment, None)))
    return frozenset(selected)


def _condition(schema: Any, fragment: Any, parent: Any) -> Any:
    condition = fragment.type_condition
    return schema.get_type(condition.name.value) if condition is not None else parent


class LocaleSource(Protocol):
    """What the loaders need from the request's context (``context.ApiContext``)."""

    request: HttpRequest

    @property
    def default_locale(self) -> Locale: ...

    def locale_by_id(self, locale_id: int) -> Locale: ...


class Loaders:
    """The batch loaders of one request (``info.context.loaders``)."""

    def __init__(self, context: LocaleSource):
        self.context = context
        self.request = context.request
        # path → translation_key of every city page loaded in this request, in any locale.
        self._city_key_by_path: dict[str, str] = {}
        self.translations: BatchLoader[Page, list[tuple[str, str]]] = BatchLoader(
            self._load_translations, list
        )
        self.city_sessions: BatchLoader[SisterCityPage, list[SessionPage]] = BatchLoader(
            lambda cities: self._load_children(SessionPage, cities), list
        )
        self.city_action_plans: BatchLoader[SisterCityPage, list[ActionPlanPage]] = BatchLoader(
            lambda cities: self._load_children(ActionPlanPage, cities), list
        )
        self.parent_city: BatchLoader[Page, SisterCityPage | None] = BatchLoader(
            self._load_parent_cities, lambda: None
        )
        self.seats_taken: BatchLoader[SessionPage, int] = BatchLoader(self._load_seats_taken, int)
        self.tracked_items: BatchLoader[ActionPlanPage, list[TrackedItem]] = BatchLoader(
            self._load_tracked_items, list
        )
        self.followed_sessions: BatchLoader[ActionPlanPage, list[SessionPage]] = BatchLoader(
            self._load_followed_sessions, list
        )
        self.city_topics: BatchLoader[SisterCityPage, list[CooperationTopic]] = BatchLoader(
            self._load_city_topics, list
        )
        # (source organisation pk, locale pk) → the organisation in that locale, else the source.
        self.organisations: BatchLoader[tuple[int, int], Organisation | None] = BatchLoader(
            self._load_organisations, lambda: None
        )
        self.renditions_ready: BatchLoader[Model, bool] = BatchLoader(
            self._prefetch_renditions, lambda: True
        )
        self._selected: frozenset[tuple[str, str]] | None = None
        self.sources: BatchLoader[Page, Page | None] = BatchLoader(self._load_sources, lambda: None)
        self.translation_state: BatchLoader[Page, TranslationState] = BatchLoader(
            self._load_translation_states, lambda: NOT_A_TRANSLATION
        )

    # --- Loading only what the operation selects ------------------------------------------

    def note_selection(self, info: Any) -> None:
        """Remember the fields of the operation (StreamFields no field reads are not read)."""
        if self._selected is None:
            raw = getattr(info, "_raw_info", info)
            self._selected = selected_fields(raw.schema, raw.operation, raw.fragments)

    def narrow(self, queryset: QuerySet, info: Any = None) -> QuerySet:
        """``queryset`` without the StreamField columns no selected field reads.

        StreamField columns are the big JSON of a page and decoding them dominates the cost of
        a list. A column is read when a field of its name (``STREAM_FIELD_READERS``) is selected
        on the model's GraphQL type, or on a type that is not a page model's (``Session``'s
        ``summary`` is not read for ``SisterCity``'s).
        """
        if info is not None:
            self.note_selection(info)
        selected = self._selected
        if selected is None:
            return queryset
        model = queryset.model
        unread = []
        for name in stream_columns(model):
            readers = STREAM_FIELD_READERS.get(name, frozenset({_camel(name)}))
            if not any(
                field in readers and issubclass(model, PAGE_TYPE_MODELS.get(type_name, model))
                for type_name, field in selected
            ):
                unread.append(name)
        return queryset.defer(*unread) if unread else queryset

    def specific_pages(self, ids: Sequence[int], info: Any = None) -> list[Page]:
        """The live-or-not specific pages with these ids, in this order: one query per page
        type, each without the StreamField columns the operation does not read (``narrow``),
        where ``.specific()`` would decode every column of every page."""
        from django.contrib.contenttypes.models import ContentType

        types = dict(Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
        by_type: dict[int, list[int]] = defaultdict(list)
        for pk, content_type_id in types.items():
            by_type[content_type_id].append(pk)
        found: dict[int, Page] = {}
        for content_type_id, pks in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            for page in self.narrow(model.objects.filter(pk__in=pks), info):
                found[page.pk] = page
        return [found[pk] for pk in ids if pk in found]

    def localized_pages(
        self,
        queryset: QuerySet,
        locale: Locale,
        default: Locale,
        choose: Callable[[list[PageRow]], list[PageRow]],
        info: Any = None,
    ) -> list[Page]:
        """``pick_localized`` over ``queryset``, building model instances only for the rows
        ``choose`` keeps (it sorts and paginates the picked rows by their key columns).

        The candidates in both locales are read as plain rows first; then one query loads the
        chosen pages (narrowed, with the queryset's ``select_related``). A list page of 100
        cities so builds 100 city instances, not one per city and locale of the programme.
        """
        rows = [
            PageRow(*values)
            for values in in_locales(queryset, locale, default).values_list(*PageRow.COLUMNS)
        ]
        if issubclass(queryset.model, SisterCityPage):
            self.remember_cities(rows)
        chosen = choose(pick_localized(rows, locale, default))
        if not chosen:
            return []
        loaded = self.narrow(queryset.filter(pk__in=[row.pk for row in chosen]), info)
        by_pk = {page.pk: page for page in loaded}
        pages = []
        for row in chosen:
            page = by_pk.get(row.pk)
            if page is not None:  # unpublished between the two queries
                setattr(page, FALLBACK_ATTR, getattr(row, FALLBACK_ATTR))
                setattr(page, REQUESTED_LOCALE_ATTR, locale)
                pages.append(page)
        return pages

    # --- Registration of what the API hands out ------------------------------------------

    def prime_pages(self, pages: Sequence[Page]) -> None:
        """Remember pages about to be returned so their nested fields load in batches."""
        http_cache.tag_pages(pages)
        self.translations.prime(pages)
        self.translation_state.prime(pages)
        for page in pages:
            if isinstance(page, SisterCityPage):
                self._city_key_by_path[page.path] = page.translation_key
                self.city_sessions.prime([page])
                self.city_action_plans.prime([page])
                self.city_topics.prime([page])
                if page.hero_image_id:
                    self.renditions_ready.prime([page.hero_image])
            elif isinstance(page, SessionPage):
                self.parent_city.prime([page])
                self.seats_taken.prime([page])
                self.sources.prime([page])
            elif isinstance(page, ActionPlanPage):
                self.parent_city.prime([page])
                self.tracked_items.prime([page])
                self.followed_sessions.prime([page])
                self.sources.prime([page])

    def prime_sources(self, pages: Iterable[Page]) -> None:
        """Batch the source pages of ``pages`` (before sorting by a shared value)."""
        self.sources.prime(pages)

    def remember_cities(self, cities: Iterable[SisterCityPage | PageRow]) -> None:
        """Record city paths (any locale) so children can be grouped without another query."""
        for city in cities:
            self._city_key_by_path[city.path] = city.translation_key

    def locales(self, page: Page) -> tuple[Locale, Locale]:
        locale = requested_locale(page) or self.context.locale_by_id(page.locale_id)
        return locale, self.context.default_locale

    # --- Shared values read from the source page -----------------------------------------

    def source_of(self, page: Page) -> Page:
        """The source-locale page (shared capacity, dates, tracking values), batch-loaded."""
        source = self.sources.get(page) or page
        if page.__dict__.get("source_page") is not source:
            page._source_page = source
            page.__dict__["source_page"] = source
        return source

    def _seed_sources(self, pages: list[Page], default: Locale) -> None:
        """Pages loaded in the requested and the default locale: the default-locale ones are
        the others' sources, so ``source_of`` need not load them a second time."""
        by_key = {page.translation_key: page for page in pages if page.locale_id == default.pk}
        self.sources.seed(
            {
                page: by_key[page.translation_key]
                for page in pages
                if page.locale_id != default.pk and page.translation_key in by_key
            }
        )

    def _load_sources(self, pages: list[Page]) -> dict[Page, Page]:
        """Default-locale pages are their own source; the others' sources come in one query
        per model, of the shared columns only (no StreamField but Action Plan items)."""
        default = self.context.default_locale
        keys_by_model: dict[type, set] = defaultdict(set)
        for page in pages:
            if page.locale_id != default.pk:
                keys_by_model[type(page)].add(page.translation_key)
        found: dict[tuple[type, Any], Page] = {}
        for model, keys in keys_by_model.items():
            unshared = [name for name in stream_columns(model) if name != "items"]
            candidates = model.objects.filter(translation_key__in=keys, locale_id=default.pk)
            for candidate in candidates.defer(*unshared):
                found[(model, candidate.translation_key)] = candidate
        result = {}
        for page in pages:
            source = page
            if page.locale_id != default.pk:
                source = found.get((type(page), page.translation_key), page)
            http_cache.tag(http_cache.page_tag(source.pk))
            result[page] = source
        return result

    # --- Loaders ---------------------------------------------------------------------------

    def _load_translations(self, pages: list[Page]) -> dict[Page, list[tuple[str, str]]]:
        keys = {page.translation_key for page in pages}
        found: dict[Any, list[tuple[str, str]]] = defaultdict(list)
        # Aliases are left out: they show another language's text, and the site redirects them
        # to their source (``cms.wagtail_hooks.serve_only_in_own_language``).
        live = (
            Page.objects.live()
            .filter(translation_key__in=keys, alias_of__isnull=True)
            .order_by("locale_id")
        )
        for translation in live:
            url = public_url(translation, self.request)
            if url is None:
                continue
            code = self.context.locale_by_id(translation.locale_id).language_code
            found[translation.translation_key].append((code, url))
        return {page: found[page.translation_key] for page in pages}

    def _load_children(self, model: type[Page], cities: list[SisterCityPage]) -> dict:
        """Live children of ``model`` for every city, localized like their city."""
        http_cache.tag_model(model)
        by_locale: dict[Any, list[SisterCityPage]] = defaultdict(list)
        for city in cities:
            by_locale[self.locales(city)].append(city)
        result: dict[SisterCityPage, list[Page]] = {}
        for (locale, default), group in by_locale.items():
            keys = {city.translation_key for city in group}
            known_keys = set(self._city_key_by_path.values())
            if not keys <= known_keys:
                self.remember_cities(
                    in_locales(
                        SisterCityPage.objects.filter(translation_key__in=keys), locale, default
                    ).only("path", "translation_key")
                )
            parent_paths = [p for p, key in self._city_key_by_path.items() if key in keys]
            if not parent_paths:
                result.update({city: [] for city in group})
                continue
            children = in_locales(self.narrow(model.objects.live()), locale, default).filter(
                children_of(parent_paths)
            )
            children = list(children)
            self._seed_sources(children, default)
            by_city_key: dict[Any, list[Page]] = defaultdict(list)
            for child in pick_localized(children, locale, default):
                city_key = self._city_key_by_path.get(child.path[: -Page.steplen])
                by_city_key[city_key].append(child)
            for city in group:
                result[city] = by_city_key[city.translation_key]
        for pages in result.values():
            self.prime_pages(pages)
        return result

    def _load_parent_cities(self, pages: list[Page]) -> dict[Page, SisterCityPage | None]:
        parent_paths = {page.path[: -Page.steplen] for page in pages}
        parents = list(
            self.narrow(SisterCityPage.objects.filter(path__in=parent_paths)).select_related(
                "region", "hero_image"
            )
        )
        self.remember_cities(parents)
        by_path = {parent.path: parent for parent in parents}
        # A fallback page's parent is in the default locale; show the city in the locale that
        # was asked for when it exists.
        wanted: dict[Any, SisterCityPage] = {}
        to_localize = defaultdict(set)
        for page in pages:
            parent = by_path.get(page.path[: -Page.steplen])
            if parent is None:
                continue
            locale, default = self.locales(page)
            if parent.locale_id != locale.pk:
                to_localize[(locale, default)].add(parent.translation_key)
        for (locale, default), keys in to_localize.items():
            for city in in_locales(
                self.narrow(SisterCityPage.objects.live())
                .filter(translation_key__in=keys)
                .select_related("region", "hero_image"),
                locale,
                default,
            ):
                if city.locale_id == locale.pk:
                    wanted[(city.translation_key, locale.pk)] = city
        result = {}
        for page in pages:
            parent = by_path.get(page.path[: -Page.steplen])
            if parent is None:
                result[page] = None
                continue
            locale, _default = self.locales(page)
            city = wanted.get((parent.translation_key, locale.pk), parent)
            setattr(city, FALLBACK_ATTR, city.locale_id != locale.pk)
            setattr(city, REQUESTED_LOCALE_ATTR, locale)
            result[page] = city
        self.prime_pages([city for city in result.values() if city is not None])
        return result

    def _load_seats_taken(self, sessions: list[SessionPage]) -> dict[SessionPage, int]:
        from registrations.selectors import confirmed_seat_counts

        sources = {session: self.source_of(session) for session in sessions}
        session_ids = {source.pk for source in sources.values()}
        counts = confirmed_seat_counts(session_ids)
        # Every session shown, also those with no seat taken yet: its first seat changes it.
        http_cache.tag(*(http_cache.seats_tag(pk) for pk in session_ids))
        return {session: counts.get(source.pk, 0) for session, source in sources.items()}

    def _load_tracked_items(self, plans: list[ActionPlanPage]) -> dict:
        """The batched equivalent of ``ActionPlanPage.tracked_items`` for many plans.

        The model property reads snippets one query per item; here every area and topic the
        plans mention, in every locale, is read in one query per snippet type.
        """
        sources = {plan: self.source_of(plan) for plan in plans}
        http_cache.tag_snippets(CooperationArea)
        http_cache.tag_snippets(CooperationTopic)
        raw = {plan: _raw_items(plan) for plan in plans}
        raw_sources = {plan: _raw_items(source) for plan, source in sources.items()}
        snippets = {
            model: _snippet_variants(
                model,
                {
                    value[field]
                    for items in raw_sources.values()
                    for value in items.values()
                    if value.get(field)
                },
            )
            for model, field in ((CooperationArea, "area"), (CooperationTopic, "topic"))
        }
        result = {}
        for plan in plans:
            locale_id = plan.locale_id
            items = []
            # The source's items, in its order: every locale lists the same items.
            for block_id, shared in raw_sources[plan].items():
                own = raw[plan].get(block_id, shared)
                items.append(
                    TrackedItem(
                        id=block_id,
                        title=own.get("title") or shared.get("title") or "",
                        description=own.get("description") or "",
                        partner=own.get("partner") or "",
                        area=snippets[CooperationArea].get(shared.get("area"), locale_id),
                        topic=snippets[CooperationTopic].get(shared.get("topic"), locale_id),
                        lead_actors=tuple(shared.get("lead_actors") or ()),
                        start_date=_date(shared.get("start_date")),
                        due_date=_date(shared.get("due_date")),
                        status=shared.get("status") or ItemStatus.PLANNED,
                        progress=int(shared.get("progress") or 0),
                        lead_organisation_ids=organisation_ids(shared.get("lead_organisations")),
                        partner_organisation_ids=organisation_ids(
                            shared.get("partner_organisations")
                        ),
                        locale_id=locale_id,
                    )
                )
                self.organisations.prime(
                    (pk, locale_id)
                    for pk in items[-1].lead_organisation_ids + items[-1].partner_organisation_ids
                )
            plan.__dict__["tracked_items"] = items
            result[plan] = items
        return result

    def _load_followed_sessions(self, plans: list[ActionPlanPage]) -> dict:
        prefetch_related_objects(
            plans,
            Prefetch(
                "followed_sessions",
                queryset=ActionPlanSession.objects.select_related("session"),
            ),
        )
        result = {}
        for plan in plans:
            sessions = [link.session for link in plan.followed_sessions.all() if link.session.live]
            locale = requested_locale(plan)
            for session in sessions:
                setattr(session, FALLBACK_ATTR, bool(locale) and session.locale_id != locale.pk)
                setattr(session, REQUESTED_LOCALE_ATTR, locale)
            result[plan] = sessions
        for sessions in result.values():
            self.prime_pages(sessions)
        return result

    def _load_city_topics(self, cities: list[SisterCityPage]) -> dict:
        http_cache.tag_snippets(CooperationTopic)
        prefetch_related_objects(
            cities, Prefetch("topics", queryset=CityTopic.objects.select_related("topic"))
        )
        return {city: [link.topic for link in city.topics.all()] for city in cities}

    def _load_organisations(self, keys: list[tuple[int, int]]) -> dict:
        http_cache.tag_snippets(Organisation)
        rows = Organisation.objects.filter(
            translation_key__in=Organisation.objects.filter(
                pk__in={pk for pk, _locale in keys}
            ).values("translation_key")
        ).select_related("city")
        variants = _SnippetVariants(rows, {pk for pk, _locale in keys})
        return {(pk, locale_id): variants.get(pk, locale_id) for pk, locale_id in keys}

    def _load_translation_states(self, pages: list[Page]) -> dict[Page, TranslationState]:
        states = translation_states(pages)
        return {page: states.get((Page, page.pk), NOT_A_TRANSLATION) for page in pages}

    def _prefetch_renditions(self, images: list[Model]) -> dict:
        prefetch_related_objects(images, "renditions")
        return dict.fromkeys(images, True)

    # --- Convenience -----------------------------------------------------------------------

    def now(self):
        if not hasattr(self, "_now"):
            self._now = timezone.now()
        return self._now


class _SnippetVariants:
    """Snippets by (source pk → translation_key) and by (translation_key, locale)."""

    def __init__(self, rows: Iterable[Model], source_ids: set[int]):
        self.key_by_id: dict[int, Any] = {}
        self.by_key_locale: dict[tuple[Any, int], Model] = {}
        self.by_id: dict[int, Model] = {}
        for row in rows:
            self.by_key_locale[(row.translation_key, row.locale_id)] = row
            if row.pk in source_ids:
                self.key_by_id[row.pk] = row.translation_key
                self.by_id[row.pk] = row

    def get(self, pk: int | None, locale_id: int) -> Model | None:
        if not pk or pk not in self.by_id:
            return None
        return self.by_key_locale.get((self.key_by_id[pk], locale_id), self.by_id[pk])


def _snippet_variants(model: type[Model], ids: set[int]) -> _SnippetVariants:
    if not ids:
        return _SnippetVariants([], set())
    keys = model.objects.filter(pk__in=ids).values("translation_key")
    return _SnippetVariants(model.objects.filter(translation_key__in=keys), ids)


def _raw_items(plan: ActionPlanPage) -> dict[str, dict]:
    """Block id → raw item value, without turning snippet ids into objects (no queries)."""
    return {
        block["id"]: block["value"]
        for block in plan.items.raw_data
        if block.get("type") == "item" and block.get("id")
    }


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
