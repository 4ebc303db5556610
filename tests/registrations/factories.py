"""Registration data for tests, built through the services (the one door), never by hand.

Sessions are created as Persian (source-locale) children of a sister city; applications are
walked along the lifecycle with the real services so every test starts from a real state.
"""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page

from cities.models import CooperationArea, CooperationTopic, Region, SessionPage, SisterCityPage
from registrations import services
from registrations.inputs import ApplicationInput
from registrations.lifecycle import Status
from registrations.models import Application

_numbers = itertools.count(100)
_emails = itertools.count(1)


def city(slug: str = "florence") -> SisterCityPage:
    """A demo sister city's source (Persian) page."""
    return SisterCityPage.objects.get(slug=slug, locale__language_code="fa")


def make_session(
    parent: SisterCityPage | None = None,
    *,
    capacity: int = 20,
    starts_in: timedelta = timedelta(days=30),
    registration_open: bool = True,
    **fields: Any,
) -> SessionPage:
    parent = parent or city()
    number = next(_numbers)
    now = timezone.now()
    starts_at = now + starts_in
    session = SessionPage(
        title=f"Test co-session {number}",
        slug=f"test-co-session-{number}",
        number=number,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=3),
        venue="Isfahan City Hall",
        capacity=capacity,
        registration_opens_at=now - timedelta(days=1)
        if registration_open
        else now + timedelta(days=1),
        registration_closes_at=starts_at - timedelta(days=1),
        **fields,
    )
    parent.add_child(instance=session)
    return session


def application_input(**overrides: Any) -> ApplicationInput:
    values: dict[str, Any] = {
        "full_name": "مریم احمدی",
        "email": f"applicant{next(_emails)}@example.org",
        "phone": "0912 345 6789",
        "category": "ACADEMIC",
        "residence_country": "IR",
        "residence_city": "اصفهان",
        "organisation": "Isfahan University of Technology",
        "languages": ["fa", "it"],
        "expertise": "Urban heritage",
        "channels": "Visiting professor in Florence",
        "topics": ["city-marketing"],
        "city": "florence",
        "session": None,
        "motivation": "I can connect the two universities.",
        "preferred_locale": "fa",
        "consent": True,
        "roster_opt_in": True,
    }
    values.update(overrides)
    return ApplicationInput(**values)


def staff(username: str = "chair", **extra: Any):
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username,
        defaults={"is_superuser": True, "is_staff": True, "email": f"{username}@example.org"},
        **extra,
    )
    return user


def submitted(**overrides: Any) -> tuple[Application, str]:
    result = services.submit_application(application_input(**overrides), language="fa")
    return result.application, result.status_token


def _confirm_token(application: Application) -> str:
    """Re-issue a confirmation token the way a repeated submission would, for tests."""
    from registrations.tokens import new_token

    token, token_hash = new_token()
    Application.objects.filter(pk=application.pk).update(confirmation_token_hash=token_hash)
    return token


def under_review(**overrides: Any) -> Application:
    application, _token = submitted(**overrides)
    return services.confirm_email(_confirm_token(application))


def decided(decision: str = Status.ACCEPTED, **overrides: Any) -> Application:
    return services.decide(under_review(**overrides), decision=decision, by=staff())


def invited(session: SessionPage, **overrides: Any) -> tuple[Application, str]:
    application = decided(Status.ACCEPTED, **overrides)
    result = services.invite(application, session=session, by=staff())
    application.refresh_from_db()
    return application, result.rsvp_token


def confirmed(session: SessionPage, **overrides: Any) -> Application:
    application, token = invited(session, **overrides)
    services.respond_to_invitation(token, accept=True)
    application.refresh_from_db()
    return application


def hold(session: SessionPage) -> None:
    """Move a session into the past (as if it had taken place)."""
    past = timezone.now() - timedelta(days=1)
    SessionPage.objects.filter(pk=session.pk).update(
        starts_at=past, ends_at=past + timedelta(hours=3)
    )


def minimal_programme() -> tuple[SisterCityPage, CooperationTopic]:
    """Just enough content for transactional tests, which cannot rely on the demo programme.

    Reuses the demo's rows when they exist (the database is flushed only after such a test).
    """
    fa, _ = Locale.objects.get_or_create(language_code="fa")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=fa)
    existing = SisterCityPage.objects.filter(slug="florence", locale=fa).first()
    region, _ = Region.objects.get_or_create(slug="europe", locale=fa, defaults={"name": "اروپا"})
    area, _ = CooperationArea.objects.get_or_create(
        slug="culture-tourism-media", locale=fa, defaults={"name": "فرهنگ"}
    )
    topic, _ = CooperationTopic.objects.get_or_create(
        slug="city-marketing", locale=fa, defaults={"name": "بازاریابی شهری", "area": area}
    )
    if existing is not None:
        return existing, topic
    florence = SisterCityPage(
        title="فلورانس",
        slug="florence",
        locale=fa,
        country="IT",
        region=region,
        twinned_since=1998,
        time_zone="Europe/Rome",
    )
    root.add_child(instance=florence)
    return florence, topic
