"""Action Plans (برنامه اقدام): what Isfahan and a sister city will do after a co-session.

An item's *texts* (title, description, partner) are translated with wagtail-localize. Its
*tracking values* (area, topic, lead actors, dates, status, progress) are one value for all
languages: they are always read from the source page's item with the same StreamField block id
(block ids survive translation), so updating progress once updates every language. Plan
progress and progress per area are derived from the items and never stored.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks import StructBlockValidationError
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField

from cms.blocks import SolarHijriDateBlock

from .shared import BuiltFromRows, SourceLocaleMixin
from .snippets import CooperationArea, CooperationTopic


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    STALLED = "stalled", _("Stalled")
    CANCELLED = "cancelled", _("Cancelled")


class LeadActor(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    UNIVERSITY = "university", _("University")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    CITIZEN_DIPLOMATS = "citizen_diplomats", _("Citizen diplomats")


class ActionPlanItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=255)
    description = blocks.TextBlock(label=_("Description"), required=False)
    area = SnippetChooserBlock(CooperationArea, label=_("Area of cooperation"))
    topic = SnippetChooserBlock(CooperationTopic, label=_("Topic"), required=False)
    lead_actors = blocks.MultipleChoiceBlock(
        choices=LeadActor.choices, label=_("Lead actors"), required=False
    )
    lead_organisations = blocks.ListBlock(
        SnippetChooserBlock("cooperation.Organisation"),
        default=[],
        label=_("Lead organisations (Isfahan)"),
        help_text=_("The Isfahan organisations that lead this item."),
    )
    partner = blocks.CharBlock(label=_("Sister-city partner"), max_length=255, required=False)
    partner_organisations = blocks.ListBlock(
        SnippetChooserBlock("cooperation.Organisation"),
        default=[],
        label=_("Partner organisations (sister city)"),
        help_text=_("Organisations on the sister city's side; the free-text partner stays too."),
    )
    start_date = SolarHijriDateBlock(label=_("Start date"), required=False)
    due_date = SolarHijriDateBlock(label=_("Due date"), required=False)
    status = blocks.ChoiceBlock(
        choices=ItemStatus.choices, default=ItemStatus.PLANNED, label=_("Status")
    )
    progress = blocks.IntegerBlock(label=_("Progress (%)"), min_value=0, max_value=100, default=0)

    class Meta:
        icon = "tasks"
        label = _("Action Plan item")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        start, due = value.get("start_date"), value.get("due_date")
        if start and due and due < start:
            errors["due_date"] = ValidationError(_("The due date cannot be before the start date."))
        topic, area = value.get("topic"), value.get("area")
        if topic and area and topic.area_id != area.pk:
            errors["topic"] = ValidationError(
                _("This topic belongs to another area of cooperation.")
            )
        for field, side, message in (
            ("lead_organisations", "isfahan", _("Lead organisations are on Isfahan's side.")),
            (
                "partner_organisations",
                "sister_city",
                _("Partner organisations are on the sister city's side."),
            ),
        ):
            if any(org is not None and org.side != side for org in value.get(field) or ()):
                errors[field] = ValidationError(message)
        if value.get("status") == ItemStatus.DONE and value.get("progress") != 100:
            errors["progress"] = ValidationError(_("An item that is done has progress 100%."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


@dataclass(frozen=True)
class TrackedItem:
    """An Action Plan item as shown to readers: translated texts plus shared tracking values."""

    id: str
    title: str
    description: str
    partner: str
    area: CooperationArea | None
    topic: CooperationTopic | None
    lead_actors: tuple[str, ...]
    start_date: date | None
    due_date: date | None
    status: str
    progress: int
    lead_organisation_ids: tuple[int, ...] = ()
    partner_organisation_ids: tuple[int, ...] = ()
    locale_id: int | None = None

    @property
    def status_label(self) -> str:
        return str(ItemStatus(self.status).label)

    @property
    def lead_actor_labels(self) -> list[str]:
        return [str(LeadActor(a).label) for a in self.lead_actors if a in LeadActor.values]


def _average(values: list[int]) -> int:
    return round(sum(values) / len(values)) if values else 0


class ActionPlanPage(BuiltFromRows, SourceLocaleMixin, Page):
    """The Action Plan for cooperation with one sister city, published after its co-session(s)."""

    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    summary = models.TextField(_("summary"), blank=True)
    items = StreamField([("item", ActionPlanItemBlock())], verbose_name=_("items"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        InlinePanel("followed_sessions", label=_("Sessions it follows from")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("items")], heading=_("Items")),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("items")]
    api_fields = [
        APIField("period_start"),
        APIField("period_end"),
        APIField("summary"),
        APIField("items"),
    ]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    parent_page_types = ["cities.SisterCityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Action Plan")
        verbose_name_plural = _("Action Plans")

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    @cached_property
    def tracked_items(self) -> list[TrackedItem]:
        """The source page's items, with this page's texts and the source's tracking values.

        The set and order of items is the source's, so every language lists the same items and
        derives the same progress even before a translation is synced; an item this page has
        no text for yet shows the source's text. This page's own items are read raw (texts
        only), so only the source page's snippets are loaded: a fixed number of queries.
        """
        source = self.source_page
        own_texts = {
            block.get("id"): block.get("value") or {}
            for block in self.items.raw_data
            if block.get("type") == "item" and block.get("id")
        }
        source_raw = {block.get("id"): block.get("value") or {} for block in source.items.raw_data}
        pairs = [
            (own_texts.get(block.id) or block.value, block.value, block.id)
            for block in source.items
        ]
        areas = _localized([shared.get("area") for _own, shared, _id in pairs], self.locale_id)
        topics = _localized([shared.get("topic") for _own, shared, _id in pairs], self.locale_id)
        return [
            TrackedItem(
                id=block_id,
                title=own.get("title") or shared.get("title") or "",
                description=own.get("description") or "",
                partner=own.get("partner") or "",
                area=area,
                topic=topic,
                lead_actors=tuple(shared.get("lead_actors") or ()),
                start_date=shared.get("start_date"),
                due_date=shared.get("due_date"),
                status=shared.get("status") or ItemStatus.PLANNED,
                progress=int(shared.get("progress") or 0),
                lead_organisation_ids=organisation_ids(
                    source_raw.get(block_id, {}).get("lead_organisations")
                ),
                partner_organisation_ids=organisation_ids(
                    source_raw.get(block_id, {}).get("partner_organisations")
                ),
                locale_id=self.locale_id,
            )
            for (own, shared, block_id), area, topic in zip(pairs, areas, topics, strict=True)
        ]

    def _counted_items(self) -> list[TrackedItem]:
        return [item for item in self.tracked_items if item.status != ItemStatus.CANCELLED]

    @property
    def progress(self) -> int:
        """Mean progress of the items that are not cancelled, 0–100."""
        return _average([item.progress for item in self._counted_items()])

    def progress_by_area(self) -> list[tuple[CooperationArea, int]]:
        groups: OrderedDict = OrderedDict()
        for item in self._counted_items():
            if item.area is not None:
                groups.setdefault(item.area, []).append(item.progress)
        return [(area, _average(values)) for area, values in groups.items()]


def organisation_ids(raw: object) -> tuple[int, ...]:
    """Organisation ids of a raw chooser list (``[3, 5]`` or ``[{"value": 3, …}, …]``)."""
    ids: list[int] = []
    for entry in raw or ():
        value = entry.get("value") if isinstance(entry, dict) else entry
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if isinstance(value, int) and value not in ids:
            ids.append(value)
    return tuple(ids)


def _localized(snippets: list, locale_id: int) -> list:
    """The same snippets in the locale ``locale_id`` (the original where untranslated).

    One query for the whole list, whatever its length.
    """
    keys = {s.translation_key for s in snippets if s is not None and s.locale_id != locale_id}
    if not keys:
        return list(snippets)
    model = type(next(s for s in snippets if s is not None and s.translation_key in keys))
    translated = {
        t.translation_key: t
        for t in model.objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    return [None if s is None else translated.get(s.translation_key, s) for s in snippets]


class ActionPlanSession(TranslatableMixin, Orderable):
    """Links an Action Plan to a co-session it follows from."""

    plan = ParentalKey(ActionPlanPage, on_delete=models.CASCADE, related_name="followed_sessions")
    session = models.ForeignKey(
        "cities.SessionPage", verbose_name=_("session"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("session")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("session followed")
