"""Persian-perfect text: digits, list joining, separators, time-zone names and collation.

The one place that knows how Persian readers expect numbers, lists and sorted lists to look.
Templates use it through ``{% load persian %}`` (``cms/templatetags/persian.py``); Python code
(emails, ``.ics`` files, views) calls it directly. Every function takes the reader's language and
leaves other languages as they were, so the same code serves every locale.

Collation: PyICU publishes no wheel for this platform (it builds from source against the system
ICU), so Persian is sorted with an explicit alphabet order (آ ا ب پ ت ث ج چ … ک گ ل م ن و ه ی),
letter variants folded (ي/ی, ك/ک, أ/إ/ا, ة/ۀ/ه, ؤ/و, ئ/ی), diacritics and the zero-width
non-joiner ignored. Other languages sort case- and accent-insensitively.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

T = TypeVar("T")

PERSIAN_LANGUAGES = frozenset({"fa"})
_TO_PERSIAN_DIGITS = str.maketrans("0123456789%", "۰۱۲۳۴۵۶۷۸۹٪")
PERSIAN_COMMA = "،"
# "·" between two facts reads as the Persian zero "۰": Persian gets "،", others an em dash.
SEPARATORS = {"fa": "، ", "default": " — "}

PERSIAN_ALPHABET = (
    "آ",
    "ا",
    "ب",
    "پ",
    "ت",
    "ث",
    "ج",
    "چ",
    "ح",
    "خ",
    "د",
    "ذ",
    "ر",
    "ز",
    "ژ",
    "س",
    "ش",
    "ص",
    "ض",
    "ط",
    "ظ",
    "ع",
    "غ",
    "ف",
    "ق",
    "ک",
    "گ",
    "ل",
    "م",
    "ن",
    "و",
    "ه",
    "ی",
)
_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ئ": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ؤ": "و",
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        **{chr(0x0660 + d): str(d) for d in range(10)},
    }
)
_RANK = {letter: index for index, letter in enumerate(PERSIAN_ALPHABET)}
_IGNORED = frozenset({"\u200c", "\u200d", "\u200e", "\u200f", "ـ", "ء"})


def language_of(language: str | None = None) -> str:
    return (language or translation.get_language() or "fa").split("-")[0].lower()


def is_persian(language: str | None = None) -> bool:
    return language_of(language) in PERSIAN_LANGUAGES


def localize_digits(value: object, language: str | None = None) -> str:
    """``72`` -> ``۷۲``, ``10:00`` -> ``۱۰:۰۰``, ``40%`` -> ``۴۰٪`` for Persian readers."""
    text = "" if value is None else str(value)
    return text.translate(_TO_PERSIAN_DIGITS) if is_persian(language) else text


def join_list(items: Iterable[object], language: str | None = None) -> str:
    """Items joined with the Persian comma "، " for Persian readers, ", " otherwise."""
    comma = f"{PERSIAN_COMMA} " if is_persian(language) else ", "
    return comma.join(str(item) for item in items if str(item))


def separator(language: str | None = None) -> str:
    """The separator between two facts on one line, never confusable with ۰."""
    return SEPARATORS.get(language_of(language), SEPARATORS["default"])


# -- Time zones ---------------------------------------------------------------------------------

# The sister cities' zones (and Tehran's) by the city people know them by.
ZONE_CITIES = {
    "Asia/Tehran": _("Tehran"),
    "Asia/Shanghai": _("Beijing"),
    "Asia/Kuala_Lumpur": _("Kuala Lumpur"),
    "Europe/Rome": _("Rome"),
    "Europe/Bucharest": _("Bucharest"),
    "Europe/Madrid": _("Madrid"),
    "Asia/Yerevan": _("Yerevan"),
    "Asia/Kuwait": _("Kuwait"),
    "Europe/Berlin": _("Berlin"),
    "America/Havana": _("Havana"),
    "Asia/Karachi": _("Karachi"),
    "Europe/Moscow": _("Moscow"),
    "Africa/Dakar": _("Dakar"),
    "Asia/Beirut": _("Beirut"),
}


def zone_display(zone_name: str, at: datetime | None = None, language: str | None = None) -> str:
    """``Rome time, 1 hour ahead of Greenwich`` / ``به وقت رم، ۱ ساعت جلوتر از گرینویچ``.

    The offset is the one in force at ``at`` (now by default), so it follows summer time.
    """
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        return zone_name
    offset = (at or timezone.now()).astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    with translation.override(language_of(language)):
        city = str(ZONE_CITIES.get(zone_name, zone_name.rsplit("/", 1)[-1].replace("_", " ")))
        hours, rest = divmod(abs(minutes), 60)
        if minutes == 0:
            text = _("%(city)s time, the same as Greenwich") % {"city": city}
        else:
            if rest:
                amount = _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
            else:
                amount = translation.ngettext("%(hours)s hour", "%(hours)s hours", hours) % {
                    "hours": hours
                }
            template = (
                _("%(city)s time, %(amount)s ahead of Greenwich")
                if minutes > 0
                else _("%(city)s time, %(amount)s behind Greenwich")
            )
            text = template % {"city": city, "amount": amount}
        return localize_digits(text, language)


# -- Collation ----------------------------------------------------------------------------------


def persian_sort_key(text: str) -> tuple:
    """A sort key in Persian alphabetical order (Persian letters before Latin ones)."""
    folded = unicodedata.normalize("NFC", str(text)).translate(_LETTER_VARIANTS)
    key: list[tuple[int, int]] = []
    for char in folded:
        if char in _IGNORED or unicodedata.category(char) == "Mn":
            continue
        if char.isspace():
            key.append((0, 0))
        elif char.isdigit() and char.isascii():
            key.append((1, int(char)))
        elif char in _RANK:
            key.append((2, _RANK[char]))
        else:
            key.append((3, ord(_latin_fold(char) or char)))
    return (tuple(key), str(text))


def _latin_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_key(text: str, language: str | None = None) -> tuple:
    """The reader's collation key for ``text``."""
    if is_persian(language):
        return persian_sort_key(text)
    return ((), _latin_fold(str(text)), str(text))


def collate(
    items: Iterable[T], key: Callable[[T], str] = str, language: str | None = None
) -> list[T]:
    """``items`` sorted in the reader's alphabetical order (by ``key(item)``)."""
    language = language_of(language)
    return sorted(items, key=lambda item: sort_key(key(item), language))
