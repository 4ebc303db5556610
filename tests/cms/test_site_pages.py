"""The server-rendered site: home and standard pages, URL scheme, language switcher, 404."""

import pytest
from django.template import Context, Template
from django.utils import translation
from wagtail.models import Page

from cms.models import HomePage, StandardPage

from .html import Page as HtmlPage
from .html import read

pytestmark = pytest.mark.django_db

CITY_SLUGS = {
    "xian", "kuala-lumpur", "florence", "iasi", "barcelona", "yerevan", "kuwait-city",
    "freiburg", "havana", "lahore", "saint-petersburg", "dakar", "baalbek",
}  # fmt: skip

LANGUAGES = [("", "fa", "rtl"), ("/en", "en", "ltr")]


def home(language: str) -> HomePage:
    return HomePage.objects.live().get(locale__language_code=language)


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_home_page_has_language_direction_and_skip_link(client, prefix, language, direction):
    page = read(client.get(f"{prefix}/"))

    assert page.root.attrs["lang"] == language
    assert page.root.attrs["dir"] == direction
    skip = page.find("a", **{"class": "skip-link"})
    assert skip.attrs["href"] == "#main"
    assert page.find("main").attrs["id"] == "main"
    assert page.find_all("header") and page.find_all("footer") and page.find_all("nav")


@pytest.mark.parametrize(("prefix", "language", "direction"), LANGUAGES)
def test_home_page_shows_intro_goals_and_13_cities_by_region(client, prefix, language, direction):
    page = read(client.get(f"{prefix}/"))
    home_page = home(language)

    assert page.find("h1").text.strip() == home_page.title
    goals = [block.value["title"] for block in home_page.goals]
    assert len(goals) == 5
    goal_titles = [" ".join(e.text.split()) for e in page.with_class("goal__title")]
    assert goal_titles == goals
    city_links = {a.attrs["href"] for a in page.links_inside("region-list")}
    assert city_links == {f"{prefix}/cities/{slug}/" for slug in CITY_SLUGS}
    region_names = [
        " ".join(h.text.split())
        for h in page.find_all("h3")
        if h.is_inside(page.with_class("region-list")[0])
    ]
    with translation.override(language):
        expected = [
            region.name for region, _cities in home_page.get_context(None)["cities_by_region"]
        ]
    assert region_names == expected
    assert len(expected) == 5


def test_home_page_ignores_accept_language_persian_stays_at_the_root(client):
    page = read(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    assert page.root.attrs["lang"] == "fa"


@pytest.mark.parametrize(
    ("path", "status", "language"),
    [
        ("/cities/florence/", 200, "fa"),
        ("/en/cities/florence/", 200, "en"),
        ("/fa/cities/florence/", 404, None),
        ("/fa/", 404, None),
        ("/cities/atlantis/", 404, None),
    ],
)
def test_url_scheme_persian_unprefixed_other_languages_prefixed(client, path, status, language):
    response = client.get(path)
    assert response.status_code == status
    if language:
        assert HtmlPage(response.content.decode()).root.attrs["lang"] == language


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/cities/florence/", {"fa": "/cities/florence/", "en": "/en/cities/florence/"}),
        ("/en/cities/florence/", {"fa": "/cities/florence/", "en": "/en/cities/florence/"}),
        ("/en/", {"fa": "/", "en": "/en/"}),
        (
            "/cities/florence/florence-action-plan/",
            {
                "fa": "/cities/florence/florence-action-plan/",
                "en": "/en/cities/florence/florence-action-plan/",
            },
        ),
    ],
)
def test_language_switcher_links_to_the_same_page_in_each_language(client, path, expected):
    page = read(client.get(path))

    links = page.language_links()
    assert {code: a.attrs["href"] for code, a in links.items()} == expected
    assert links["fa"].attrs["lang"] == "fa" and links["fa"].text.strip() == "فارسی"
    assert links["en"].attrs["lang"] == "en" and links["en"].text.strip() == "English"
    current = "en" if path.startswith("/en/") else "fa"
    assert links[current].attrs.get("aria-current") == "page"
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in page.find_all("link", rel="alternate")
    }
    assert alternates["fa"] == "http://testserver" + expected["fa"]
    assert alternates["en"] == "http://testserver" + expected["en"]
    assert alternates["x-default"] == alternates["fa"]


def test_language_switcher_offers_only_live_translations(
    client, django_capture_on_commit_callbacks
):
    english_about = StandardPage.objects.get(slug="about", locale__language_code="en")
    with django_capture_on_commit_callbacks(execute=True):
        english_about.unpublish()

    page = read(client.get("/about/"))

    assert page.with_class("language-switcher") == []
    assert not page.find_all("link", hreflang="en")
    assert client.get("/en/about/").status_code == 404


@pytest.mark.parametrize(("prefix", "language"), [("", "fa"), ("/en", "en")])
def test_standard_page_renders_in_both_languages(client, prefix, language):
    about = StandardPage.objects.get(slug="about", locale__language_code=language)

    page = read(client.get(f"{prefix}/about/"))

    assert page.root.attrs["lang"] == language
    assert page.find("h1").text.strip() == about.title
    if about.intro:
        assert " ".join(about.intro.split()) in page.main_text


def test_standard_page_body_blocks_use_their_templates(client, django_capture_on_commit_callbacks):
    about = StandardPage.objects.get(slug="about", locale__language_code="fa")
    about.body = [
        ("heading", "تاریخچه"),
        ("quote", {"text": "دوستی شهرها", "attribution": "شهردار"}),
        ("key_facts", {"heading": "در یک نگاه", "facts": [{"label": "سال", "value": "۱۳۷۷"}]}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()

    page = read(client.get("/about/"))

    assert page.find("h2", **{"class": "block-heading"}).text == "تاریخچه"
    assert "دوستی شهرها" in page.find("blockquote").text
    assert page.find("dt").text == "سال" and page.find("dd").text == "۱۳۷۷"


def test_main_navigation_leads_to_the_city_index_in_the_same_language(client):
    page = read(client.get("/en/"))
    hrefs = [a.attrs["href"] for a in page.links_inside("site-nav")]
    assert hrefs[:2] == ["/en/", "/en/cities/"]


@pytest.mark.parametrize(("path", "language", "direction"), [
    ("/no-such-page/", "fa", "rtl"),
    ("/en/no-such-page/", "en", "ltr"),
])  # fmt: skip
def test_not_found_page_is_in_the_language_of_the_address(client, path, language, direction):
    response = client.get(path)

    assert response.status_code == 404
    page = HtmlPage(response.content.decode())
    assert page.root.attrs["lang"] == language
    assert page.root.attrs["dir"] == direction
    home_link = "/" if language == "fa" else "/en/"
    main = page.find("main")
    assert home_link in [a.attrs["href"] for a in page.find_all("a") if a.is_inside(main)]


def test_server_error_page_renders_without_a_request_or_database():
    from django.template.loader import get_template

    with translation.override("fa"):
        html = get_template("500.html").render({})
    page = HtmlPage(html)
    assert page.root.attrs == {"lang": "fa", "dir": "rtl"}


def test_optional_include_renders_nothing_for_a_missing_template():
    template = Template('{% load site_tags %}[{% optional_include "nowhere/missing.html" %}]')
    assert template.render(Context({})) == "[]"


def test_optional_include_renders_an_existing_template_with_the_context(settings, tmp_path):
    (tmp_path / "slot").mkdir()
    (tmp_path / "slot" / "cta.html").write_text("<a href='/x'>{{ page.title }}</a>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    template = Template('{% load site_tags %}[{% optional_include "slot/cta.html" %}]')
    page = Page(title="Florence")
    assert template.render(Context({"page": page})) == "[<a href='/x'>Florence</a>]"


@pytest.mark.parametrize(("prefix", "language"), [("", "fa"), ("/en", "en")])
def test_every_page_links_the_about_and_privacy_pages_in_its_language(client, prefix, language):
    page = read(client.get(f"{prefix}/cities/florence/"))

    hrefs = [a.attrs["href"] for a in page.links_inside("footer-links")]
    assert hrefs == [f"{prefix}/about/", f"{prefix}/privacy/"]
