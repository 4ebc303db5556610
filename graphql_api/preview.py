"""Signed, expiring links to preview a page's latest draft on a headless front end.

The token names a page revision and is signed with ``SECRET_KEY`` (``TimestampSigner``), so it
cannot be forged, and it expires after ``PREVIEW_TOKEN_MAX_AGE`` seconds (default one hour).
Nothing is stored: the revision is the draft.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from .errors import ContentErrorCode, PublicError

SALT = "graphql_api.preview"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(page: Page) -> str:
    """A token for ``page``'s latest revision (its current draft)."""
    revision = page.get_latest_revision()
    if revision is None:
        revision = page.save_revision(log_action=False)
    return _signer().sign_object({"page": page.pk, "revision": revision.pk}, compress=True)


def preview_url(token: str) -> str | None:
    """The front end's preview URL for ``token``, or None when PREVIEW_FRONTEND_URL is unset."""
    base = settings.PREVIEW_FRONTEND_URL
    if not base:
        return None
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'token': token})}"


def page_from_token(token: str) -> Page:
    """The draft page a token points at; raises a coded ``PublicError`` otherwise."""
    try:
        data = _signer().unsign_object(token, max_age=settings.PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PublicError(
            ContentErrorCode.EXPIRED_PREVIEW_TOKEN,
            _("This preview link has expired; open a new one from the admin."),
        ) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise PublicError(
            ContentErrorCode.INVALID_PREVIEW_TOKEN, _("This preview link is not valid.")
        ) from exc
    revision = (
        Revision.page_revisions.filter(
            pk=data.get("revision"), object_id=str(data.get("page"))
        ).first()
        if isinstance(data, dict)
        else None
    )
    if revision is None:
        raise PublicError(
            ContentErrorCode.INVALID_PREVIEW_TOKEN, _("This preview link is not valid.")
        )
    return revision.as_object()
