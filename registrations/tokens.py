"""Secret tokens handed to applicants: the status code, email-confirmation and RSVP tokens.

Links in emails (confirmation, RSVP) carry 256 random bits (``new_token``), which nobody types.

The **status code** is typed by people, so it is short and forgiving (``new_status_code``):
16 characters of Crockford's base32 (80 random bits) shown in groups, ``7K3M-Q9XD-2HVP-R8TA``.
Reading it back (``normalize_status_code``) ignores case, spaces and dashes, reads O as 0 and
I/L as 1, and accepts Persian and Arabic digits. Codes issued before it existed (43 characters
of URL-safe base64) keep working: ``hash_token`` tells the two shapes apart by length.

Only SHA-256 hashes are stored (of the canonical 16 characters for a status code): with 80 or
more random bits a plain hash cannot be reversed, so a leaked database lets nobody act as an
applicant. Lookups are by hash (an indexed, unique column).

Two signed values let the site show a status without the citizen typing the code:

- the **status link** emailed to the applicant (``status_link_value``): a signed reference plus
  a fingerprint of the current code's hash. It shows the status page and logs nobody in; it
  stops working when the code is re-issued or after ``STATUS_LINK_MAX_AGE``.
- the **receipt** after submitting (``seal_receipt_code``/``open_receipt_code``): the code rests
  in the session only encrypted with a one-time pad whose key travels, signed, in the redirect
  URL; neither half alone reveals it, and the session half is removed when the receipt is shown.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.core import signing

TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,128}$")

CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
STATUS_CODE_LENGTH = 16  # x 5 bits = 80 bits
STATUS_CODE_GROUP = 4
# Legacy tokens are 43 characters; anything this long is never read as a short code.
_LEGACY_MIN_LENGTH = 40
_CODE_READING = str.maketrans(
    {
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        "O": "0",
        "I": "1",
        "L": "1",
    }
)
# Spaces, dashes of every kind, and invisible joiners people paste along with a code.
_CODE_NOISE = re.compile(r"[\s\-\u2010-\u2015\u2212\u00ad\u200b-\u200f\u2066-\u2069_.]")

STATUS_LINK_SALT = "registrations.status-link"
STATUS_LINK_MAX_AGE = 366 * 24 * 3600
RECEIPT_SALT = "registrations.receipt"
RECEIPT_MAX_AGE = 15 * 60


def new_token() -> tuple[str, str]:
    """(token to hand out, hash to store): 256 bits for links nobody types."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def new_status_code() -> tuple[str, str]:
    """(grouped code to hand out, hash to store): 80 bits people can read and type."""
    canonical = "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(STATUS_CODE_LENGTH))
    return format_status_code(canonical), _sha256(canonical)


def status_code_from_digest(digest: bytes) -> tuple[str, str]:
    """(grouped code, hash) made from the first 80 bits of ``digest`` (a keyed hash).

    For codes that must come out the same for the same input (an identical repeated
    submission gets the code its first answer carried) yet be unguessable without the key.
    """
    number = int.from_bytes(digest[:10], "big")
    canonical = "".join(
        CROCKFORD_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(STATUS_CODE_LENGTH))
    )
    return format_status_code(canonical), _sha256(canonical)


def _submission_digest(purpose: str, reference: str, fingerprint: str) -> bytes:
    """A keyed hash: the same for the same application and submission, unguessable otherwise.

    Submission tokens are derived with ``SECRET_KEY`` rather than drawn at random so that an
    identical repeat can hand out the very token the first answer carried (instead of a new one
    that would make every earlier answer's token stop working), and so that the task worker can
    compose the confirmation email later without the token ever being stored.
    """
    key = f"registrations.{purpose}-token:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{reference}:{fingerprint}".encode(), hashlib.sha256).digest()


def submission_confirm_token(reference: str, fingerprint: str) -> tuple[str, str]:
    """(token, hash) of the email-confirmation link of a submission."""
    digest = _submission_digest("confirm", reference, fingerprint)
    token = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return token, hash_token(token)


def submission_status_code(reference: str, fingerprint: str) -> tuple[str, str]:
    """(typeable status code, hash) of a submission (``status_code_from_digest``)."""
    return status_code_from_digest(_submission_digest("status", reference, fingerprint))


def format_status_code(canonical: str) -> str:
    """``7K3MQ9XD2HVPR8TA`` -> ``7K3M-Q9XD-2HVP-R8TA``."""
    step = STATUS_CODE_GROUP
    return "-".join(canonical[i : i + step] for i in range(0, len(canonical), step))


def normalize_status_code(text: object) -> str | None:
    """The canonical 16 characters of a typed status code, or None if it is not one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    candidate = _CODE_NOISE.sub("", text).upper().translate(_CODE_READING)
    if len(candidate) != STATUS_CODE_LENGTH:
        return None
    if any(char not in CROCKFORD_ALPHABET for char in candidate):
        return None
    return candidate


def hash_token(token: str) -> str:
    """The stored form of a token or status code (a status code in its canonical form)."""
    if len(token) < _LEGACY_MIN_LENGTH:
        canonical = normalize_status_code(token)
        if canonical is not None:
            return _sha256(canonical)
    return _sha256(token)


def looks_like_token(token: object) -> bool:
    """Cheap shape check, so junk never reaches the database."""
    if not isinstance(token, str):
        return False
    return bool(_TOKEN_SHAPE.match(token)) or normalize_status_code(token) is not None


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


# -- The emailed status link -------------------------------------------------------------------

_LINK_FINGERPRINT = 16  # hex characters of the stored hash: binds the link to the current code


def status_link_value(reference: str, status_token_hash: str) -> str:
    """A signed value naming the application and its current code, for the emailed link."""
    payload = {"r": reference, "h": status_token_hash[:_LINK_FINGERPRINT]}
    return signing.TimestampSigner(salt=STATUS_LINK_SALT).sign_object(payload)


def read_status_link(value: object) -> tuple[str, str] | None:
    """(reference, hash fingerprint) from a status link's value, or None if forged or old."""
    if not isinstance(value, str) or len(value) > 300:
        return None
    try:
        payload = signing.TimestampSigner(salt=STATUS_LINK_SALT).unsign_object(
            value, max_age=STATUS_LINK_MAX_AGE
        )
        reference, fingerprint = payload["r"], payload["h"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not isinstance(reference, str) or not isinstance(fingerprint, str):
        return None
    if len(fingerprint) != _LINK_FINGERPRINT:
        return None
    return reference, fingerprint


# -- The one-time receipt -----------------------------------------------------------------------


def seal_receipt_code(code: str) -> tuple[str, str]:
    """(sealed code for the session, signed key for the redirect URL)."""
    raw = code.encode()
    key = secrets.token_bytes(len(raw))
    sealed = bytes(a ^ b for a, b in zip(raw, key, strict=True))
    signed_key = signing.dumps(
        base64.urlsafe_b64encode(key).decode(), salt=RECEIPT_SALT, compress=False
    )
    return base64.urlsafe_b64encode(sealed).decode(), signed_key


def open_receipt_code(sealed: str, signed_key: str) -> str | None:
    """The code sealed by ``seal_receipt_code``, or None if the key is forged, old or wrong."""
    try:
        key = base64.urlsafe_b64decode(
            signing.loads(signed_key, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
        )
        raw = base64.urlsafe_b64decode(sealed)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if len(key) != len(raw):
        return None
    try:
        return bytes(a ^ b for a, b in zip(raw, key, strict=True)).decode()
    except UnicodeDecodeError:
        return None
