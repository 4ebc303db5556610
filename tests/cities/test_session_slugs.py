"""`session(slug)` finds a co-session by slug, so a slug names one session in each language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cities.models import SessionPage, SisterCityPage

pytestmark = pytest.mark.django_db


def _session(city: SisterCityPage, slug: str) -> SessionPage:
    starts = timezone.now() + timedelta(days=30)
    return SessionPage(
        title="Co-session",
        slug=slug,
        number=3,
        locale=city.locale,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        capacity=10,
    )


def test_a_session_slug_used_under_another_city_is_refused():
    havana = SisterCityPage.objects.get(slug="havana", locale__language_code="en")
    session = _session(havana, "florence-co-session-2")
    with pytest.raises(ValidationError) as caught:
        havana.add_child(instance=session)
    assert "slug" in caught.value.message_dict


def test_a_new_slug_is_accepted_and_the_same_slug_in_another_language_is_fine():
    havana = SisterCityPage.objects.get(slug="havana", locale__language_code="fa")
    havana.add_child(instance=_session(havana, "havana-co-session-1"))
    existing = SessionPage.objects.get(slug="florence-co-session-2", locale__language_code="en")
    existing.full_clean()  # the Persian page with the same slug is its translation
