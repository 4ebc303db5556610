"""What a citizen submits, as the services receive it from the site's form or GraphQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Application


@dataclass
class ApplicationInput:
    """Raw submission; ``registrations.validation`` cleans and checks every field.

    Field names follow API.md (snake_case). ``city``, ``session`` and ``topics`` are slugs,
    the same in every locale; ``category`` is a name such as ``"BUSINESS"`` (case-insensitive);
    ``residence_country`` an ISO 3166 alpha-2 code; ``languages`` a list of languages spoken.
    """

    full_name: str = ""
    email: str = ""
    city: str = ""
    category: str = ""
    phone: str = ""
    residence_country: str = ""
    residence_city: str = ""
    organisation: str = ""
    languages: list[str] = field(default_factory=list)
    expertise: str = ""
    channels: str = ""
    topics: list[str] = field(default_factory=list)
    session: str | None = None
    motivation: str = ""
    preferred_locale: str | None = None
    consent: bool = False
    roster_opt_in: bool = False


@dataclass(frozen=True)
class SubmissionResult:
    """The application, its status token (shown once) and whether it was newly created."""

    application: Application
    status_token: str
    created: bool
