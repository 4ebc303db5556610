"""Content built with Wagtail's own APIs for tests that need more than the demo programme.

Pages are created in Persian (the source locale) and translated into English with
``copy_for_translation`` and published, the way editors' translations end up in the database.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from cities.models import (
    ActionPlanPage,
    ActionPlanSession,
    CityTopic,
    CooperationArea,
    CooperationTopic,
    Region,
    SessionPage,
    SisterCityIndexPage,
    SisterCityPage,
)
from cms.models import HomePage

TEHRAN = ZoneInfo("Asia/Tehran")


def locales() -> tuple[Locale, Locale]:
    fa = Locale.objects.get(language_code="fa")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return fa, en


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page: Page, locale: Locale, **fields) -> Page:
    """An English (or other) published translation of ``page`` with ``fields`` changed."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return publish(copy)


def snippet(model, slug: str, name_fa: str, name_en: str | None = None, **fields):
    fa, en = locales()
    obj = model.objects.filter(slug=slug, locale=fa).first()
    if obj is None:
        obj = model.objects.create(slug=slug, name=name_fa, locale=fa, **fields)
    if name_en:
        # Saving a Persian snippet copies it into English in Persian (cms.sync): name it.
        translated = obj.get_translation_or_none(en) or obj.copy_for_translation(en)
        translated.name = name_en
        for name, value in fields.items():
            if isinstance(value, CooperationArea):
                setattr(translated, name, value.get_translation_or_none(en) or value)
        translated.save()
    return obj


def city_index() -> SisterCityIndexPage:
    """The Persian city index (the demo's, or a fresh home page and index)."""
    fa, en = locales()
    index = SisterCityIndexPage.objects.filter(locale=fa).first()
    if index:
        return index
    home = HomePage.objects.filter(locale=fa).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="خانه", slug="home-test", locale=fa))
        publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        site.root_page = home
        site.save()
    index = home.add_child(
        instance=SisterCityIndexPage(title="شهرهای خواهرخوانده", slug="cities", locale=fa)
    )
    publish(index)
    translate(index, en, title="Sister cities")
    return index


def png(width: int = 64, height: int = 48) -> ImageFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 120, 40)).save(buffer, "PNG")
    return ImageFile(buffer, name="hero.png")


def image(title: str = "hero") -> Image:
    return Image.objects.create(title=title, file=png(), description=f"Alt text for {title}")


def make_city(
    slug: str,
    *,
    title_fa: str | None = None,
    title_en: str | None = "",
    sessions: int = 1,
    with_plan: bool = True,
    with_image: bool = True,
) -> SisterCityPage:
    """A published dossier with topics, sessions and an Action Plan, translated unless
    ``title_en`` is None."""
    fa, en = locales()
    region = snippet(Region, "test-region", "منطقه آزمایشی", "Test region")
    area = snippet(CooperationArea, "test-area", "حوزه آزمایشی", "Test area")
    topic = snippet(CooperationTopic, "test-topic", "موضوع آزمایشی", "Test topic", area=area)
    city = city_index().add_child(
        instance=SisterCityPage(
            title=title_fa or f"شهر {slug}",
            slug=slug,
            locale=fa,
            country="IT",
            region=region,
            twinned_since=1998,
            languages="it",
            time_zone="Europe/Rome",
            latitude="43.769600",
            longitude="11.255800",
            summary="خلاصه",
            hero_image=image(slug) if with_image else None,
            body=[("heading", "تاریخچه"), ("paragraph", "<p>متن <b>غنی</b></p>")],
        )
    )
    CityTopic.objects.create(page=city, topic=topic, locale=fa)
    publish(city)
    start = timezone.now() + timedelta(days=30)
    created_sessions = []
    for number in range(1, sessions + 1):
        session = city.add_child(
            instance=SessionPage(
                title=f"نشست {number} {slug}",
                slug=f"{slug}-session-{number}",
                locale=fa,
                number=number,
                starts_at=start + timedelta(days=number),
                ends_at=start + timedelta(days=number, hours=3),
                venue="عمارت",
                registration_opens_at=timezone.now() - timedelta(days=1),
                registration_closes_at=start,
                capacity=20,
                online_link="https://meet.example/secret-room",
                format=SessionPage.Format.HYBRID,
                agenda=[
                    ("item", {"time": "10:00", "title": "آغاز", "speaker": "", "description": ""})
                ],
            )
        )
        publish(session)
        created_sessions.append(session)
    if with_plan:
        plan = city.add_child(
            instance=ActionPlanPage(
                title=f"برنامه اقدام {slug}",
                slug=f"{slug}-plan",
                locale=fa,
                period_start=date(2026, 1, 1),
                period_end=date(2027, 1, 1),
                summary="خلاصه برنامه",
                items=[
                    ("item", _item("تبادل دانشجو", area, topic, "in_progress", 40)),
                    ("item", _item("جشنواره", area, None, "done", 100)),
                    ("item", _item("لغو شده", area, None, "cancelled", 0)),
                ],
            )
        )
        if created_sessions:
            ActionPlanSession.objects.create(plan=plan, session=created_sessions[0], locale=fa)
        publish(plan)
    if title_en is not None:
        translate(city, en, title=title_en or f"City {slug}", summary="Summary")
        for session in created_sessions:
            translate(session, en, title=f"Session {session.number} {slug}")
        if with_plan:
            translate(plan, en, title=f"Action Plan {slug}", summary="Plan summary")
    return city


def _item(title, area, topic, status, progress) -> dict:
    return {
        "title": title,
        "description": "",
        "area": area,
        "topic": topic,
        "lead_actors": ["municipality"],
        "partner": "",
        "start_date": date(2026, 2, 1),
        "due_date": date(2026, 12, 1),
        "status": status,
        "progress": progress,
    }


def session_at(city: SisterCityPage, when: datetime) -> SessionPage:
    fa, _en = locales()
    session = city.add_child(
        instance=SessionPage(
            title="نشست گذشته",
            slug=f"{city.slug}-past",
            locale=fa,
            number=99,
            starts_at=when,
            ends_at=when + timedelta(hours=2),
            status=SessionPage.Status.HELD,
        )
    )
    return publish(session)
