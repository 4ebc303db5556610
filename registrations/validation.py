"""Cleaning and checking a submission, collecting every field error at once.

Returns a ``CleanedApplication`` with normalised values and the resolved pages and topics, or
raises ``RegistrationValidationError`` listing ``(field, code, message)`` for each problem, so a
form or an API client can show them all together. Field names are the input's (snake_case).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, fields
from typing import Any

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import CooperationTopic, SessionPage, SisterCityPage
from cms.prepared_queries import PreparedQuery

from .errors import (
    DEFAULT_MESSAGES,
    ErrorCode,
    FieldError,
    RegistrationValidationError,
    interpolate,
)
from .inputs import ApplicationInput
from .models import Applicant
from .normalize import clean_email, clean_line, clean_text, to_ascii_digits

MAX_LENGTHS = {
    "full_name": 200,
    "email": 254,
    "phone": 32,
    "residence_city": 120,
    "organisation": 200,
    "expertise": 2000,
    "channels": 2000,
    "motivation": 4000,
}
MAX_LANGUAGES = 10
MAX_LANGUAGE_LENGTH = 40
MAX_TOPICS = 10
MAX_SLUG_LENGTH = 80
DEFAULT_PHONE_REGION = "IR"
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|javascript\s*:", re.IGNORECASE)


@dataclass
class CleanedApplication:
    full_name: str
    email: str
    phone: str
    category: str
    residence_country: str
    residence_city: str
    organisation: str
    languages: list[str]
    expertise: str
    channels: str
    motivation: str
    preferred_language: str
    roster_opt_in: bool
    city: SisterCityPage
    session: SessionPage | None
    topics: list[CooperationTopic] = field(default_factory=list)

    def profile(self) -> dict[str, Any]:
        """The applicant's fields, as ``Applicant`` stores them."""
        names = [
            "full_name",
            "email",
            "phone",
            "category",
            "residence_country",
            "residence_city",
            "organisation",
            "languages",
            "expertise",
            "channels",
            "preferred_language",
            "roster_opt_in",
        ]
        return {name: getattr(self, name) for name in names}

    def fingerprint(self) -> str:
        """Hash of everything submitted: equal fingerprints mean an identical repeat."""
        # The plain fields as they are (``asdict`` would deep-copy the pages too); the JSON
        # must not change: stored fingerprints and the status codes derived from them use it.
        data = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in {"city", "session", "topics"}
        }
        data["city"] = self.city.pk
        data["session"] = self.session.pk if self.session else None
        data["topics"] = sorted(t.slug for t in self.topics)
        encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(encoded.encode()).hexdigest()


class _Collector:
    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def add(self, name: str | None, code: ErrorCode, message=None) -> None:
        self.errors.append(FieldError(name, code, message or DEFAULT_MESSAGES[code]))

    def has(self, name: str) -> bool:
        return any(e.field == name for e in self.errors)


def _text(
    errors: _Collector, name: str, value: Any, *, required: bool = False, multiline: bool = False
) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(name, ErrorCode.INVALID_INPUT)
        return ""
    cleaned = clean_text(value) if multiline else clean_line(value)
    if required and not cleaned:
        errors.add(name, ErrorCode.REQUIRED)
    elif len(cleaned) > MAX_LENGTHS[name]:
        errors.add(
            name,
            ErrorCode.TOO_LONG,
            interpolate(
                _("Write at most %(limit)s characters (you wrote %(count)s)."),
                {"limit": MAX_LENGTHS[name], "count": len(cleaned)},
            ),
        )
    elif _MARKUP.search(cleaned):
        errors.add(name, ErrorCode.MARKUP_NOT_ALLOWED)
    return cleaned


def _phone(errors: _Collector, value: Any) -> str:
    raw = _text(errors, "phone", value)
    if not raw or errors.has("phone"):
        return ""
    try:
        number = phonenumbers.parse(to_ascii_digits(raw), DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        errors.add("phone", ErrorCode.INVALID_PHONE)
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _email(errors: _Collector, value: Any) -> str:
    if value is not None and not isinstance(value, str):
        errors.add("email", ErrorCode.INVALID_INPUT)
        return ""
    email = clean_email(value)
    if not email:
        errors.add("email", ErrorCode.REQUIRED)
    elif len(email) > MAX_LENGTHS["email"]:
        errors.add("email", ErrorCode.TOO_LONG)
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors.add("email", ErrorCode.INVALID_EMAIL)
    return email


def _category(errors: _Collector, value: Any) -> str:
    code = clean_line(value).lower() if isinstance(value, str) else ""
    if not code:
        errors.add("category", ErrorCode.REQUIRED)
    elif code not in Applicant.Category.values:
        errors.add("category", ErrorCode.INVALID_CHOICE)
    return code


def _country(errors: _Collector, value: Any) -> str:
    code = clean_line(value).upper() if isinstance(value, str) else ""
    if value and not isinstance(value, str):
        errors.add("residence_country", ErrorCode.INVALID_INPUT)
    elif code and code not in countries:  # the cached code table, not a sorted list
        errors.add(
            "residence_country",
            ErrorCode.INVALID_CHOICE,
            _("Give the country as a two-letter ISO code, e.g. IR, IT or DE."),
        )
    return code


def _languages(errors: _Collector, value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        errors.add("languages", ErrorCode.INVALID_INPUT)
        return []
    result: list[str] = []
    for item in (clean_line(v) for v in value):
        if item and item.casefold() not in {r.casefold() for r in result}:
            result.append(item)
    if len(result) > MAX_LANGUAGES or any(len(v) > MAX_LANGUAGE_LENGTH for v in result):
        errors.add(
            "languages",
            ErrorCode.TOO_LONG,
            interpolate(_("List at most %(limit)s languages."), {"limit": MAX_LANGUAGES}),
        )
    elif any(_MARKUP.search(v) for v in result):
        errors.add("languages", ErrorCode.MARKUP_NOT_ALLOWED)
    return result


def _slug(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    slug = clean_line(value).lower()
    return slug if slug and len(slug) <= MAX_SLUG_LENGTH else None


def _topics(errors: _Collector, value: Any) -> list[CooperationTopic]:
    if value is None or (isinstance(value, list | tuple) and not value):
        errors.add("topics", ErrorCode.REQUIRED, _("Choose at least one cooperation topic."))
        return []
    if not isinstance(value, list | tuple):
        errors.add("topics", ErrorCode.INVALID_INPUT)
        return []
    if len(value) > MAX_TOPICS:
        errors.add(
            "topics",
            ErrorCode.TOO_LONG,
            interpolate(_("Choose at most %(limit)s topics."), {"limit": MAX_TOPICS}),
        )
        return []
    slugs = [_slug(v) for v in value]
    wanted = sorted({s for s in slugs if s})
    found = {
        t.slug: t for t in (_TOPICS(settings.DEFAULT_CONTENT_LANGUAGE, wanted) if wanted else [])
    }
    unknown = [
        str(v)[:MAX_SLUG_LENGTH] for v, s in zip(value, slugs, strict=True) if s not in found
    ]
    if unknown:
        errors.add(
            "topics",
            ErrorCode.TOPIC_NOT_FOUND,
            interpolate(_("Unknown cooperation topic: %(slugs)s."), {"slugs": ", ".join(unknown)}),
        )
        return []
    return list({s: found[s] for s in slugs if s}.values())


def _source_of_live(
    model: type[SisterCityPage] | type[SessionPage], only: tuple[str, ...] = ()
) -> PreparedQuery:
    """The source-locale page (lowest pk of its translations) of the first live ``model`` page
    with a slug; one query, without the StreamField columns (or only the ``only`` ones),
    compiled once (a public submission runs it every time)."""

    def build(slug: str) -> QuerySet:
        live = model.objects.live().filter(slug=slug).order_by("pk").values("translation_key")
        pages = model.objects.filter(translation_key__in=live[:1]).order_by("pk")
        pages = pages.only(*only) if only else pages.defer_streamfields()
        return pages[:1]

    return PreparedQuery(build)


def _first(query: PreparedQuery, slug: Any) -> Any:
    slug = _slug(slug)
    if slug is None:
        return None
    found = query(slug)
    return found[0] if found else None


# What a submission reads of its city: the application's key, the title and translations for
# its emails, the tree position to check that a session belongs to it.
_CITY_COLUMNS = (
    "id", "content_type_id", "title", "slug", "translation_key", "locale_id", "path", "depth",
    "live", "url_path",
)  # fmt: skip
_CITY = _source_of_live(SisterCityPage, only=_CITY_COLUMNS)
_SESSION = _source_of_live(SessionPage)
_TOPICS = PreparedQuery(
    lambda language, slugs: CooperationTopic.objects.filter(
        locale__language_code=language, slug__in=slugs
    )
)


def find_city(slug: Any) -> SisterCityPage | None:
    """The source-locale page of the live sister city with this slug."""
    return _first(_CITY, slug)


def find_session(slug: Any) -> SessionPage | None:
    """The source-locale page of the live session with this slug."""
    return _first(_SESSION, slug)


def session_belongs_to_city(session: SessionPage, city: SisterCityPage) -> bool:
    parent = session.get_parent()
    return parent is not None and parent.translation_key == city.translation_key


def session_registration_error(session: SessionPage) -> ErrorCode | None:
    """Why a session takes no registrations now (from its source page), or None if it does."""
    state = session.registration_state()
    if state == SessionPage.RegistrationState.OPEN:
        return None
    if state == SessionPage.RegistrationState.FULL:
        return ErrorCode.SESSION_FULL
    return ErrorCode.REGISTRATION_CLOSED


def _city_and_session(
    errors: _Collector, city_slug: Any, session_slug: Any
) -> tuple[SisterCityPage | None, SessionPage | None]:
    city = None
    if not city_slug:
        errors.add("city", ErrorCode.REQUIRED)
    elif (city := find_city(city_slug)) is None:
        errors.add("city", ErrorCode.CITY_NOT_FOUND)
    if not session_slug:
        return city, None
    session = find_session(session_slug)
    if session is None:
        errors.add("session", ErrorCode.SESSION_NOT_FOUND)
    elif city is not None and not session_belongs_to_city(session, city):
        errors.add("session", ErrorCode.SESSION_NOT_IN_CITY)
    elif (code := session_registration_error(session)) is not None:
        errors.add("session", code)
    return city, session


def preferred_language(value: Any, fallback: str) -> str | None:
    """A configured language code for ``value`` (``"EN"`` → ``"en"``), else None."""
    codes = [code for code, _name in settings.LANGUAGES]
    if value in (None, ""):
        value = fallback
    if not isinstance(value, str):
        return None
    code = value.strip().lower().split("-")[0]
    return code if code in codes else None


def validate_application(data: ApplicationInput, *, language: str) -> CleanedApplication:
    """Clean ``data`` or raise ``RegistrationValidationError`` with every problem found."""
    errors = _Collector()
    full_name = _text(errors, "full_name", data.full_name, required=True)
    email = _email(errors, data.email)
    phone = _phone(errors, data.phone)
    category = _category(errors, data.category)
    country = _country(errors, data.residence_country)
    residence_city = _text(errors, "residence_city", data.residence_city)
    organisation = _text(errors, "organisation", data.organisation)
    languages = _languages(errors, data.languages)
    expertise = _text(errors, "expertise", data.expertise, multiline=True)
    channels = _text(errors, "channels", data.channels, multiline=True)
    motivation = _text(errors, "motivation", data.motivation, required=True, multiline=True)
    topics = _topics(errors, data.topics)
    city, session = _city_and_session(errors, data.city, data.session)
    locale = preferred_language(data.preferred_locale, language)
    if locale is None:
        errors.add("preferred_locale", ErrorCode.INVALID_LOCALE)
    if data.consent is not True:
        errors.add("consent", ErrorCode.CONSENT_REQUIRED)
    if errors.errors:
        raise RegistrationValidationError(errors.errors)
    assert city is not None and locale is not None
    return CleanedApplication(
        full_name=full_name,
        email=email,
        phone=phone,
        category=category,
        residence_country=country,
        residence_city=residence_city,
        organisation=organisation,
        languages=languages,
        expertise=expertise,
        channels=channels,
        motivation=motivation,
        preferred_language=locale,
        roster_opt_in=bool(data.roster_opt_in),
        city=city,
        session=session,
        topics=topics,
    )
