"""The «همنشست خواهرشهرها» (Sister Cities Co-Session) announcements."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from cms.blocks import AgendaStreamBlock, BaseStreamBlock

from .shared import BuiltFromRows, SourceLocaleMixin


class ParticipantBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Institution"), max_length=255)
    role = blocks.CharBlock(label=_("Role"), max_length=255, required=False)

    class Meta:
        icon = "group"
        label = _("Participating institution")


class SessionPage(BuiltFromRows, SourceLocaleMixin, Page):
    """One co-session with a sister city: when, where, who takes part, and how to register.

    Capacity, dates, format and status are shared by every language: they are read from the
    source page (see ``SourceLocaleMixin``) wherever registration depends on them.
    """

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class RegistrationState(models.TextChoices):
        NOT_YET_OPEN = "not_yet_open", _("Not yet open")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        FULL = "full", _("Full")

    number = models.PositiveSmallIntegerField(
        _("number in the series"), help_text=_("The co-session's number, e.g. 3 for the third.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    address = models.TextField(_("address"), blank=True)
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON
    )
    online_link = models.URLField(
        _("online meeting link"),
        blank=True,
        help_text=_("Never shown publicly: only invited, confirmed participants receive it."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens at"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes at"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("seats"), default=30, help_text=_("Confirmed seats never exceed this.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    participants = StreamField(
        [("institution", ParticipantBlock())],
        verbose_name=_("participating institutions"),
        blank=True,
    )
    agenda = StreamField(AgendaStreamBlock(), verbose_name=_("agenda"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("announcement"), blank=True)
    summary = StreamField(
        BaseStreamBlock(),
        verbose_name=_("public summary"),
        blank=True,
        help_text=_("After the session is held: what was discussed and agreed."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("status"), FieldPanel("format")]),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_link"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("capacity"),
            ],
            heading=_("Registration"),
        ),
        FieldPanel("participants"),
        FieldPanel("agenda"),
        FieldPanel("body"),
        FieldPanel("summary"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("venue"),
        index.SearchField("body"),
        index.SearchField("summary"),
        index.FilterField("starts_at"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("number"),
        APIField("starts_at"),
        APIField("ends_at"),
        APIField("venue"),
        APIField("address"),
        APIField("format"),
        APIField("registration_opens_at"),
        APIField("registration_closes_at"),
        APIField("capacity"),
        APIField("status"),
        APIField("participants"),
        APIField("agenda"),
        APIField("body"),
        APIField("summary"),
    ]
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]
    parent_page_types = ["cities.SisterCityPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("co-session")
        verbose_name_plural = _("co-sessions")

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.slug and self._slug_taken_by_another_session():
            errors.setdefault("slug", []).append(
                _(
                    "Another co-session already uses this slug; API clients find sessions by slug, "
                    "so it must be unique (e.g. “florence-co-session-3”)."
                )
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors.setdefault("ends_at", []).append(_("The session must end after it starts."))
        if (
            self.registration_closes_at
            and self.starts_at
            and self.registration_closes_at > self.starts_at
        ):
            errors.setdefault("registration_closes_at", []).append(
                _("Registration must close before the session starts.")
            )
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_opens_at >= self.registration_closes_at
        ):
            errors.setdefault("registration_opens_at", []).append(
                _("Registration must open before it closes.")
            )
        if self.format == self.Format.IN_PERSON and self.online_link:
            errors.setdefault("online_link", []).append(
                _("An in-person session has no online link; choose online or hybrid.")
            )
        if errors:
            raise ValidationError(errors)

    def _slug_taken_by_another_session(self) -> bool:
        others = SessionPage.objects.filter(slug=self.slug, locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        return others.exists()

    @property
    def city(self):
        return self.get_parent().specific

    @property
    def agenda_topic_ids(self) -> list[int]:
        """Topic ids named by the agenda's items, in agenda order, from the source page.

        The topic is a shared value (like Action Plan tracking values): read from the source
        page's raw agenda, so no query and no stale copy in a translation.
        """
        ids: list[int] = []
        for block in self.source_page.agenda.raw_data:
            value = block.get("value") if block.get("type") == "item" else None
            topic = value.get("topic") if isinstance(value, dict) else None
            if isinstance(topic, str) and topic.isdigit():
                topic = int(topic)
            if isinstance(topic, int) and topic not in ids:
                ids.append(topic)
        return ids

    def seats_taken(self) -> int:
        from registrations.selectors import confirmed_seat_counts

        return confirmed_seat_counts([self.source_page.pk]).get(self.source_page.pk, 0)

    def seats_left(self, seats_taken: int | None = None) -> int:
        taken = self.seats_taken() if seats_taken is None else seats_taken
        return max(self.source_page.capacity - taken, 0)

    def registration_state(
        self, now: datetime | None = None, seats_taken: int | None = None
    ) -> str:
        """Where registration stands now, from the source page's shared values."""
        source = self.source_page
        now = now or timezone.now()
        if source.status != self.Status.SCHEDULED:
            return self.RegistrationState.CLOSED
        if source.registration_opens_at and now < source.registration_opens_at:
            return self.RegistrationState.NOT_YET_OPEN
        closes = source.registration_closes_at or source.starts_at
        if now >= closes:
            return self.RegistrationState.CLOSED
        if self.seats_left(seats_taken) <= 0:
            return self.RegistrationState.FULL
        return self.RegistrationState.OPEN

    def is_upcoming(self, now: datetime | None = None) -> bool:
        return self.source_page.ends_at > (now or timezone.now())
