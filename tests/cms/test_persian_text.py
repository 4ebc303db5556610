"""Persian-perfect text: Persian digits in Persian text, Persian comma, a separator not read as
۰, localized time-zone names, and lists in the reader's alphabetical order."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.utils import translation

from cms import persian

ASCII_DIGIT = re.compile(r"[0-9]")
VOID = {"meta", "link", "img", "br", "hr", "input", "source", "wbr", "area", "col", "embed"}
HIDDEN = {"script", "style", "template", "head", "option", "textarea", "svg"}


class PersianTextReader(HTMLParser):
    """Visible text in a ``lang="fa"`` context outside ``<bdi>`` / ``dir="ltr"`` islands."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, island)
        self.slips: list[str] = []

    def _context(self) -> tuple[str | None, bool, bool]:
        lang, island, hidden = None, False, False
        for tag, tag_lang, tag_island in self.stack:
            lang = tag_lang or lang
            island = island or tag_island
            hidden = hidden or tag in HIDDEN
        return lang, island, hidden

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in VOID:
            return
        island = tag == "bdi" or values.get("dir") == "ltr" or "hidden" in values
        island = island or values.get("aria-hidden") == "true" and tag == "span" and False
        lang = values.get("lang")
        self.stack.append((tag, lang.split("-")[0] if lang else None, island))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        lang, island, hidden = self._context()
        if lang == "fa" and not island and not hidden and ASCII_DIGIT.search(data):
            self.slips.append(data.strip()[:120])


def persian_slips(html: str) -> list[str]:
    reader = PersianTextReader()
    reader.feed(html)
    return reader.slips


# --- the helpers -------------------------------------------------------------------------------


def test_digits_percent_and_times_in_persian():
    assert persian.localize_digits("ظرف 72 ساعت", "fa") == "ظرف ۷۲ ساعت"
    assert persian.localize_digits("10:00–10:30", "fa") == "۱۰:۰۰–۱۰:۳۰"
    assert persian.localize_digits("40%", "fa") == "۴۰٪"
    assert persian.localize_digits("40%", "en") == "40%"
    assert persian.localize_digits(None, "fa") == ""


def test_lists_are_joined_with_the_persian_comma():
    assert persian.join_list(["ایتالیا", "اسپانیا", ""], "fa") == "ایتالیا، اسپانیا"
    assert persian.join_list(["Italy", "Spain"], "en") == "Italy, Spain"


def test_the_separator_cannot_be_read_as_zero():
    for language in ("fa", "en"):
        assert "·" not in persian.separator(language)
        assert "۰" not in persian.separator(language)


def test_time_zone_names_are_localized():
    winter = datetime(2026, 1, 15, 12, tzinfo=UTC)
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC)
    assert persian.zone_display("Europe/Rome", winter, "fa") == "به وقت رم، ۱ ساعت جلوتر از گرینویچ"
    assert persian.zone_display("Europe/Rome", summer, "fa") == "به وقت رم، ۲ ساعت جلوتر از گرینویچ"
    assert persian.zone_display("Europe/Rome", winter, "en") == (
        "Rome time, 1 hour ahead of Greenwich"
    )
    assert persian.zone_display("America/Havana", winter, "en") == (
        "Havana time, 5 hours behind Greenwich"
    )
    assert persian.zone_display("Asia/Tehran", winter, "fa") == (
        "به وقت تهران، ۳ ساعت و ۳۰ دقیقه جلوتر از گرینویچ"
    )
    assert persian.zone_display("Africa/Dakar", winter, "en") == "Dakar time, the same as Greenwich"


def test_persian_alphabetical_order():
    expected = [
        "آب", "ابر", "باد", "پل", "تاج", "ثمر", "جام", "چای", "حوض", "خانه", "در", "ذرت",
        "رود", "زر", "ژاله", "سرو", "شهر", "صبح", "ضرب", "طاق", "ظهر", "عطر", "غزل", "فرش",
        "قلم", "کوه", "گل", "لاله", "ماه", "نان", "وطن", "هنر", "یاس",
    ]  # fmt: skip
    shuffled = expected[::-1][5:] + expected[::-1][:5]
    assert persian.collate(shuffled, language="fa") == expected


def test_persian_order_folds_arabic_letter_forms_and_ignores_zwnj():
    assert persian.collate(["كويت", "کابل", "يزد", "یاسوج"], language="fa") == [
        "کابل",
        "كويت",
        "یاسوج",
        "يزد",
    ]
    assert persian.collate(["می\u200cخواهم", "میان"], language="fa") == ["میان", "می\u200cخواهم"]


def test_lahore_comes_after_kuala_lumpur_in_persian():
    # Code-point order puts ل (U+0644) before ک (U+06A9); Persian order puts ک first.
    assert persian.collate(["لاهور", "کوالالامپور"], language="fa") == ["کوالالامپور", "لاهور"]


def test_english_order_ignores_case_and_accents():
    assert persian.collate(["zebra", "Éclair", "apple", "Banana"], language="en") == [
        "apple",
        "Banana",
        "Éclair",
        "zebra",
    ]


def test_the_template_filter_follows_the_active_language():
    template = Template("{% load persian %}{{ n|local_digits }} {{ items|join_local }}{% sep %}")
    context = Context({"n": "72%", "items": ["a", "b"]})
    with translation.override("fa"):
        assert template.render(context) == "۷۲٪ a، b، "
    with translation.override("en"):
        assert template.render(context) == "72% a, b — "


def test_the_checker_finds_a_slip_and_respects_islands():
    html = (
        '<html lang="fa"><body><p>ظرف 72 ساعت</p><p>ظرف ۷۲ ساعت</p>'
        '<bdi dir="ltr">+39 055</bdi><code dir="ltr">ISF-2026-00001</code>'
        '<p lang="en">Since 2000</p></body></html>'
    )
    assert persian_slips(html) == ["ظرف 72 ساعت"]


# --- the pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_persian_page_has_latin_digits_in_persian_text(client, settings):
    from cities.models import ActionPlanPage, SessionPage
    from registrations import links
    from tests.registrations import factories

    settings.SITE_BASE_URL = "http://testserver"
    session = SessionPage.objects.live().filter(locale__language_code="fa").first()
    plan = ActionPlanPage.objects.live().filter(locale__language_code="fa").first()
    test_session = factories.make_session(capacity=5)
    application, rsvp = factories.invited(test_session)
    paths = [
        "/",
        "/cities/",
        "/cities/florence/",
        "/cities/havana/",
        session.url,
        plan.url,
        "/about/",
        "/privacy/",
        "/register/florence/",
        f"/register/florence/{test_session.slug}/",
        "/register/status/",
        links.status_link(application, "fa").removeprefix("http://testserver"),
        f"/register/invitation/{rsvp}/",
        "/register/roster/florence/",
    ]
    slips = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        # The test session's title is Latin test data, not the site's text.
        found = [
            slip
            for slip in persian_slips(response.content.decode())
            if test_session.title not in slip
        ]
        if found:
            slips[path] = found
    errors = client.post("/register/florence/", {"full_name": ""})
    found = persian_slips(errors.content.decode())
    if found:
        slips["register errors"] = found
    assert slips == {}
