"""Header helpers: language names, time-zone offsets, digits for Persian readers."""

import pytest
from django.template import Context, Template
from django.utils import translation

from cms.navigation import home_page_for_active_locale, language_name


def test_language_names_are_native_and_translated():
    with translation.override("fa"):
        assert language_name("it") == ("italiano", "ایتالیایی", False)
        assert language_name("ar")[2] is True


def test_a_bare_chinese_code_falls_back_to_simplified_chinese():
    assert language_name("zh")[0] == language_name("zh-hans")[0] != "zh"


def test_an_unknown_code_is_shown_as_itself():
    assert language_name("xx") == ("xx", "xx", False)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("Asia/Tehran", {"UTC+03:30"}), ("America/Havana", {"UTC−05:00", "UTC−04:00"}),
     ("Europe/Rome", {"UTC+01:00", "UTC+02:00"}), ("Nowhere/Atlantis", {""})],
)  # fmt: skip
def test_utc_offset_of_a_time_zone(zone, expected):
    rendered = Template("{% load site_tags %}{{ zone|utc_offset }}").render(Context({"zone": zone}))
    assert rendered in expected


@pytest.mark.parametrize(("language", "expected"), [("fa", "۱۹۹۸"), ("en", "1998")])
def test_local_digits(language, expected):
    with translation.override(language):
        assert Template("{% load display_dates %}{{ 1998|local_digits }}").render(Context()) == (
            expected
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fa", "en"])
def test_home_page_follows_the_active_language(language):
    with translation.override(language):
        assert home_page_for_active_locale().locale.language_code == language


@pytest.mark.django_db
def test_home_page_falls_back_to_persian_for_a_language_without_a_locale():
    with translation.override("de"):
        assert home_page_for_active_locale().locale.language_code == "fa"
