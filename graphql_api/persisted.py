"""Persisted queries: trusted documents registered at build time, and Apollo's APQ.

A front end registers its queries once (``manage.py register_queries``, from ``.graphql`` files
or a JSON manifest); each is stored under the SHA-256 of its exact text (``PersistedQuery``).
Clients then send only the hash:

* ``GET /graphql/?id=<sha256>&variables=…`` (``documentId`` and a ``sha256:`` prefix work too);
* Apollo's *automatic persisted queries*: ``extensions={"persistedQuery": {"version": 1,
  "sha256Hash": "<sha256>"}}``, with or without ``query``.

With ``GRAPHQL_PERSISTED_ONLY`` on (production's default), anonymous clients may run only
registered documents; staff signed in to the admin, and every client when it is off, may also
send ad-hoc queries, and an APQ hash sent with its query is then remembered in Django's cache
(never in the database: only the command registers trusted documents).

:func:`resolve_query` turns a request's parameters into the query text to run, or raises
:class:`PersistedQueryError`. Its messages ``PersistedQueryNotFound`` and
``PersistedQueryNotSupported`` are protocol tokens Apollo and urql clients match on, so they are
not translated; ``extensions.code`` carries the same meaning.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from graphql import GraphQLError, parse

SHA256 = re.compile(r"^[0-9a-f]{64}$")
CACHE_PREFIX = "graphql:persisted:"
CACHE_SECONDS = 24 * 3600
APQ_PREFIX = "graphql:apq:"

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
REQUIRED = "PERSISTED_QUERY_REQUIRED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
INVALID = "PERSISTED_QUERY_INVALID"


class PersistedQueryError(Exception):
    """A request the persisted-query rules refuse; ``code`` is its ``extensions.code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def document_hash(document: str) -> str:
    """The SHA-256 (lowercase hex) of the document's exact UTF-8 text."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


def persisted_only() -> bool:
    return bool(getattr(settings, "GRAPHQL_PERSISTED_ONLY", False))


def may_send_ad_hoc(request: HttpRequest) -> bool:
    """Ad-hoc documents are open unless ``GRAPHQL_PERSISTED_ONLY``; then only to staff."""
    if not persisted_only():
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_staff)


def trusted_document(sha256: str) -> str | None:
    """The registered document with this hash (cached), or None."""
    from .models import PersistedQuery

    key = CACHE_PREFIX + sha256
    document = cache.get(key)
    if document is None:
        document = (
            PersistedQuery.objects.filter(sha256=sha256).values_list("document", flat=True).first()
        )
        if document is None:
            return None
        cache.set(key, document, CACHE_SECONDS)
    return document


@dataclass
class Requested:
    """What the client sent: the query text and/or a document hash."""

    query: str | None
    sha256: str | None


def requested(params: dict[str, Any]) -> Requested:
    """The query and hash of a request's parameters (``id``, ``documentId`` or APQ)."""
    query = params.get("query")
    sha256: str | None = None
    for name in ("id", "documentId"):
        value = params.get(name)
        if value is not None:
            if not isinstance(value, str):
                raise PersistedQueryError(INVALID, _("The document id must be a string."))
            sha256 = value.removeprefix("sha256:")
    extensions = params.get("extensions") or {}
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if persisted is not None:
        if (
            not isinstance(persisted, dict)
            or persisted.get("version") != 1
            or not isinstance(persisted.get("sha256Hash"), str)
        ):
            raise PersistedQueryError(
                INVALID,
                _('extensions.persistedQuery must be {"version": 1, "sha256Hash": "<sha256>"}.'),
            )
        sha256 = persisted["sha256Hash"]
    if sha256 is not None:
        sha256 = sha256.lower()
        if not SHA256.match(sha256):
            raise PersistedQueryError(
                INVALID, _("A document id is the SHA-256 of the document, 64 hex digits.")
            )
    return Requested(query=query if isinstance(query, str) else None, sha256=sha256)


def resolve_query(params: dict[str, Any], request: HttpRequest) -> str | None:
    """The document to run for these parameters, after the persisted-query rules.

    None means the request names no document at all (the view answers 400).
    """
    asked = requested(params)
    if asked.sha256 is None:
        if asked.query is not None and not may_send_ad_hoc(request):
            raise PersistedQueryError(
                REQUIRED,
                _(
                    "This server runs only registered (persisted) queries. Send the id of a "
                    "registered document, or register this query."
                ),
            )
        return asked.query
    if asked.query is not None and document_hash(asked.query) != asked.sha256:
        raise PersistedQueryError(
            HASH_MISMATCH, _("The query does not match the SHA-256 hash sent with it.")
        )
    document = trusted_document(asked.sha256)
    if document is not None:
        return document
    ad_hoc = may_send_ad_hoc(request)
    if asked.query is None:
        remembered = cache.get(APQ_PREFIX + asked.sha256) if ad_hoc else None
        if remembered is None:
            raise PersistedQueryError(NOT_FOUND, "PersistedQueryNotFound")
        return remembered
    if not ad_hoc:
        raise PersistedQueryError(REQUIRED, "PersistedQueryNotSupported")
    cache.set(APQ_PREFIX + asked.sha256, asked.query, CACHE_SECONDS)
    return asked.query


# --- Registration (the management command) --------------------------------------------------


@dataclass
class Document:
    sha256: str
    text: str
    name: str


class ManifestError(ValueError):
    pass


def documents_from_file(path: Path) -> list[Document]:
    """The documents of a ``.graphql`` file (one document) or a JSON manifest.

    Manifests: Apollo's persisted-query manifest (``{"format": "apollo-persisted-query-manifest",
    "operations": [{"id", "name", "body"}]}``) or a plain ``{"<sha256>": "<document>"}`` map
    (Relay, GraphQL Code Generator). An id that is not the SHA-256 of its body is an error.
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".graphql", ".gql"):
        return [Document(document_hash(text), text, path.stem)]
    try:
        data = json.loads(text)
    except ValueError as error:
        raise ManifestError(f"{path}: not JSON ({error})") from error
    entries: list[tuple[str | None, str, str]] = []
    if isinstance(data, dict) and isinstance(data.get("operations"), list):
        for operation in data["operations"]:
            if not isinstance(operation, dict) or not isinstance(operation.get("body"), str):
                raise ManifestError(f"{path}: every operation needs a string body")
            entries.append(
                (operation.get("id"), operation["body"], str(operation.get("name") or ""))
            )
    elif isinstance(data, dict) and all(isinstance(v, str) for v in data.values()):
        entries = [(key, body, "") for key, body in data.items()]
    else:
        raise ManifestError(f"{path}: neither an Apollo manifest nor an id → document map")
    documents = []
    for given_id, body, name in entries:
        sha256 = document_hash(body)
        if given_id is not None and str(given_id).removeprefix("sha256:").lower() != sha256:
            raise ManifestError(f"{path}: id {given_id} is not the SHA-256 of its document")
        documents.append(Document(sha256, body, name or _operation_name(body)))
    return documents


def _operation_name(body: str) -> str:
    match = re.search(r"\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)", body)
    return match.group(1) if match else ""


def register(documents: list[Document], client: str = "") -> tuple[int, int]:
    """Store the documents (each must parse); returns (created, already registered)."""
    from .models import PersistedQuery

    for document in documents:
        try:
            parse(document.text)
        except GraphQLError as error:
            raise ManifestError(f"{document.name or document.sha256}: {error.message}") from error
    created = existing = 0
    for document in documents:
        _row, made = PersistedQuery.objects.get_or_create(
            sha256=document.sha256,
            defaults={"document": document.text, "name": document.name[:255], "client": client},
        )
        created += made
        existing += not made
        cache.delete(CACHE_PREFIX + document.sha256)
    return created, existing


__all__ = [
    "HASH_MISMATCH",
    "INVALID",
    "NOT_FOUND",
    "REQUIRED",
    "Document",
    "ManifestError",
    "PersistedQueryError",
    "document_hash",
    "documents_from_file",
    "may_send_ad_hoc",
    "register",
    "resolve_query",
]
