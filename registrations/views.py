"""The citizen's own registration pages: register, confirm, follow the status, answer, withdraw.

Everything works without JavaScript. Secrets never travel in a URL the citizen types or shares:
the status token is asked for in a POSTed form, and links from emails (confirmation, RSVP) only
show a page whose button POSTs, because mail scanners follow links.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Locale

from cities.models import SessionPage, SisterCityPage

from . import selectors, services
from .errors import ErrorCode, RegistrationError
from .forms import RegistrationForm, StatusLookupForm, WithdrawForm
from .lifecycle import STATUS_CHOICES
from .ratelimit import check_rate_limit
from .tokens import open_receipt_code, seal_receipt_code

RECEIPT_SESSION_KEY = "registrations.receipt"


def localized_page(queryset, slug: str):
    """The live page with ``slug`` in the reader's language, else in the default language."""
    pages = queryset.live().filter(slug=slug).select_related("locale")
    language = get_language() or settings.LANGUAGE_CODE
    page = pages.filter(locale__language_code=language).first()
    return page or pages.filter(locale=Locale.get_default()).first()


def get_city_or_404(city_slug: str) -> SisterCityPage:
    city = localized_page(SisterCityPage.objects.all(), city_slug)
    if city is None:
        raise Http404
    return city


def open_sessions(city: SisterCityPage) -> list[SessionPage]:
    """Sessions open for registration, found on the source city (a translation may lag)."""
    sessions = SessionPage.objects.live().child_of(city.source_page).order_by("starts_at")
    return [
        s.localized
        for s in sessions
        if s.registration_state() == SessionPage.RegistrationState.OPEN
    ]


def find_session(city: SisterCityPage, slug: str) -> SessionPage | None:
    """The city's session with ``slug``, translated if it is, else its source-language page."""
    session = localized_page(SessionPage.objects.child_of(city), slug)
    if session is None:
        session = SessionPage.objects.live().child_of(city.source_page).filter(slug=slug).first()
    return session


def client_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def live_cities() -> list[SisterCityPage]:
    """Every live sister city in the reader's language (else the default), alphabetically."""
    from cms.persian import collate

    cities = SisterCityPage.objects.live().select_related("locale")
    language = client_language()
    localized = list(cities.filter(locale__language_code=language))
    if not localized:
        localized = list(cities.filter(locale=Locale.get_default()))
    return collate(localized, key=lambda city: city.title)


@never_cache
def register_start(request: HttpRequest) -> HttpResponse:
    """Where registration starts: a city chosen on the home page, or every city with its open
    co-sessions and their seats left."""
    city_slug = request.GET.get("city")
    if city_slug:
        return redirect("registrations:register", get_city_or_404(city_slug).slug)
    rows = []
    for city in live_cities():
        sessions = [
            {"session": session, "seats_left": session.source_page.seats_left()}
            for session in open_sessions(city)
        ]
        rows.append({"city": city, "sessions": sessions})
    context = {"rows": rows, "page_title": _("Register")}
    return render(request, "registrations/start.html", context)


def add_service_errors(form, error: RegistrationError) -> None:
    for item in error.errors:
        field = item.field if item.field in form.fields else None
        if field == "session" and form.fixed_session is not None:
            field = None  # the session is not a visible choice on a session's own form
        form.add_error(field, str(item.message))


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, city_slug: str, session_slug: str | None = None):
    city = get_city_or_404(city_slug)
    session = None
    if session_slug is not None:
        session = find_session(city, session_slug)
        if session is None:
            raise Http404
    context = {"city": city, "session": session, "page_title": _("Register")}
    if session is not None:
        state = session.registration_state()
        if state != SessionPage.RegistrationState.OPEN:
            context["closed_state"] = session.source_page.RegistrationState(state).label
            return render(request, "registrations/register_closed.html", context)

    form_kwargs = {
        "city_slug": city.slug,
        "fixed_session": session,
        "sessions": () if session else open_sessions(city),
    }
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                check_rate_limit(request)
                result = services.submit_application(form.to_input(), language=client_language())
            except RegistrationError as error:
                add_service_errors(form, error)
                if error.code == ErrorCode.RATE_LIMITED:
                    status = 429
            else:
                sealed, key = seal_receipt_code(result.status_token)
                request.session[RECEIPT_SESSION_KEY] = {
                    "reference": result.application.reference,
                    "sealed": sealed,
                    "created": result.created,
                    "city": city.title,
                }
                return redirect(f"{reverse('registrations:submitted')}?{urlencode({'k': key})}")
        form.refresh_stamp()
        if status == 200:
            status = 400
    else:
        form = RegistrationForm(**form_kwargs)
    context["form"] = form
    return render(request, "registrations/register.html", context, status=status)


@never_cache
def submitted(request: HttpRequest):
    """The reference and status code, shown once.

    The session holds the code only sealed; the key comes signed in this page's URL. The
    session forgets its half as the receipt is shown, so a reload or a shared URL shows nothing.
    """
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    code = None
    if receipt is not None:
        code = open_receipt_code(receipt.get("sealed", ""), request.GET.get("k", ""))
    if code is None:
        return redirect("registrations:status")
    receipt = {**receipt, "token": code}
    return render(
        request,
        "registrations/submitted.html",
        {
            "receipt": receipt,
            "confirmation_hours": settings.REGISTRATION_CONFIRMATION_HOURS,
            "page_title": _("Thank you"),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str):
    context = {"page_title": _("Confirm your email address")}
    if request.method == "POST":
        try:
            context["application"] = services.confirm_email(token)
        except RegistrationError as error:
            context["error"] = error.message
            return render(request, "registrations/confirm.html", context, status=400)
    return render(request, "registrations/confirm.html", context)


def status_context(application) -> dict:
    """What the citizen may see of their application: never reviews, scores or internal notes."""
    invitation = selectors.current_invitation(application)
    labels = dict(STATUS_CHOICES)
    public_message, message_in_persian = application.public_message_for(get_language())
    return {
        "application": application,
        "public_message": public_message,
        "message_in_persian": message_in_persian,
        "city": application.city.localized,
        "session": application.session.localized if application.session_id else None,
        "invitation": invitation,
        "invitation_session": invitation.session.localized if invitation else None,
        "history": [
            {"at": step.at, "label": labels.get(step.status, step.status)}
            for step in selectors.status_history(application)
        ],
    }


@never_cache
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest):
    """Status by reference + code (POSTed), or by the signed one-click link from an email.

    The link only shows the page; it sets nothing in the session, and withdrawing still asks
    for the code.
    """
    context = {"page_title": _("Your application")}
    if request.method == "GET" and "link" in request.GET:
        application = selectors.application_by_status_link(request.GET["link"])
        if application is None:
            context["form"] = StatusLookupForm()
            context["link_error"] = _(
                "This status link is no longer valid. Enter your reference and status code."
            )
            return render(request, "registrations/status_lookup.html", context, status=400)
        context.update(status_context(application))
        context["withdraw_form"] = WithdrawForm(
            initial={"reference": application.reference}, ask_code=True
        )
        return render(request, "registrations/status.html", context)
    if request.method == "POST":
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            application = selectors.application_status(
                form.cleaned_data["reference"], form.cleaned_data["token"]
            )
            if application is not None:
                context.update(status_context(application))
                context["withdraw_form"] = WithdrawForm(initial=form.cleaned_data)
                return render(request, "registrations/status.html", context)
            form.add_error(None, _("No application matches this reference and code."))
        context["form"] = form
        return render(request, "registrations/status_lookup.html", context, status=400)
    context["form"] = StatusLookupForm(initial={"reference": request.GET.get("reference", "")})
    return render(request, "registrations/status_lookup.html", context)


@never_cache
@require_POST
def withdraw(request: HttpRequest):
    form = WithdrawForm(request.POST)
    context = {"page_title": _("Your application")}
    if form.is_valid():
        try:
            application = services.withdraw(
                form.cleaned_data["reference"], form.cleaned_data["token"]
            )
        except RegistrationError as error:
            form.add_error(None, str(error.message))
        else:
            context.update(status_context(application))
            context["withdrawn"] = True
            return render(request, "registrations/status.html", context)
    context["form"] = form
    context["form_action"] = reverse("registrations:withdraw")
    return render(request, "registrations/status_lookup.html", context, status=400)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str):
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        context = {"page_title": _("Invitation"), "error": _("This link or code is not valid.")}
        return render(request, "registrations/invitation.html", context, status=404)
    context = {
        "page_title": _("Invitation"),
        "invitation": invitation,
        "session": invitation.session.localized,
        "preselected": request.GET.get("answer"),
    }
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            context["error"] = _("Choose whether you accept or decline.")
            return render(request, "registrations/invitation.html", context, status=400)
        try:
            context["invitation"] = services.respond_to_invitation(token, accept=answer == "accept")
        except RegistrationError as error:
            context["error"] = error.message
            return render(request, "registrations/invitation.html", context, status=400)
        context["answered"] = answer
    return render(request, "registrations/invitation.html", context)


def roster(request: HttpRequest, city_slug: str) -> HttpResponse:
    """The city's citizen diplomats who agreed to be listed: name and category only."""
    city = get_city_or_404(city_slug)
    diplomats = [
        {"name": person.full_name, "category": person.get_category_display()}
        for person in selectors.citizen_diplomats(city)
    ]
    return render(
        request,
        "registrations/roster.html",
        {"city": city, "diplomats": diplomats, "page_title": _("Citizen diplomats")},
    )
