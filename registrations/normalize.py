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
    """Email addresses are compared case-insensitively and without stray spaces."""
    return to_ascii_digits(clean_line(text)).replace(" ", "").lower()
