"""HTTP caching and purging: the one place that decides what is cached, for how long, and when
it is thrown away.

Every cacheable response (GraphQL GET queries that read only public content, the site's pages,
the REST API v2) carries ``Cache-Control: public``, a strong ``ETag`` (``If-None-Match`` is
answered with 304), ``Vary`` and a ``Surrogate-Key``/``xkey`` header naming what it was built
from (*tags*):

- ``page:<id>`` for every page read (a translation's shared values add its source page),
- ``type:<app.model>`` for every page model listed (a newly published page changes the lists),
- ``snippet:<app.model>`` for regions, areas and topics,
- ``seats:<session id>`` for seat counts (``seatsLeft``, ``registrationState``),
- ``image:<id>`` for every image shown (hero images, image blocks, images in rich text),
- ``tracked-items`` for the cooperation map's tracked-item table, ``facilitators`` for the
  facilitator counts of every city and ``facilitators:<city id>`` for one city's,
- ``pages`` for answers any page can change (``page(path)``, ``search``),
- ``html`` for every site page (menus and indexes show other pages), ``rest`` for REST v2.

Anything personal, every mutation and every preview is ``private, no-store``.

GraphQL GET responses are also kept server side, in Django's cache (local memory unless
``CACHE_URL`` names Redis), keyed by document + variables + operation + language. An entry is
valid while every tag it was built from keeps the version it had when it was stored; purging a
tag bumps its version, so a purge is one cache write per tag whatever the number of entries.

Publishing, unpublishing, moving or deleting a page, saving or deleting a snippet or an image
(or deleting its renditions), every change of an invitation (the only thing a seat count reads),
every status change that moves an application into or out of the facilitator counts, and every
rewrite of the tracked-item table purge the tags concerned, after the transaction commits, in
the server cache and in the reverse proxies named by ``HTTP_CACHE_PURGE_URLS`` (an xkey
``PURGE`` per proxy). Wagtail's ``frontend_cache`` purges the page URLs when
``WAGTAILFRONTENDCACHE`` is configured.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

PRIVATE = "private, no-store"
SURROGATE_HEADER = "Surrogate-Key"
XKEY_HEADER = "xkey"
HTML_TAG = "html"
ANY_PAGE_TAG = "pages"
REST_TAG = "rest"
MAX_TAGS_HEADER_LENGTH = 8000
"""A response built from more tags than fit is tagged ``html``/``rest``/``all`` only."""
ALL_TAG = "all"

_collected: ContextVar[set[str] | None] = ContextVar("http_cache_tags", default=None)
_public: ContextVar[bool | None] = ContextVar("http_cache_public", default=None)


# --- Settings ---------------------------------------------------------------------------------


def max_age() -> int:
    """Seconds a browser may keep a response without asking (ETag revalidation after that)."""
    return int(getattr(settings, "HTTP_CACHE_MAX_AGE", 0))


def shared_max_age() -> int:
    """Seconds a purged cache (the server's, the reverse proxy's) keeps a response."""
    return int(getattr(settings, "HTTP_CACHE_SHARED_MAX_AGE", 600))


def stale_while_revalidate() -> int:
    return int(getattr(settings, "HTTP_CACHE_STALE_WHILE_REVALIDATE", 30))


def server_cache_enabled() -> bool:
    return bool(getattr(settings, "HTTP_CACHE_SERVER_SIDE", True))


def _cache():
    return caches[getattr(settings, "HTTP_CACHE_ALIAS", "default")]


# --- Collecting what a response was built from -------------------------------------------------


@contextmanager
def collecting():
    """Collect the tags (and the public/private verdict) of what runs inside."""
    tags_token = _collected.set(set())
    public_token = _public.set(None)
    try:
        yield
    finally:
        _collected.reset(tags_token)
        _public.reset(public_token)


def collected_tags() -> set[str]:
    return set(_collected.get() or ())


def tag(*tags: str) -> None:
    """Record that the response being built depends on ``tags`` (no-op outside a request)."""
    found = _collected.get()
    if found is not None:
        found.update(tags)


def model_label(model: type) -> str:
    return model._meta.label_lower


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def tag_pages(pages: Iterable[Any]) -> None:
    """The response shows these pages (their ids and their models' lists)."""
    found = _collected.get()
    if found is None:
        return
    for page in pages:
        found.add(page_tag(page.pk))
        found.add(f"type:{model_label(type(page))}")


def tag_model(model: type) -> None:
    """The response lists pages of ``model`` (a page published later changes it)."""
    tag(f"type:{model_label(model)}")


def tag_snippets(model: type) -> None:
    tag(f"snippet:{model_label(model)}")


def seats_tag(session_id: int) -> str:
    return f"seats:{session_id}"


def image_tag(image_id: int) -> str:
    return f"image:{image_id}"


def tag_images(images: Iterable[Any]) -> None:
    """The response shows these images (objects or ids; ``None`` is skipped)."""
    tag(*(image_tag(getattr(image, "pk", image)) for image in images if image is not None))


TRACKED_ITEMS_TAG = "tracked-items"
"""The cooperation map's tracked-item table (``cooperation.tracking`` rewrites it)."""

FACILITATORS_TAG = "facilitators"
"""Facilitator counts of every sister city (the cooperation matrix)."""


def facilitators_tag(city_id: int) -> str:
    return f"{FACILITATORS_TAG}:{city_id}"


def tag_facilitators(city_ids: Iterable[int] | None) -> None:
    """The response shows facilitator counts: of every city (``None``) or of these only.

    A count change purges both the city's tag and ``facilitators``, so an answer about every
    city needs one tag, not one per city, and an answer about one city is left alone when
    another city's count changes.
    """
    if city_ids is None:
        tag(FACILITATORS_TAG)
    else:
        tag(*(facilitators_tag(pk) for pk in city_ids))


def mark_private() -> None:
    """The response carries something personal or a change: never cache it anywhere."""
    _public.set(False)


def mark_public() -> None:
    """The response reads only public content (unless something else marks it private)."""
    if _public.get() is None:
        _public.set(True)


def is_marked_public() -> bool:
    return _public.get() is True


# --- Headers ------------------------------------------------------------------------------------


def etag_for(body: bytes) -> str:
    """A strong validator: the same bytes, the same tag."""
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


def set_private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = PRIVATE
    for header in ("ETag", SURROGATE_HEADER, XKEY_HEADER):
        if header in response:
            del response[header]
    return response


def _tags_header(tags: Iterable[str]) -> str:
    value = " ".join(sorted(set(tags)))
    if len(value) > MAX_TAGS_HEADER_LENGTH:
        return ALL_TAG
    return value


def set_public(response: HttpResponse, tags: Iterable[str], vary: Iterable[str] = ()) -> None:
    """Mark a response cacheable by browsers and shared caches, with its validator and tags."""
    response["Cache-Control"] = (
        f"public, max-age={max_age()}, s-maxage={shared_max_age()}, "
        f"stale-while-revalidate={stale_while_revalidate()}"
    )
    if not response.streaming:
        response["ETag"] = etag_for(response.content)
    tags_value = _tags_header([*tags, ALL_TAG])
    response[SURROGATE_HEADER] = tags_value
    response[XKEY_HEADER] = tags_value
    if vary:
        patch_vary_headers(response, list(vary))


def not_modified(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    if not header:
        return False
    if header.strip() == "*":
        return True
    candidates = {value.strip().removeprefix("W/") for value in header.split(",")}
    return etag in candidates


def _not_modified_response(response: HttpResponse) -> HttpResponse:
    answer = HttpResponseNotModified()
    for header in ("Cache-Control", "ETag", "Vary", SURROGATE_HEADER, XKEY_HEADER):
        if header in response:
            answer[header] = response[header]
    return answer


# --- Server-side response cache -------------------------------------------------------------------


def _version_key(tag_name: str) -> str:
    return f"httpcache:tag:{tag_name}"


def _versions(tags: Iterable[str]) -> dict[str, int]:
    tags = list(tags)
    stored = _cache().get_many([_version_key(t) for t in tags])
    return {t: int(stored.get(_version_key(t), 0)) for t in tags}


def response_key(request: HttpRequest, language: str) -> str:
    """Document + variables + operation (or persisted id / extensions) + language."""
    params = sorted((k, v) for k, values in request.GET.lists() for v in values)
    raw = json.dumps([request.path, language, params], ensure_ascii=False)
    return "httpcache:response:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_response(key: str) -> HttpResponse | None:
    """The stored response, if every tag it was built from is still at its stored version."""
    entry = _cache().get(key)
    if not entry:
        return None
    if _versions(entry["versions"]) != entry["versions"]:
        return None
    response = HttpResponse(entry["body"], content_type=entry["content_type"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def checked_tags(tags: Iterable[str]) -> set[str]:
    """The tags whose versions decide whether a stored GraphQL answer is still fresh.

    Every purge of a ``page:<id>`` also purges the page's ``type:<model>`` (``tags_for_page``),
    except a seat change, which GraphQL answers see through their ``seats:<session>`` tags. So
    an answer that carries a page type checks the type alone, not one version per page listed —
    a list of a hundred cities is checked with a handful of reads, not a hundred. The response
    header keeps every tag, for the reverse proxy's per-page purges.
    """
    tags = set(tags)
    if any(t.startswith("type:") for t in tags):
        tags = {t for t in tags if not t.startswith("page:")}
    return tags


def store_response(
    key: str, response: HttpResponse, tags: Iterable[str], checked: Iterable[str] | None = None
) -> None:
    """Keep ``response``; it stays fresh while ``checked`` (default: all ``tags``) do."""
    tags = {*(tags if checked is None else checked), ALL_TAG}
    entry = {
        "body": response.content,
        "content_type": response["Content-Type"],
        "headers": {
            name: response[name]
            for name in ("Cache-Control", "ETag", "Vary", SURROGATE_HEADER, XKEY_HEADER)
            if name in response
        },
        "versions": _versions(tags),
    }
    _cache().set(key, entry, shared_max_age())


# --- Purging -------------------------------------------------------------------------------------


def purge(tags: Iterable[str]) -> None:
    """Throw away everything built from ``tags``, once the current transaction commits.

    Purging before the commit would let a concurrent request cache the old rows again.
    """
    tags = sorted(set(tags))
    if tags:
        transaction.on_commit(lambda: purge_now(tags))


def purge_now(tags: Iterable[str]) -> None:
    tags = sorted(set(tags))
    cache = _cache()
    for tag_name in tags:
        key = _version_key(tag_name)
        try:
            cache.incr(key)
        except ValueError:
            # Not there (never stored, or evicted): any value differs from an entry's "0".
            cache.set(key, 1, None)
    _purge_proxies(tags)


def proxy_urls() -> list[str]:
    urls = getattr(settings, "HTTP_CACHE_PURGE_URLS", None)
    if urls is None:
        return []
    if isinstance(urls, str):
        urls = [u for u in urls.split(",") if u.strip()]
    return [u.strip() for u in urls]


class _PurgeRequest(Request):
    def get_method(self) -> str:
        return "PURGE"


def _purge_proxies(tags: list[str]) -> None:
    """One xkey ``PURGE`` per reverse proxy (the VCL in ``deploy/varnish/`` answers it)."""
    for url in proxy_urls():
        if urlsplit(url).scheme not in ("http", "https"):
            continue
        request = _PurgeRequest(url, headers={"xkey-purge": " ".join(tags)})
        try:
            with urlopen(request, timeout=5) as answer:  # noqa: S310 (scheme checked above)
                answer.read()
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from %s: %s", tags, url, error)


def tags_for_page(page: Any) -> set[str]:
    """What to purge when ``page`` changes: it, its translations, its model's lists, the site."""
    from wagtail.models import Page

    ids = set(
        Page.objects.filter(translation_key=page.translation_key).values_list("pk", flat=True)
    )
    ids.add(page.pk)
    tags = {page_tag(pk) for pk in ids}
    # The content type names the model without reading the row (gone after a delete).
    tags.add(f"type:{model_label(getattr(page, 'specific_class', None) or type(page))}")
    tags.update((ANY_PAGE_TAG, HTML_TAG, REST_TAG))
    return tags


def tags_for_session_seats(session_id: int) -> set[str]:
    """What a seat change at a session invalidates: its seat counts, and its and its city's
    pages (their HTML shows seats left and the registration state)."""
    from wagtail.models import Page

    tags = {seats_tag(session_id), REST_TAG}
    session = Page.objects.filter(pk=session_id).only("translation_key", "path").first()
    if session is None:
        return tags
    keys = {session.translation_key}
    parent = Page.objects.filter(path=session.path[: -Page.steplen]).only("translation_key")
    keys.update(parent.values_list("translation_key", flat=True))
    ids = Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
    tags.update(page_tag(pk) for pk in ids)
    return tags


def tags_for_facilitators(city_id: int) -> set[str]:
    """What a change in a city's facilitator count invalidates (see ``tag_facilitators``)."""
    return {FACILITATORS_TAG, facilitators_tag(city_id)}


def tags_for_image(image_id: int) -> set[str]:
    """What an image edit invalidates: what showed it, and REST v2 (its images endpoint and the
    pages that nest it are tagged ``rest`` only)."""
    return {image_tag(image_id), REST_TAG}


# --- Signal handlers (connected in ``CmsConfig.ready``) ------------------------------------------


def _page_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    purge(tags_for_page(instance))


def _page_moved(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Every URL below the moved page changes: throw everything away.
    purge({ALL_TAG})


def _snippet_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from wagtail.snippets.models import get_snippet_models

    # Snippets are registered by the apps' wagtail_hooks, after this module connects.
    if sender in get_snippet_models():
        purge({f"snippet:{model_label(sender)}", HTML_TAG, REST_TAG})


def _invitation_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.session_id:
        purge(tags_for_session_seats(instance.session_id))


IMAGE_METADATA_FIELDS = frozenset({"file_size", "file_hash"})
"""Fields Wagtail fills in on an image as it reads it: saving only these changes nothing shown."""


def _image_changed(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if update_fields and set(update_fields) <= IMAGE_METADATA_FIELDS:
        return
    purge(tags_for_image(instance.pk))


def _rendition_deleted(sender: Any, instance: Any, origin: Any = None, **kwargs: Any) -> None:
    from wagtail.images import get_image_model

    # Deleting an image deletes its renditions with it: the image's own purge covers them.
    if not isinstance(origin, get_image_model()):
        purge({image_tag(instance.image_id)})


def _transition_recorded(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    """Purge the facilitator counts an application's status change moved.

    Every status change is saved with exactly one transition audit entry (the registrations
    services' ``move``), which alone knows the status it came from; a change within the counted
    statuses (accepted → invited → confirmed → attended) or outside them moves no count.
    """
    from cooperation.matrix import changes_facilitator_count

    if (
        created
        and instance.action == instance.Action.TRANSITION
        and instance.application_id is not None
        and changes_facilitator_count(instance.from_status, instance.to_status)
    ):
        purge(tags_for_facilitators(instance.application.city_id))


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in apps.get_models():
        if issubclass(model, Page):
            page_published.connect(_page_changed, sender=model, dispatch_uid="http_cache_pub")
            page_unpublished.connect(_page_changed, sender=model, dispatch_uid="http_cache_unpub")
            post_delete.connect(_page_changed, sender=model, dispatch_uid="http_cache_del")
    post_page_move.connect(_page_moved, dispatch_uid="http_cache_move")
    post_save.connect(_snippet_changed, dispatch_uid="http_cache_snip_save")
    post_delete.connect(_snippet_changed, dispatch_uid="http_cache_snip_del")
    invitation = apps.get_model("registrations", "Invitation")
    post_save.connect(_invitation_changed, sender=invitation, dispatch_uid="http_cache_seats")
    post_delete.connect(_invitation_changed, sender=invitation, dispatch_uid="http_cache_seats_d")
    audit_entry = apps.get_model("registrations", "AuditEntry")
    post_save.connect(_transition_recorded, sender=audit_entry, dispatch_uid="http_cache_facil")
    _connect_image_signals()


def _connect_image_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.images import get_image_model

    image = get_image_model()
    post_save.connect(_image_changed, sender=image, dispatch_uid="http_cache_image_save")
    post_delete.connect(_image_changed, sender=image, dispatch_uid="http_cache_image_del")
    post_delete.connect(
        _rendition_deleted,
        sender=image.get_rendition_model(),
        dispatch_uid="http_cache_rendition_del",
    )


# --- GraphQL GET ---------------------------------------------------------------------------------


def cache_graphql(view: Callable[..., HttpResponse], language: Callable[[HttpRequest], str]):
    """Wrap the GraphQL view: cache public GET queries, mark everything else private.

    The schema's ``PublicQueryMarker`` extension says whether the operation read only public
    content; a GET answered with errors is not cached. Answers to signed-in users are private
    (staff may run ad-hoc documents that anonymous clients may not) and skip the server cache.
    """

    global _graphql_language
    _graphql_language = language

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or _signed_in(request):
            return set_private(view(request, *args, **kwargs))
        shared = server_cache_enabled()
        key = _graphql_key(request, language)
        if key is None:  # a malformed query string: the view answers its own 400
            return set_private(view(request, *args, **kwargs))
        if shared and (hit := serve_cached(request, key)) is not None:
            return hit
        with collecting():
            response = view(request, *args, **kwargs)
            public = is_marked_public() and _is_clean_graphql_answer(response)
            tags = collected_tags()
        if not public:
            return set_private(response)
        set_public(response, tags, vary=["Accept-Language"])
        if shared:
            store_response(key, response, tags, checked=checked_tags(tags))
            response["X-Response-Cache"] = "miss"
        if not_modified(request, response["ETag"]):
            return _not_modified_response(response)
        return response

    return wrapper


_graphql_language: Callable[[HttpRequest], str] | None = None
"""The GraphQL view's language rule, registered by ``cache_graphql`` (part of the key)."""


def serve_cached(request: HttpRequest, key: str) -> HttpResponse | None:
    """The stored answer for ``key`` (a 304 when the client has it), or None."""
    hit = cached_response(key)
    if hit is None:
        return None
    hit["X-Response-Cache"] = "hit"
    if not_modified(request, hit["ETag"]):
        return _not_modified_response(hit)
    return hit


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _is_clean_graphql_answer(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    try:
        payload = json.loads(response.content)
    except ValueError:
        return False
    return isinstance(payload, dict) and not payload.get("errors") and "data" in payload


# --- Site pages and REST v2 ----------------------------------------------------------------------


class HttpCacheMiddleware:
    """Cache headers for the site's pages and the REST API; private for the citizen's pages.

    Only anonymous GET/HEAD answers that set no cookie are public: a page that set the CSRF
    cookie or read a signed-in session is somebody's own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kind = _kind_of(request)
        if kind == "graphql":
            # A stored public answer needs none of the middleware below (sessions, CSRF,
            # messages…) nor the view: serve it here. Anything else goes to the view's wrapper.
            if (hit := _graphql_fast_path(request)) is not None:
                return hit
            return self.get_response(request)
        if kind is None:
            return self.get_response(request)
        with collecting():
            response = self.get_response(request)
            tags = collected_tags()
        if kind == "personal":
            if "Cache-Control" not in response:
                set_private(response)
            return response
        if not _cacheable(request, response):
            if request.method in ("GET", "HEAD") and response.status_code == 200:
                set_private(response)
            return response
        page = getattr(request, "_http_cache_page", None)
        if kind == "html":
            tags.add(HTML_TAG)
            if page is not None:
                tags.add(page_tag(page.pk))
        else:
            tags.add(REST_TAG)
        set_public(response, tags, vary=["Accept-Language"] if kind == "rest" else ())
        if not_modified(request, response["ETag"]):
            return _not_modified_response(response)
        return response

    def process_template_response(self, request: HttpRequest, response: HttpResponse):
        page = (response.context_data or {}).get("page")
        if page is not None and hasattr(page, "translation_key"):
            request._http_cache_page = page
        return response


PERSONAL_PREFIXES = ("/register/", "/en/register/")


def _graphql_fast_path(request: HttpRequest) -> HttpResponse | None:
    if (
        request.method not in ("GET", "HEAD")
        or _graphql_language is None
        or not server_cache_enabled()
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    ):
        return None
    key = _graphql_key(request, _graphql_language)
    return None if key is None else serve_cached(request, key)


def _graphql_key(request: HttpRequest, language: Callable[[HttpRequest], str]) -> str | None:
    """The response key, or None when the query string cannot even be read (too many fields)."""
    try:
        return response_key(request, language(request))
    except SuspiciousOperation:
        return None


def _kind_of(request: HttpRequest) -> str | None:
    path = request.path
    if path == "/graphql/":
        return "graphql"
    if path.startswith(("/admin/", "/graphql/", "/static/", "/media/", "/documents/", "/i18n/")):
        return None
    if path.startswith("/api/"):
        return "rest"
    parts = [p for p in path.split("/") if p]
    if "register" in parts[:2]:
        return "personal"
    return "html"


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cache-Control" not in response
        and not _signed_in(request)
        and "preview" not in request.GET
    )
