"""Normalisation of what people type, Persian keyboards included.

Persian text typed on Arabic keyboard layouts carries Arabic ي and ك, and numbers typed on
Persian or Arabic keyboards carry their own digits. Both are folded here so that searching,
duplicate detection and phone parsing see one spelling. Invisible direction overrides are
dropped (they can disguise a name); the zero-width non-joiner stays, Persian words need it.
"""

from __future__ import annotations

import re
import unicodedata

_CHARACTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # Arabic alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u0640": None,  # tatweel (kashida), decoration only
    }
)
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Bidirectional embeddings/overrides/isolates and other format characters except ZWNJ/ZWJ.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def to_ascii_digits(text: str) -> str:
    """Persian (۰–۹) and Arabic-Indic (٠–٩) digits to ASCII, where a number is meant."""
    return text.translate(_DIGITS)


def normalize_characters(text: str) -> str:
    """Unicode NFC, Arabic ي/ى/ك to Persian ی/ک, no kashida, no invisible overrides."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return text.translate(_CHARACTERS)


def clean_line(text: str | None) -> str:
    """A one-line value (a name, a city): normalised, spaces collapsed, trimmed."""
    if not text:
        return ""
    text = normalize_characters(text.replace("\r", " ").replace("\n", " "))
    return _SPACES.sub(" ", text).strip()


def clean_text(text: str | None) -> str:
    """A multi-line value (motivation, expertise): normalised, lines trimmed, blank runs cut."""
    if not text:
        return ""
    text = normalize_characters(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_email(text: str | None) -> str:
    """An address, trimmed and lowercased (compared case-insensitively), otherwise as typed.

    Nothing inside it is removed or replaced: ``a b@example.org`` or an address carrying an
    invisible character must be refused by validation, not silently turned into
    ``ab@example.org``, which may be somebody else's address.
    """
    if not text:
        return ""
    return text.strip(" \t\r\n\u00a0").lower()


_URL = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)\S*"  # scheme:// or www.
    r"|\S+@\S+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?",  # bare domains: evil.example/x
    re.IGNORECASE,
)
# Five or more digits, possibly broken by spaces, dots, dashes, slashes or parentheses.
_PHONE_LIKE = re.compile(r"\+?\(?\d(?:[\s().\-/]*\d){4,}\)?")
_LEFTOVER = re.compile(r"[\s:;,\-–—|/\\(\[{]+$")
GREETING_MAX_LENGTH = 60


def greeting_name(name: str | None) -> str:
    """The name as an email may greet someone: no links, addresses or numbers, capped.

    Strangers choose what goes in the name field of a public form, and the greeting reaches
    whatever address they typed: without this, "Dear Visit evil.example or call +1 555…"
    makes the municipality deliver their message. Digits are dropped after normalisation so
    Persian and Arabic digits count too.
    """
    text = to_ascii_digits(clean_line(name))
    text = _URL.sub(" ", text)
    text = _PHONE_LIKE.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > GREETING_MAX_LENGTH:
        cut = text[:GREETING_MAX_LENGTH]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return _LEFTOVER.sub("", text).strip()


def search_key(text: str | None) -> str:
    """The form a name is stored and searched in: one spelling for every keyboard.

    Arabic ي/ك fold to Persian, digits to ASCII, case is folded, and the zero-width non-joiner
    (which Persian typists use inconsistently) counts as a space. Applied to the stored
    column and to the query alike.
    """
    text = clean_line(to_ascii_digits(text or "").replace("\u200c", " "))
    return text.casefold()
