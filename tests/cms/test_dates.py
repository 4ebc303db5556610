"""Dates for readers: Solar Hijri with Persian digits in Persian, else Gregorian; Tehran time."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from cms.dates import format_display, format_gregorian, persian_digits, to_programme_time


def test_nowruz_1405_in_persian_digits_and_month_names():
    assert format_display(date(2026, 3, 21), "fa") == "۱ فروردین ۱۴۰۵"


def test_last_day_of_the_solar_hijri_year():
    assert format_display(date(2026, 3, 20), "fa") == "۲۹ اسفند ۱۴۰۴"


def test_other_languages_get_the_gregorian_calendar():
    assert format_display(date(2026, 3, 21), "en") == "March 21, 2026"
    assert format_display(date(2026, 3, 21), "es") == "21 de marzo de 2026"


def test_datetimes_are_shown_in_tehran_time_whatever_their_zone():
    utc_evening = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)  # 00:30 on 21 March in Tehran
    assert format_display(utc_evening, "fa") == "۱ فروردین ۱۴۰۵، ساعت ۰۰:۳۰"
    assert format_display(utc_evening, "en") == "March 21, 2026, 00:30"
    rome = datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Rome"))  # 10:30 in Tehran
    assert format_display(rome, "en") == "June 1, 2026, 10:30"


def test_with_time_false_drops_the_hour_of_a_datetime():
    moment = datetime(2026, 3, 21, 6, 30, tzinfo=UTC)
    assert format_display(moment, "fa", with_time=False) == "۱ فروردین ۱۴۰۵"
    assert format_display(moment, "en", with_time=False) == "March 21, 2026"


def test_a_date_never_gets_a_time():
    assert format_display(date(2026, 3, 21), "en", with_time=True) == "March 21, 2026"


def test_naive_datetimes_are_taken_as_tehran_time():
    assert to_programme_time(datetime(2026, 3, 21, 10, 0)).utcoffset().total_seconds() == 12600


def test_persian_readers_see_the_gregorian_date_in_persian_digits():
    assert format_gregorian(date(2026, 3, 21), "fa") == "۲۱ مارس ۲۰۲۶"
    assert persian_digits("1405-01-01") == "۱۴۰۵-۰۱-۰۱"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۱ فروردین ۱۴۰۵، ساعت ۱۰:۰۰"), ("en", "March 21, 2026, 10:00")],
)
def test_template_filter_follows_the_active_language(language, expected):
    moment = datetime(2026, 3, 21, 6, 30, tzinfo=UTC)
    template = Template("{% load display_dates %}{{ value|localdate_display }}")
    with translation.override(language):
        assert template.render(Context({"value": moment})) == expected


def test_display_date_tag_gives_a_machine_readable_time_and_for_persian_the_gregorian_too():
    moment = datetime(2026, 3, 21, 6, 30, tzinfo=UTC)
    template = Template("{% load display_dates %}{% display_date value %}")
    with translation.override("fa"):
        html = template.render(Context({"value": moment}))
    assert '<time datetime="2026-03-21T10:00+03:30">۱ فروردین ۱۴۰۵، ساعت ۱۰:۰۰</time>' in html
    assert "(۲۱ مارس ۲۰۲۶، ۱۰:۰۰)" in html
    with translation.override("en"):
        html = template.render(Context({"value": moment}))
    assert "March 21, 2026, 10:00" in html
    assert "alt-calendar" not in html


def test_empty_values_render_nothing():
    template = Template("{% load display_dates %}[{{ value|localdate_display }}]")
    assert template.render(Context({"value": None})) == "[]"
