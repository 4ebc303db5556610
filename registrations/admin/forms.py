"""Small forms for the committee's acts; each feeds exactly one service call."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput

from cities.models import SessionPage, SisterCityPage
from cms.dates import format_display

from .. import services
from ..lifecycle import Status
from ..models import Application, Review


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[(n, str(n)) for n in range(1, 6)],
        widget=forms.RadioSelect,
        help_text=_("1 (weak) to 5 (excellent). Leave empty if you declare a conflict."),
    )
    # No empty choice: it used to be the preselected default, so a first save with a score
    # always failed. With a conflict of interest declared the recommendation is left out.
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        required=False,
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
        help_text=_("Leave empty only if you declare a conflict of interest."),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    conflict_of_interest = forms.BooleanField(
        label=_("I declare a conflict of interest and recuse myself"), required=False
    )

    def apply(self, application: Application, user) -> Review:
        data = self.cleaned_data
        return services.add_review(
            application,
            reviewer=user,
            score=data["score"],
            recommendation=data["recommendation"],
            comment=data["comment"],
            conflict_of_interest=data["conflict_of_interest"],
        )


class DecisionForm(forms.Form):
    DECISIONS = [
        (Status.ACCEPTED, _("Accept")),
        (Status.WAITLISTED, _("Waitlist")),
        (Status.REJECTED, _("Reject")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    public_message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent with the decision and shown on their status page."),
    )
    internal_reason = forms.CharField(
        label=_("Internal reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the committee only; never shown to the applicant."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        default = settings.DEFAULT_CONTENT_LANGUAGE
        self.fields["public_message"].label = _("Message to the applicant (%(language)s)") % {
            "language": get_language_info(default)["name_translated"]
        }
        # One message per content language: the applicant reads the one in their language.
        fields = list(self.fields.items())
        extra = {
            f"public_message_{code}": forms.CharField(
                label=_("Message to the applicant (%(language)s)")
                % {"language": get_language_info(code)["name_translated"]},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
                help_text=_(
                    "For applicants who chose this language; if empty, they get the "
                    "Persian message with a note."
                ),
            )
            for code, _name in settings.LANGUAGES
            if code != default
        }
        position = [name for name, _f in fields].index("public_message") + 1
        self.fields = dict(fields[:position] + list(extra.items()) + fields[position:])

    def translations(self) -> dict[str, str]:
        prefix = "public_message_"
        return {
            name.removeprefix(prefix): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and value
        }

    def apply(self, application: Application, user) -> Application:
        data = self.cleaned_data
        return services.decide(
            application,
            decision=data["decision"],
            by=user,
            public_message=data["public_message"],
            internal_reason=data["internal_reason"],
            public_message_translations=self.translations(),
        )


def invitable_sessions(city_ids: Iterable[int]):
    """Scheduled, not yet ended sessions of the given (source-locale) city pages."""
    cities = SisterCityPage.objects.filter(pk__in=list(city_ids))
    children = Q(pk__in=[])
    for city in cities:
        children |= Q(path__startswith=city.path, depth=city.depth + 1)
    return (
        SessionPage.objects.filter(children)
        .filter(status=SessionPage.Status.SCHEDULED, ends_at__gt=timezone.now())
        .order_by("starts_at")
    )


class SessionChoiceField(forms.ModelChoiceField):
    """Sessions labelled with their city and date (the committee may invite across cities)."""

    city_titles: dict[str, str] = {}

    def label_from_instance(self, obj: SessionPage) -> str:
        city = self.city_titles.get(obj.path[: -SessionPage.steplen], "")
        when = format_display(obj.starts_at, get_language())
        return " · ".join(part for part in (city, obj.title, when) if part)


class InvitationForm(forms.Form):
    session = SessionChoiceField(label=_("Session"), queryset=SessionPage.objects.none())
    respond_by = forms.DateTimeField(
        label=_("Answer by"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Leave empty for the default deadline."),
    )

    def __init__(self, *args, city_ids: Iterable[int] = (), initial_session=None, **kwargs):
        super().__init__(*args, **kwargs)
        city_ids = list(city_ids)
        field = self.fields["session"]
        field.queryset = invitable_sessions(city_ids)
        field.city_titles = dict(
            SisterCityPage.objects.filter(pk__in=city_ids).values_list("path", "title")
        )
        if initial_session is not None:
            field.initial = initial_session.pk

    def apply(self, application: Application, user) -> services.InvitationResult:
        data = self.cleaned_data
        return services.invite(
            application, session=data["session"], by=user, respond_by=data["respond_by"]
        )


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Attendance"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Attended")), ("no", _("Did not attend"))],
        widget=forms.RadioSelect,
    )

    def apply(self, application: Application, user) -> Application:
        return services.record_attendance(
            application, attended=self.cleaned_data["attended"], by=user
        )


class ErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "Erase this applicant's personal data from all their applications. Statistics and "
            "the audit trail stay; this cannot be undone."
        )
    )

    def apply(self, application: Application, user) -> Application:
        services.erase_applicant(application.applicant, by=user)
        return application
