"""Secret tokens handed to applicants (status, email confirmation, RSVP).

A token is 256 random bits, shown once (in the API answer or an emailed link). Only its
SHA-256 hash is stored: with that much entropy a plain hash cannot be reversed, and a leaked
database does not let anyone act as an applicant. Lookups are by hash (an indexed, unique
column), so comparing a token never leaks timing about other tokens.
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,128}$")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """(token to hand out, hash to store)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def looks_like_token(token: object) -> bool:
    """Cheap shape check, so junk never reaches the database."""
    return isinstance(token, str) and bool(_TOKEN_SHAPE.match(token))
