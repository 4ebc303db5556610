"""Applications to take part in the programme with one sister city, and their consent records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..lifecycle import LIVE_STATUSES, STATUS_CHOICES, Status


class Application(models.Model):
    """One applicant's request to serve one sister city, optionally at one of its sessions.

    ``city`` and ``session`` point at the *source-locale* pages (see ``cities.models.shared``):
    capacity and dates are shared by every translation and read from there. The status moves
    only along ``registrations.lifecycle.TRANSITIONS``, through ``registrations.services``.
    Secret tokens are never stored, only their SHA-256 hashes.
    """

    Status = Status

    applicant = models.ForeignKey(
        "registrations.Applicant",
        verbose_name=_("applicant"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    city = models.ForeignKey(
        "cities.SisterCityPage",
        verbose_name=_("sister city"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    session = models.ForeignKey(
        "cities.SessionPage",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="applications",
        # The (session, status, waitlisted_at) index below serves every lookup by session.
        db_index=False,
        null=True,
        blank=True,
    )
    topics = models.ManyToManyField(
        "cities.CooperationTopic",
        verbose_name=_("cooperation topics"),
        related_name="applications",
        blank=True,
    )
    motivation = models.TextField(_("motivation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=STATUS_CHOICES,
        default=Status.SUBMITTED,
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    language = models.CharField(_("language of submission"), max_length=8, default="fa")
    # Unique through ``Meta.constraints``: ``unique=True`` would add a second, LIKE-pattern index
    # on PostgreSQL that no lookup of a hash uses and every write of one maintains.
    status_token_hash = models.CharField(max_length=64, null=True, editable=False)
    confirmation_token_hash = models.CharField(max_length=64, null=True, editable=False)
    submission_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    submitted_profile = models.JSONField(
        _("details submitted with this application"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Personal details sent for an address that already had an applicant; they replace "
            "the applicant's only once the address is confirmed through this application."
        ),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_(
            "Sent for a city the address already has a live application for: kept apart, never "
            "confirmable, and the owner is told by email instead."
        ),
    )
    mail_withheld_at = models.DateTimeField(
        _("email withheld at"),
        null=True,
        blank=True,
        help_text=_("The address had reached its limit of emails from anonymous submissions."),
    )
    public_message = models.TextField(
        _("message to the applicant"),
        blank=True,
        help_text=_("Shown to the applicant with the decision."),
    )
    public_message_translations = models.JSONField(
        _("message to the applicant in other languages"),
        default=dict,
        blank=True,
        help_text=_(
            "Language code → the message in that language; ``public_message`` is the Persian "
            "one, sent (with a notice) to applicants whose language has none."
        ),
    )
    internal_reason = models.TextField(
        _("internal reason"), blank=True, help_text=_("For the committee only; never shown.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    confirmation_sent_at = models.DateTimeField(
        _("confirmation link sent at"), null=True, blank=True
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(
        _("waitlisted at"),
        null=True,
        blank=True,
        help_text=_("Waitlisted applicants are invited to freed seats in this order."),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "city"],
                condition=Q(status__in=sorted(LIVE_STATUSES), duplicate_of__isnull=True),
                name="one_live_application_per_city",
            ),
            models.UniqueConstraint(fields=["status_token_hash"], name="unique_status_token_hash"),
            models.UniqueConstraint(
                fields=["confirmation_token_hash"], name="unique_confirmation_token_hash"
            ),
        ]
        # Every submission writes each index twice (the row, then its reference and token
        # hashes), so there is none that no query uses. Prefix searches of references
        # (``ISF-2026-001``) use the LIKE-pattern index PostgreSQL's backend adds for a unique
        # CharField; the status index is a plain one (``db_index`` would add a LIKE one too).
        indexes = [
            models.Index(fields=["session", "status", "waitlisted_at"]),
            models.Index(fields=["status"], name="application_status_idx"),
        ]
        permissions = [
            ("view_personal_data", _("Can view applicants' personal data")),
            ("review_application", _("Can review applications")),
            ("decide_application", _("Can accept, reject or waitlist applications")),
            ("invite_applicant", _("Can invite applicants to sessions")),
            ("record_attendance", _("Can record attendance")),
            ("withdraw_application", _("Can withdraw an application on the applicant's behalf")),
            ("export_applications", _("Can export applications")),
            ("erase_applicant", _("Can export and erase an applicant's personal data")),
        ]

    def __str__(self) -> str:
        return self.reference

    def public_message_for(self, language: str) -> tuple[str, bool]:
        """(the committee's message for a reader of ``language``, whether it is the fallback).

        The fallback is the default-language (Persian) message; it is False when there is
        no message at all or it is in the reader's language.
        """
        translated = (self.public_message_translations or {}).get(language, "")
        if translated:
            return translated, False
        is_default = language == settings.DEFAULT_CONTENT_LANGUAGE
        return self.public_message, bool(self.public_message) and not is_default

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def is_citizen_diplomat(self) -> bool:
        return self.status == Status.ATTENDED


class ConsentRecord(models.Model):
    """Proof of consent: which version of the consent text was shown, and when it was given."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    text_version = models.CharField(_("consent text version"), max_length=32)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["given_at"]

    def __str__(self) -> str:
        return f"{self.application_id} / {self.text_version}"


class ReferenceSequence(models.Model):
    """The last reference number handed out per year (``ISF-2026-00042``); locked when used."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference sequence")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
