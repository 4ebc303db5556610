"""Create the organisations of ``seed.data`` in Persian and English if they are missing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from wagtail.models import Locale

from cities.models import SisterCityPage
from cms.translation import translate

from ..models import Organisation
from .data import OrganisationData


def load_organisations(
    organisations: Iterable[OrganisationData], fa: Locale, en: Locale, created: Counter[str]
) -> dict[str, Organisation]:
    """The Persian organisations by slug; creates and translates what is missing, nothing else."""
    result = {}
    for info in organisations:
        org = Organisation.objects.filter(slug=info.slug, locale=fa).first()
        with transaction.atomic():
            is_new = org is None
            if is_new:
                city = (
                    SisterCityPage.objects.filter(slug=info.city, locale=fa).first()
                    if info.city
                    else None
                )
                org = Organisation.objects.create(
                    slug=info.slug,
                    locale=fa,
                    name=info.name.fa,
                    kind=info.kind,
                    side=info.side,
                    city=city,
                    website=info.website,
                )
                created["organisations"] += 1
            # A new organisation was copied into every language in Persian (cms.sync).
            if is_new or org.get_translation_or_none(en) is None:
                translate(org, en, {info.name.fa: info.name.en})
        result[info.slug] = org
    return result
