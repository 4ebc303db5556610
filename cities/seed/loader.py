"""Load the programme's content (and, on request, sample content) in Persian and English.

Every object is created in Persian first and translated into English through wagtail-localize
(``cms.translation.translate``), exactly as an editor's translation would be stored. Each unit
(a snippet with its translation, a page with its translation) is written in one transaction, and
anything that already exists is left alone, so running the loader again changes nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from wagtail.blocks.list_block import ListValue
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
from cities.models.action_plans import ActionPlanItemBlock
from cms.locales import copy_snippets, ensure_configured_locales
from cms.models import HomePage, StandardPage
from cms.translation import translate
from cooperation.seed import data as organisation_data
from cooperation.seed.loader import load_organisations

from . import data, demo
from .data import Text

TEHRAN = ZoneInfo("Asia/Tehran")


def _mapping(*pairs: Text) -> dict[str, str]:
    return {pair.fa: pair.en for pair in pairs}


def _label(model) -> str:
    """The model's plural name in English, for the command's report."""
    with translation.override("en"):
        return str(model._meta.verbose_name_plural)


def _rich(text: str) -> str:
    return f"<p>{text}</p>"


class ProgrammeLoader:
    """Creates what is missing and reports it; ``report`` receives one line per step."""

    def __init__(self, report: Callable[[str], None] = lambda line: None) -> None:
        self.report = report
        self.created: Counter[str] = Counter()

    # -- entry point --------------------------------------------------------------------------
    def run(self, *, demo_content: bool = False) -> Counter[str]:
        ensure_configured_locales()
        self.fa = Locale.objects.get(language_code=settings.DEFAULT_CONTENT_LANGUAGE)
        self.en = Locale.objects.get(language_code="en")
        self.load_snippets()
        home = self.load_home()
        index = self.load_city_index(home)
        self.load_standard_pages(home)
        self.load_cities(index)
        self.organisations = load_organisations(
            organisation_data.PARTNERS, self.fa, self.en, self.created
        )
        if demo_content:
            self.load_demo()
        self.sync_other_locales()
        return self.created

    # -- snippets -----------------------------------------------------------------------------
    def load_snippets(self) -> None:
        for order, region in enumerate(data.REGIONS, start=1):
            self._snippet(Region, region.slug, order, _mapping(region.name), name=region.name.fa)
        for order, area in enumerate(data.AREAS, start=1):
            fa_area = self._snippet(
                CooperationArea,
                area.slug,
                order,
                _mapping(area.name, area.description),
                name=area.name.fa,
                description=area.description.fa,
            )
            for topic_order, topic in enumerate(area.topics, start=1):
                self._snippet(
                    CooperationTopic,
                    topic.slug,
                    order * 100 + topic_order,
                    _mapping(topic.name, topic.description),
                    name=topic.name.fa,
                    description=topic.description.fa,
                    area=fa_area,
                )
        self.report(
            f"Snippets: {Region.objects.filter(locale=self.fa).count()} regions, "
            f"{CooperationArea.objects.filter(locale=self.fa).count()} areas, "
            f"{CooperationTopic.objects.filter(locale=self.fa).count()} topics in each language"
        )

    def _snippet(self, model, slug: str, order: int, strings: dict[str, str], **fields):
        obj = model.objects.filter(slug=slug, locale=self.fa).first()
        with transaction.atomic():
            created = obj is None
            if created:
                # Saving copies it into every other language, in Persian (cms.sync).
                obj = model.objects.create(slug=slug, locale=self.fa, sort_order=order, **fields)
                self.created[_label(model)] += 1
            if created or obj.get_translation_or_none(self.en) is None:
                translate(obj, self.en, strings)
        return obj

    # -- pages --------------------------------------------------------------------------------
    def _page(self, parent: Page, model, slug: str, strings: dict[str, str], **fields) -> Page:
        """The Persian page ``slug`` under ``parent``, created and translated if missing."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        with transaction.atomic():
            if page is None:
                page = model(slug=slug, locale=self.fa, **fields)
                parent.add_child(instance=page)
                page.save_revision().publish()
                self.created[_label(model)] += 1
            translation = page.get_translation_or_none(self.en)
            if translation is None or translation.alias_of_id:
                translate(page, self.en, strings)
        return page

    def load_home(self) -> HomePage:
        home = HomePage.objects.filter(locale=self.fa, depth=2).first()
        if home is None:
            home = self._replace_welcome_page()
        strings = _mapping(data.HOME["title"], data.HOME["intro"], *data.HOME["goals"])
        if home.get_translation_or_none(self.en) is None:
            with transaction.atomic():
                translate(home, self.en, strings)
        self.report("Home page: ready in fa and en")
        return home

    @transaction.atomic
    def _replace_welcome_page(self) -> HomePage:
        """Swap Wagtail's placeholder “Welcome” page (and its aliases) for the HomePage."""
        root = Page.get_first_root_node()
        Site.objects.all().delete()
        for page in Page.objects.filter(depth=2).order_by("-alias_of_id", "-pk"):
            page.delete()
        root.refresh_from_db()
        home = HomePage(
            title=data.HOME["title"].fa,
            slug="home",
            locale=self.fa,
            intro=_rich(data.HOME["intro"].fa),
            goals=[("goal", {"title": goal.fa, "description": ""}) for goal in data.HOME["goals"]],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=data.HOME["title"].fa,
        )
        self.created[_label(HomePage)] += 1
        return home

    def load_city_index(self, home: HomePage) -> SisterCityIndexPage:
        info = data.CITY_INDEX
        return self._page(
            home,
            SisterCityIndexPage,
            info["slug"],
            _mapping(info["title"], info["intro"]),
            title=info["title"].fa,
            intro=info["intro"].fa,
        )

    def load_standard_pages(self, home: HomePage) -> None:
        for info in data.STANDARD_PAGES:
            self._page(
                home,
                StandardPage,
                info["slug"],
                _mapping(info["title"], info["intro"]),
                title=info["title"].fa,
                intro=info["intro"].fa,
            )

    def load_cities(self, index: SisterCityIndexPage) -> None:
        regions = {r.slug: r for r in Region.objects.filter(locale=self.fa)}
        total = len(data.CITIES)
        for number, city in enumerate(data.CITIES, start=1):
            existed = SisterCityPage.objects.child_of(index).filter(slug=city.slug).exists()
            self._page(
                index,
                SisterCityPage,
                city.slug,
                _mapping(city.name, city.summary),
                title=city.name.fa,
                persian_name=city.name.fa,
                local_name=city.local_name,
                country=city.country,
                region=regions[city.region],
                twinned_since=city.twinned_since,
                languages=city.languages,
                time_zone=city.time_zone,
                latitude=city.latitude,
                longitude=city.longitude,
                summary=city.summary.fa,
            )
            state = "exists" if existed else "created"
            self.report(f"[{number}/{total}] {city.name.en}: {state} (fa, en)")

    # -- demo ---------------------------------------------------------------------------------
    def load_demo(self) -> None:
        florence = SisterCityPage.objects.get(slug="florence", locale=self.fa)
        topics = {t.slug: t for t in CooperationTopic.objects.filter(locale=self.fa)}
        areas = {a.slug: a for a in CooperationArea.objects.filter(locale=self.fa)}
        self.organisations.update(
            load_organisations(organisation_data.DEMO, self.fa, self.en, self.created)
        )
        with transaction.atomic():
            if not florence.topics.exists():
                for slug in ("cultural-weeks", "city-marketing", "joint-research-groups"):
                    CityTopic.objects.create(page=florence, topic=topics[slug], locale=self.fa)
                florence.save_revision().publish()
                translate(
                    florence,
                    self.en,
                    _mapping(
                        *(c.name for c in data.CITIES if c.slug == "florence"),
                        *(c.summary for c in data.CITIES if c.slug == "florence"),
                    ),
                )
        self.load_demo_images()
        held = self._session(florence, demo.HELD_SESSION)
        self._session(florence, demo.UPCOMING_SESSION)
        self._action_plan(florence, held, areas, topics)
        self.report("Demo content (marked as sample): 2 co-sessions and 1 Action Plan for Florence")

    def load_demo_images(self) -> None:
        """Every city without a hero image gets a generated, labelled illustrative one."""
        from .images import city_image

        names = {city.slug: city.name for city in data.CITIES}
        pages = SisterCityPage.objects.filter(hero_image__isnull=True, slug__in=names)
        for page in pages:
            name = names[page.slug]
            page.hero_image = city_image(page.slug, name.en, name.fa)
            page.save_revision().publish()
        self.report("Demo content: illustrative hero images for the sister cities")

    def _session(self, city: SisterCityPage, info: dict) -> SessionPage:
        today = timezone.localdate(timezone=TEHRAN)
        starts = datetime.combine(
            today + timedelta(days=info["days_from_now"]), time(10), tzinfo=TEHRAN
        )
        participants = [
            ("institution", {"name": name.fa, "role": role.fa}) for name, role in demo.PARTICIPANTS
        ]
        agenda = [
            ("item", {"time": when, "title": title.fa, "speaker": "", "description": ""})
            for when, title in demo.AGENDA
        ]
        strings = _mapping(
            info["title"],
            info["venue"],
            info["address"],
            demo.SAMPLE_NOTE,
            *(p for pair in demo.PARTICIPANTS for p in pair),
            *(t for _w, t in demo.AGENDA),
            *([info["summary"]] if "summary" in info else []),
        )
        return self._page(
            city,
            SessionPage,
            info["slug"],
            strings,
            title=info["title"].fa,
            number=info["number"],
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            venue=info["venue"].fa,
            address=info["address"].fa,
            format=info["format"],
            online_link=info.get("online_link", ""),
            registration_opens_at=starts
            - timedelta(days=info["days_from_now"] + 40 if info["days_from_now"] > 0 else 40),
            registration_closes_at=starts - timedelta(days=3),
            capacity=info["capacity"],
            status=info["status"],
            participants=participants,
            agenda=agenda,
            body=[("paragraph", _rich(demo.SAMPLE_NOTE.fa))],
            summary=[("paragraph", _rich(info["summary"].fa))] if "summary" in info else [],
        )

    def _action_plan(self, city, held: SessionPage, areas: dict, topics: dict) -> None:
        info = demo.ACTION_PLAN
        start = held.starts_at.astimezone(TEHRAN).date()
        items = [
            (
                "item",
                {
                    "title": item["title"].fa,
                    "description": item["description"].fa,
                    "partner": item["partner"].fa,
                    "area": areas[item["area"]],
                    "topic": topics[item["topic"]],
                    "lead_actors": item["lead_actors"],
                    "lead_organisations": _organisation_list(
                        "lead", item, self.organisations
                    ),
                    "partner_organisations": _organisation_list(
                        "partner", item, self.organisations
                    ),
                    "start_date": timezone.localdate() + timedelta(days=item["start_days"]),
                    "due_date": timezone.localdate() + timedelta(days=item["due_days"]),
                    "status": item["status"],
                    "progress": item["progress"],
                },
            )
            for item in demo.ACTION_PLAN_ITEMS
        ]
        strings = _mapping(
            info["title"],
            info["summary"],
            *(
                item[key]
                for item in demo.ACTION_PLAN_ITEMS
                for key in ("title", "description", "partner")
            ),
        )
        exists = ActionPlanPage.objects.child_of(city).filter(slug=info["slug"]).exists()
        plan = ActionPlanPage(
            slug=info["slug"],
            title=info["title"].fa,
            locale=self.fa,
            period_start=start,
            period_end=start + timedelta(days=365),
            summary=info["summary"].fa,
            items=items,
        )
        if exists:
            return
        with transaction.atomic():
            city.add_child(instance=plan)
            ActionPlanSession.objects.create(plan=plan, session=held, locale=self.fa)
            plan.save_revision().publish()
            translate(plan, self.en, strings)
            self.created[_label(ActionPlanPage)] += 1

    # -- other languages ----------------------------------------------------------------------
    def sync_other_locales(self) -> None:
        """Give every other configured locale the snippets to translate; pages are made only
        when someone translates them (``cms.locales``)."""
        for locale in Locale.objects.exclude(pk__in=[self.fa.pk, self.en.pk]):
            made = copy_snippets(self.fa, locale)
            self.report(
                f"Locale {locale.language_code}: {made} regions, areas and topics copied to "
                "translate; pages appear once translated and published"
            )


def _organisation_list(role: str, item: dict, organisations: dict) -> ListValue:
    """An item's organisations as a ListValue with stable ids (uuid5 of the item and slug).

    Stored in Wagtail's current list format, so a second run writes the same JSON and readers
    of the stored JSON (REST v2) see what the StreamField API gives.
    """
    block = ActionPlanItemBlock.base_blocks[f"{role}_organisations"]
    return ListValue(
        block,
        bound_blocks=[
            ListValue.ListChild(
                block.child_block,
                organisations[slug],
                id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{item['title'].en}/{role}/{slug}")),
            )
            for slug in item[f"{role}_organisations"]
        ],
    )
