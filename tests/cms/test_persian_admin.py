"""The Persian admin: Solar Hijri dates, digits, search, ASCII slugs, PO file names, names."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import jdatetime
import pytest
from django import forms
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Task, Workflow
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from cities.models import Region, SisterCityPage
from cms.admin_i18n.digits import parse_solar_hijri
from cms.admin_i18n.names import (
    GROUP_NAMES,
    TASK_NAMES,
    WORKFLOW_NAMES,
    group_named,
    rename_to_persian,
)
from cms.admin_i18n.slugs import TRANSLITERATION, ascii_slug
from cms.admin_i18n.widgets import AnyDigitsNumberInput, SolarHijriDateTimeInput
from cms.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


def fa_digits(value: int | str) -> str:
    return str(value).translate(str.maketrans("0123456789", PERSIAN_DIGITS))


def solar_hijri_day(value: datetime) -> str:
    """``۱۰ فروردین ۱۴۰۵`` for ``value``, computed with jdatetime in the admin's time zone."""
    local = timezone.localtime(value)
    jalali = jdatetime.date.fromgregorian(date=local.date())
    month = jdatetime.date.j_months_fa[jalali.month - 1]
    return f"{fa_digits(jalali.day)} {month} {fa_digits(jalali.year)}"


def admin_user(django_user_model, language: str):
    user = django_user_model.objects.create_superuser(f"admin-{language}", "a@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def persian_admin(client, django_user_model):
    client.force_login(admin_user(django_user_model, "fa"))
    return client


@pytest.fixture
def english_admin(client, django_user_model):
    client.force_login(admin_user(django_user_model, "en"))
    return client


def dossier(language: str = "fa") -> SisterCityPage:
    return SisterCityPage.objects.get(slug="florence", locale__language_code=language)


# --- Solar Hijri dates ------------------------------------------------------------------------


def test_history_shows_solar_hijri_dates_with_persian_digits(persian_admin):
    page = dossier()
    revision = page.save_revision()
    response = persian_admin.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    # The tooltip of the revision's date: Solar Hijri, Persian digits, then the time.
    assert f'data-w-tooltip-content-value="{solar_hijri_day(revision.created_at)}، ' in html


def test_listing_relative_times_use_persian_digits(persian_admin):
    page = dossier()
    Page.objects.filter(pk=page.pk).update(
        latest_revision_created_at=timezone.now() - timedelta(days=3)
    )
    response = persian_admin.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    html = response.content.decode()
    assert f"{fa_digits(3)}\xa0روز" in html or f"{fa_digits(3)} روز" in html


def test_status_panel_shows_scheduled_publication_in_solar_hijri(persian_admin):
    page = dossier()
    go_live = timezone.now() + timedelta(days=40)
    page.go_live_at = go_live
    page.save_revision(approved_go_live_at=go_live)
    response = persian_admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    html = response.content.decode()
    assert solar_hijri_day(go_live) in html


def test_english_admin_keeps_gregorian_dates(english_admin):
    page = dossier()
    revision = page.save_revision()
    response = english_admin.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    html = response.content.decode()
    assert solar_hijri_day(revision.created_at) not in html
    assert str(timezone.localtime(revision.created_at).year) in html


def test_site_and_email_dates_are_not_changed_by_the_admin_calendar():
    from cms.admin_i18n.dates import admin_dates
    from cms.dates import format_display, format_gregorian

    moment = timezone.make_aware(datetime(2026, 3, 21, 10, 0))
    outside = [format_display(moment, "fa"), format_gregorian(moment, "fa")]
    # Emails sent during an admin request (a committee decision) format dates there too.
    with admin_dates(), translation.override("fa"):
        inside = [format_display(moment, "fa"), format_gregorian(moment, "fa")]
    assert inside == outside
    assert outside[0] == "۱ فروردین ۱۴۰۵، ساعت ۱۰:۰۰" and "۲۰۲۶" in outside[1]


# --- Jalali and digit-tolerant inputs --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("۱۴۰۵/۰۱/۰۱", date(2026, 3, 21)),
        ("١٤٠٥-١-١", date(2026, 3, 21)),
        ("1405.12.29", date(2027, 3, 20)),
        ("۱۴۰۵/۰۱/۱۰ ۱۴:۳۰", datetime(2026, 3, 30, 14, 30)),
        ("2026-03-21", date(2026, 3, 21)),
        ("۱۴۰۵/۱۳/۰۱", None),
        ("فردا", None),
    ],
)
def test_solar_hijri_dates_are_parsed_with_any_digits(typed, expected):
    assert parse_solar_hijri(typed) == expected


def test_datetime_widget_shows_and_reads_solar_hijri_in_persian():
    class Form(forms.Form):
        when = forms.DateTimeField(widget=SolarHijriDateTimeInput)

    with translation.override("fa"):
        html = Form(initial={"when": datetime(2026, 3, 30, 14, 30)}).as_p()
        form = Form({"when": "۱۴۰۵/۰۱/۱۰ ۱۴:۳۰"})
        assert form.is_valid(), form.errors
    assert 'value="۱۴۰۵/۰۱/۱۰ ۱۴:۳۰"' in html
    assert "initDateTimeChooser" not in html
    assert timezone.localtime(form.cleaned_data["when"]).replace(tzinfo=None) == datetime(
        2026, 3, 30, 14, 30
    )
    with translation.override("en"):
        html = Form(initial={"when": datetime(2026, 3, 30, 14, 30)}).as_p()
    assert "2026-03-30 14:30" in html and "initDateTimeChooser" in html


def test_number_input_takes_persian_and_arabic_digits():
    class Form(forms.Form):
        seats = forms.IntegerField(widget=AnyDigitsNumberInput)
        share = forms.DecimalField(widget=AnyDigitsNumberInput)

    with translation.override("fa"):
        html = Form().as_p()
        form = Form({"seats": "۲۵", "share": "٣٫٥"})
        assert form.is_valid(), form.errors
    assert 'type="text"' in html and 'inputmode="decimal"' in html
    assert form.cleaned_data["seats"] == 25 and str(form.cleaned_data["share"]) == "3.5"
    with translation.override("en"):
        assert 'type="number"' in Form().as_p()


def test_snippet_edited_in_the_persian_admin_accepts_persian_digits(persian_admin):
    region = Region.objects.filter(locale__language_code="fa").first()
    url = reverse("wagtailsnippets_cities_region:edit", args=[region.pk])
    form_html = persian_admin.get(url).content.decode()
    assert re.search(r'<input type="text" name="sort_order"[^>]*inputmode="decimal"', form_html)
    response = persian_admin.post(
        url, {"name": region.name, "slug": region.slug, "sort_order": "۴۲"}
    )
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.sort_order == 42


def test_page_form_uses_the_solar_hijri_widget_for_dates(persian_admin):
    page = dossier()
    response = persian_admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert 'data-calendar="solar-hijri"' in response.content.decode()


# --- Search -----------------------------------------------------------------------------------


@pytest.fixture
def kuwait_page():
    home = HomePage.objects.get(locale__language_code="fa")
    page = home.add_child(
        instance=StandardPage(title="همکاری با کویت ۱۴۰۵", slug="kuwait", intro="سفر به کویت")
    )
    page.save_revision().publish()
    return page


@pytest.mark.parametrize("query", ["كويت", "کویت", "همکاری 1405", "همكاري ١٤٠٥"])
def test_page_search_normalises_arabic_letters_and_digits(kuwait_page, query):
    found = StandardPage.objects.live().search(query)
    assert kuwait_page.pk in [page.pk for page in found]


def test_admin_page_search_finds_arabic_spelling(persian_admin, kuwait_page):
    response = persian_admin.get(reverse("wagtailadmin_pages:search"), {"q": "كويت"})
    assert response.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[kuwait_page.pk]) in response.content.decode()


def test_admin_snippet_search_finds_arabic_spelling(persian_admin):
    region = Region.objects.filter(locale__language_code="fa").first()
    region.name = "منطقهٔ کویت"
    region.save()
    url = reverse("wagtailsnippets_cities_region:list")
    response = persian_admin.get(url, {"q": "كويت"})
    assert response.status_code == 200
    assert reverse("wagtailsnippets_cities_region:edit", args=[region.pk]) in (
        response.content.decode()
    )


# --- ASCII slugs ------------------------------------------------------------------------------


def test_ascii_slug_transliterates_persian_titles():
    assert ascii_slug("شهروند دیپلمات") == "shhrond-diplmat"
    assert ascii_slug("ایتالیا ۱۴۰۵") == "italia-1405"
    assert ascii_slug("كويت").isascii() and ascii_slug("كويت") == ascii_slug("کویت")


def test_page_created_from_a_persian_title_in_the_admin_gets_an_ascii_slug(persian_admin):
    home = HomePage.objects.get(locale__language_code="fa")
    url = reverse("wagtailadmin_pages:add", args=["cms", "standardpage", home.pk])
    form_html = persian_admin.get(url).content.decode()
    # The admin's auto-fill transliterates with the same rules as the server (the browser test
    # types a title); Wagtail's unicode auto-fill is off.
    assert 'data-w-slug-formatters-value="' in form_html
    assert 'data-w-slug-allow-unicode-value="True"' not in form_html
    # A slug as Wagtail's unicode auto-fill made it, or as typed without JavaScript.
    response = persian_admin.post(
        url,
        {
            "title": "برنامهٔ اصفهان",
            "slug": "برنامه-اصفهان",
            "intro": "",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    errors = re.findall(r"error-message[^>]*>(.*?)</", response.content.decode(), re.S)
    assert response.status_code == 302, errors
    page = StandardPage.objects.get(title="برنامهٔ اصفهان", locale__language_code="fa")
    assert page.slug == ascii_slug("برنامهٔ اصفهان") and page.slug.isascii()


def test_translation_with_a_persian_slug_takes_the_source_slug():
    page = dossier("en")
    page.slug = "فلورانس"
    page.save()
    assert page.slug == dossier("fa").slug == "florence"


def test_transliteration_rules_are_valid_javascript_regexes():
    # Wagtail passes them to `new RegExp(pattern, "gu")`: no Python-only syntax allowed.
    for pattern, _replacement in TRANSLITERATION:
        assert "(?P" not in pattern and "\\A" not in pattern and "\\Z" not in pattern


# --- PO file names ----------------------------------------------------------------------------


def test_po_download_is_named_after_slug_and_locale(persian_admin):
    source = TranslationSource.objects.get_for_instance(dossier())
    translation_ = Translation.objects.get(source=source, target_locale__language_code="en")
    response = persian_admin.get(
        reverse("wagtail_localize:download_pofile", args=[translation_.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="florence-en.po"'
    assert "msgid" in response.content.decode()


# --- Names --------------------------------------------------------------------------------------


def test_groups_and_workflow_created_by_migrations_have_persian_names():
    assert not Group.objects.filter(name__in=GROUP_NAMES).exists()
    for english in ("Editors", "Moderators", "Review committee"):
        assert group_named(english).name == GROUP_NAMES[english]
    for model, names in ((Workflow, WORKFLOW_NAMES), (Task, TASK_NAMES)):
        for english, persian in names.items():
            assert model.objects.filter(name=persian).exists()
            assert not model.objects.filter(name=english).exists()


def test_renaming_touches_only_the_english_names_migrations_give():
    Group.objects.filter(name=GROUP_NAMES["Translators"]).delete()  # if a migration made it
    Group.objects.create(name="Translators")
    Group.objects.create(name="Translators of Italian")
    assert rename_to_persian() == 1
    assert group_named("Translators").name == "مترجمان"
    assert Group.objects.filter(name="Translators of Italian").exists()
    assert rename_to_persian() == 0


def test_locales_are_named_in_their_own_language(persian_admin):
    assert Locale.objects.get(language_code="fa").get_display_name() == "فارسی"
    assert Locale.objects.get(language_code="en").get_display_name() == "English"
    response = persian_admin.get(reverse("wagtaillocales:index"))
    assert "فارسی" in response.content.decode()
