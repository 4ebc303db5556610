"""The site's registration forms.

The forms only collect what the citizen typed and keep bots out; every rule about what makes an
application valid lives in ``services.submit_application``, whose coded errors the views attach
to these forms' fields. So a citizen on the site and a client over GraphQL are told the same
thing, in their own language.
"""

from __future__ import annotations

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.models import Locale

from cities.models import CooperationTopic
from cms import persian

from .consent import CONSENT_TEXT, ROSTER_TEXT
from .inputs import ApplicationInput
from .models import Applicant
from .validation import MAX_LENGTHS

# People separate languages with Latin or Persian commas, or semicolons.
LIST_SEPARATORS = re.compile(r"[,،;]")
FORM_STAMP_SALT = "registrations.form-started"

# The honeypot's name looks like a field a bot would gladly fill; people never see it.
HONEYPOT_FIELD = "website"


def min_fill_seconds() -> int:
    return settings.REGISTRATION_MIN_FILL_SECONDS


MAX_FORM_AGE_SECONDS = 2 * 3600


def max_form_age_seconds() -> int:
    """How long a shown form may be sent: the setting, never more than two hours."""
    configured = getattr(settings, "REGISTRATION_FORM_MAX_AGE_SECONDS", MAX_FORM_AGE_SECONDS)
    return min(int(configured), MAX_FORM_AGE_SECONDS)


def form_stamp(started_at: float | None = None) -> str:
    """A signed record of when the form was shown, so its fill time cannot be forged.

    The random ``n`` makes every stamp distinct, so each can be accepted once.
    """
    return signing.dumps(
        {"t": started_at if started_at is not None else time.time(), "n": secrets.token_hex(8)},
        salt=FORM_STAMP_SALT,
        compress=True,
    )


def _stamp_payload(stamp: str) -> dict | None:
    try:
        payload = signing.loads(stamp, salt=FORM_STAMP_SALT, max_age=max_form_age_seconds())
        float(payload["t"])
        str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return payload


def seconds_since_stamp(stamp: str) -> float | None:
    """Seconds since ``stamp`` was issued, or None when it is missing, forged or too old."""
    payload = _stamp_payload(stamp)
    if payload is None:
        return None
    elapsed = time.time() - float(payload["t"])
    return elapsed if elapsed <= max_form_age_seconds() else None


def use_stamp(stamp: str) -> bool:
    """Mark ``stamp`` as used; False when it already was (a replayed form).

    Remembered in the cache for as long as the stamp is valid at all; with several server
    processes the cache must be shared (``CACHE_URL``), as for the rate limit.
    """
    payload = _stamp_payload(stamp)
    if payload is None:
        return False
    key = f"registrations:form-stamp:{payload['n']}"
    return cache.add(key, 1, timeout=max_form_age_seconds() + 60)


class AntiBotFormMixin(forms.Form):
    """A honeypot field and a minimum fill time, both invisible to a person using the form."""

    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        if not self.is_bound:
            self.initial["started"] = form_stamp()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("We could not accept this submission. Please try again."), code="bot"
            )
        elapsed = seconds_since_stamp(cleaned.get("started") or "")
        if elapsed is None:
            raise forms.ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="stale_form",
            )
        if elapsed < min_fill_seconds():
            raise forms.ValidationError(
                _("The form was sent too quickly. Please check your answers and send it again."),
                code="too_fast",
            )
        if not use_stamp(cleaned["started"]):
            raise forms.ValidationError(
                _("This form has already been sent. Please check your answers and send it again."),
                code="replayed_form",
            )
        return cleaned

    def refresh_stamp(self) -> None:
        """Start the fill-time clock again for the form shown back with errors."""
        data = self.data.copy()
        data["started"] = form_stamp()
        self.data = data


def _with_ltr_example(text: str, example: str) -> SafeString:
    before, _placeholder, after = text.partition("%(example)s")
    return format_html(
        "{}{}{}",
        persian.localize_digits(before),
        format_html('<bdi dir="ltr">{}</bdi>', example) if _placeholder else "",
        persian.localize_digits(after),
    )


# A help text with a Latin example (a phone number, a code) kept left to right inside Persian.
with_ltr_example = lazy(lambda text, example: _with_ltr_example(str(text), example), SafeString)


def topic_choices(language: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Cooperation topics in the reader's language, grouped by area (in the programme's order),
    each area's topics in the reader's alphabetical order, valued by stable slug."""
    language = language or get_language()
    topics = CooperationTopic.objects.select_related("area").order_by(
        "area__sort_order", "area__name", "sort_order", "name"
    )
    localized = topics.filter(locale__language_code=language)
    if not localized.exists():
        localized = topics.filter(locale=Locale.get_default())
    groups: dict[str, list[tuple[str, str]]] = {}
    for topic in localized:
        groups.setdefault(topic.area.name, []).append((topic.slug, topic.name))
    return [
        (area, persian.collate(options, key=lambda option: option[1], language=language))
        for area, options in groups.items()
    ]


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country, named and sorted in the reader's language."""
    return persian.collate(
        [(code, str(name)) for code, name in countries],
        key=lambda choice: choice[1],
        language=language,
    )


class ErrorSummaryMixin(forms.Form):
    """What the error summary at the top of a form lists: every error, linked to its field."""

    # A short name for fields whose label is a sentence (the consent text).
    SUMMARY_LABELS: dict[str, object] = {}

    def error_summary(self) -> list[dict[str, str]]:
        items = [{"anchor": "", "label": "", "message": str(e)} for e in self.non_field_errors()]
        for name, field in self.fields.items():
            if name not in self.errors or field.widget.is_hidden:
                continue
            bound = self[name]
            anchor = bound.id_for_label or bound.auto_id
            if isinstance(field.widget, forms.CheckboxSelectMultiple) and bound.subwidgets:
                anchor = bound.subwidgets[0].id_for_label
            label = self.SUMMARY_LABELS.get(name, field.label)
            for error in bound.errors:
                items.append({"anchor": anchor, "label": str(label), "message": str(error)})
        return items


class RegistrationForm(ErrorSummaryMixin, AntiBotFormMixin, forms.Form):
    """What a citizen facilitator tells the committee about themselves and their channels."""

    full_name = forms.CharField(label=_("Full name"))
    email = forms.CharField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        help_text=_("We send a confirmation link to this address."),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "dir": "ltr", "type": "tel"}),
        help_text=with_ltr_example(
            _("With the country code if it is not an Iranian number, e.g. %(example)s"), "+39 …"
        ),
    )
    category = forms.ChoiceField(
        label=_("Which describes you best?"),
        choices=[("", _("Choose the closest…")), *Applicant.Category.choices],
    )
    residence_country = forms.ChoiceField(label=_("Country of residence"))
    residence_city = forms.CharField(label=_("City of residence"))
    organisation = forms.CharField(
        label=_("Organisation"), help_text=_("Company, university, association… if any.")
    )
    languages = forms.CharField(
        label=_("Languages you speak"),
        help_text=_("Separate them with commas, e.g. Persian, English, Italian."),
    )
    expertise = forms.CharField(label=_("Your expertise"), widget=forms.Textarea(attrs={"rows": 3}))
    channels = forms.CharField(
        label=_("Your channels in the sister city"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The legitimate platforms and contacts you can use there."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics you can help with"), widget=forms.CheckboxSelectMultiple
    )
    session = forms.ChoiceField(label=_("Session"))
    motivation = forms.CharField(
        label=_("Why do you want to take part?"), widget=forms.Textarea(attrs={"rows": 4})
    )
    preferred_locale = forms.ChoiceField(
        label=_("Language for our emails"),
        choices=[(code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES],
    )
    consent = forms.BooleanField(label=CONSENT_TEXT)
    roster_opt_in = forms.BooleanField(label=ROSTER_TEXT)

    SUMMARY_LABELS = {"consent": _("Consent"), "roster_opt_in": _("Public roster")}

    # What ``validation.validate_application`` refuses to go without; browsers are told too.
    SERVICE_REQUIRED = frozenset(
        {"full_name", "email", "category", "topics", "motivation", "consent"}
    )
    ANTI_BOT_FIELDS = frozenset({"started", HONEYPOT_FIELD})

    def __init__(self, *args, city_slug: str, sessions=(), fixed_session=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.city_slug = city_slug
        language = get_language()
        self.fields["topics"].choices = topic_choices(language)
        self.fields["residence_country"].choices = [
            ("", _("Choose a country…")),
            *country_choices(language),
        ]
        self.fields["preferred_locale"].initial = (language or "fa").split("-")[0]
        self.fixed_session = fixed_session
        if fixed_session is not None:
            self.fields["session"].choices = [(fixed_session.slug, fixed_session.title)]
            self.fields["session"].initial = fixed_session.slug
            self.fields["session"].widget = forms.HiddenInput()
        else:
            self.fields["session"].choices = [
                ("", _("Any session of this city")),
                *((s.slug, s.title) for s in sessions),
            ]
        # The service decides what is required and how long a value may be, so every error
        # comes back in one round and reads the same as over GraphQL; the browser is told too.
        for name, field in self.fields.items():
            if name in self.SERVICE_REQUIRED:
                field.is_marked_required = True
                if field.widget.use_required_attribute(None):
                    field.widget.attrs["required"] = True
                    field.widget.attrs["aria-required"] = "true"
            if name in MAX_LENGTHS:
                field.widget.attrs["maxlength"] = MAX_LENGTHS[name]
            if name not in self.ANTI_BOT_FIELDS:
                field.required = False

    def topic_groups(self) -> list[tuple[str, list]]:
        """The topic checkboxes grouped by cooperation area, for one fieldset per area."""
        bound = self["topics"]
        by_value = {str(option.data["value"]): option for option in bound.subwidgets}
        return [
            (area, [by_value[str(value)] for value, _label in options if str(value) in by_value])
            for area, options in self.fields["topics"].choices
        ]

    def to_input(self) -> ApplicationInput:
        data = self.cleaned_data
        return ApplicationInput(
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            category=data["category"],
            residence_country=data["residence_country"],
            residence_city=data["residence_city"],
            organisation=data.get("organisation", ""),
            languages=[
                part.strip() for part in LIST_SEPARATORS.split(data["languages"]) if part.strip()
            ],
            expertise=data["expertise"],
            channels=data["channels"],
            topics=list(data["topics"]),
            city=self.city_slug,
            session=data.get("session") or None,
            motivation=data["motivation"],
            preferred_locale=data["preferred_locale"],
            consent=bool(data.get("consent")),
            roster_opt_in=bool(data.get("roster_opt_in")),
        )


class StatusCodeInput(forms.TextInput):
    """A visible, forgiving input for the status code: no autocorrect, capitals, Latin order."""

    def __init__(self, attrs=None):
        super().__init__(
            {
                "dir": "ltr",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
                "placeholder": "XXXX-XXXX-XXXX-XXXX",
                "class": "code-input",
                **(attrs or {}),
            }
        )


class StatusLookupForm(ErrorSummaryMixin, forms.Form):
    """The reference and status code a citizen was given when they registered."""

    reference = forms.CharField(
        label=_("Reference"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"dir": "ltr", "autocomplete": "off", "placeholder": "ISF-2026-00042"}
        ),
    )
    token = forms.CharField(
        label=_("Status code"),
        max_length=200,
        widget=StatusCodeInput(),
        help_text=with_ltr_example(
            _(
                "The 16-character code from your receipt and your email, e.g. %(example)s. "
                "Capital or small letters, with or without dashes."
            ),
            "7K3M-Q9XD-2HVP-R8TA",
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.required:
                field.is_marked_required = True
                field.widget.attrs["required"] = True
                field.widget.attrs["aria-required"] = "true"


class WithdrawForm(StatusLookupForm):
    confirm = forms.BooleanField(label=_("Yes, withdraw my application. This cannot be undone."))

    SUMMARY_LABELS = {"confirm": _("Withdraw")}

    def __init__(self, *args, ask_code: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Opened from an emailed link, the page does not know the code: the citizen types it.
        self.ask_code = ask_code
