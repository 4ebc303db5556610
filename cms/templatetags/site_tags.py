"""Tags the site's templates share: ``{% load site_tags %}``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page

from cms import http_cache
from cms.navigation import (
    LanguageVersion,
    footer_pages,
    home_page_for_active_locale,
    language_name,
    menu_pages,
    page_language_versions,
    path_language_versions,
)

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context: template.Context) -> list[LanguageVersion]:
    """The current page in every language it is live in (or, off Wagtail, the same path)."""
    request = context.get("request")
    page = context.get("page")
    if isinstance(page, Page):
        return page_language_versions(page, request)
    return path_language_versions(request) if request else []


@register.simple_tag
def home_page() -> Page | None:
    """The home page in the active language (for the site name link and the navigation)."""
    return home_page_for_active_locale()


@register.simple_tag
def main_menu(home: Page | None) -> list[Page]:
    """Pages in the header navigation, in the home page's language."""
    return menu_pages(home) if home else []


@register.simple_tag
def footer_menu(home: Page | None) -> list[Page]:
    """About, privacy policy and the like, in the home page's language."""
    return footer_pages(home) if home else []


@register.simple_tag
def privacy_page() -> Page | None:
    """The privacy notice (the standard page with slug ``privacy``) in the reader's language."""
    home = home_page_for_active_locale()
    if home is None:
        return None
    return next((p for p in footer_pages(home) if p.slug == "privacy"), None)


@register.simple_tag(takes_context=True)
def optional_include(context: template.Context, template_name: str) -> SafeString | str:
    """Render ``template_name`` with the current context, or nothing if it does not exist.

    Lets another app add to a page (the registration call to action on session and city pages
    is ``registrations/_register_cta.html``) without the page templates depending on it.
    """
    try:
        included = context.template.engine.get_template(template_name)
    except template.TemplateDoesNotExist:
        return ""
    with context.push():
        return included.render(context)


@register.filter
def language_display_name(code: str) -> str:
    """A language code (``es``) as its name in the reader's language."""
    return language_name(code)[1]


@register.filter
def utc_offset(time_zone: str) -> str:
    """``UTC+01:00`` for an IANA time zone, at this moment (so it follows summer time)."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ""
    offset = timezone.now().astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "−"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


@register.simple_tag
def city_topics(city) -> list:
    """The dossier's topics of cooperation with their snippets in one query."""
    return list(city.topics.select_related("topic"))


@dataclass(frozen=True)
class RegistrationSummary:
    state: str
    label: str
    seats_left: int
    opens_at: datetime | None
    closes_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.state == "open"


@register.simple_tag
def session_registration(session) -> RegistrationSummary:
    """Where registration for ``session`` stands, counting confirmed seats once."""
    source = session.source_page
    taken = session.seats_taken()
    state = session.registration_state(seats_taken=taken)
    return RegistrationSummary(
        state=state,
        label=str(session.RegistrationState(state).label),
        seats_left=session.seats_left(seats_taken=taken),
        opens_at=source.registration_opens_at,
        closes_at=source.registration_closes_at or source.starts_at,
    )


@register.simple_tag
def flat_cities(cities_by_region) -> list:
    """The cities of ``[(region, [city, …]), …]`` in one list, alphabetically for the reader."""
    from cms.persian import collate

    return collate(
        (city for _region, cities in cities_by_region or () for city in cities),
        key=lambda city: city.title,
    )


@register.simple_tag(takes_context=True)
def sister_city_map(context: template.Context, cities_by_region):
    """The SVG map of the cities of ``cities_by_region`` (``cms.sister_city_map``)."""
    from cms.sister_city_map import build_map

    request = context.get("request")
    cities = [city for _region, region_cities in cities_by_region or () for city in region_cities]
    return build_map(cities, {city.pk: city.get_url(request) for city in cities})


@register.simple_tag(takes_context=True)
def site_identity(context: template.Context):
    """Footer text, contact and social links for the request's site, in the reader's language."""
    from django.utils import translation
    from wagtail.models import Site

    from cms.site_settings import SiteIdentity

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    language = (translation.get_language() or "fa").split("-")[0]
    return SiteIdentity.for_site(site).for_language(language)


@register.simple_tag
def absolute_static(path: str) -> str:
    """A static file's absolute URL on ``SITE_BASE_URL`` (for emails)."""
    from django.conf import settings
    from django.templatetags.static import static

    url = static(path)
    return url if url.startswith("http") else settings.SITE_BASE_URL.rstrip("/") + url


@register.simple_tag
def shows_image(image) -> str:
    """``{% shows_image image %}`` beside a template's ``{% image %}``/``{% picture %}``: the page
    is then purged from the HTTP caches when the image (its file, focal point or alternative
    text) is edited. Images inside rich text are recorded by ``cms.rich_text_images``."""
    if image is not None:
        http_cache.tag_images([image])
    return ""
