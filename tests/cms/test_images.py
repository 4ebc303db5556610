"""Images: responsive <picture> with WebP and srcset on dossiers and sessions, alt text required
for public images, and labelled illustrative images for the demo content."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from cities.models import SessionPage, SisterCityPage
from cities.seed.images import HEIGHT, WIDTH, draw_city_banner

pytestmark = pytest.mark.django_db


def picture_of(content: str) -> str:
    return content.split('<figure class="hero-image">', 1)[1].split("</figure>", 1)[0]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_dossier_hero_is_a_responsive_picture_with_webp(client, prefix):
    content = client.get(f"{prefix}/cities/florence/").content.decode()
    picture = picture_of(content)
    assert picture.startswith("<picture>")
    webp = re.search(r'<source[^>]*type="image/webp"[^>]*>', picture).group(0)
    assert re.search(r"srcset=\"[^\"]+\.webp 640w, [^\"]+\.webp 1200w, [^\"]+\.webp 1600w\"", webp)
    assert 'sizes="(max-width: 70rem) 100vw, 70rem"' in webp
    alt = re.search(r'<img[^>]*alt="([^"]*)"', picture).group(1)
    assert "Illustrative image" in alt


def test_every_demo_city_has_a_labelled_illustrative_image():
    cities = SisterCityPage.objects.live()
    assert cities.count() == 26
    assert not cities.filter(hero_image__isnull=True).exists()
    for page in cities.select_related("hero_image"):
        assert "Illustrative image" in page.hero_image.description
        assert "تصویر نمایشی" in page.hero_image.description


def test_session_page_shows_its_citys_picture(client):
    session = SessionPage.objects.live().filter(locale__language_code="fa").first()
    content = client.get(session.url).content.decode()
    assert 'type="image/webp"' in picture_of(content)


def test_banner_is_drawn_to_size_and_the_same_each_time():
    from io import BytesIO

    from PIL import Image

    first = draw_city_banner("florence", "Florence", "فلورانس")
    assert first == draw_city_banner("florence", "Florence", "فلورانس")
    with Image.open(BytesIO(first)) as image:
        assert image.size == (WIDTH, HEIGHT)


def test_the_image_form_requires_alt_text():
    form_class = get_image_form(get_image_model())
    form = form_class(data={"title": "A photo", "description": ""})
    assert not form.is_valid()
    assert "description" in form.errors


def test_a_dossier_refuses_a_hero_image_without_alt_text():
    page = SisterCityPage.objects.get(slug="florence", locale__language_code="fa")
    image = page.hero_image
    image.description = ""
    with pytest.raises(ValidationError) as raised:
        page.hero_image = image
        page.full_clean()
    assert "hero_image" in raised.value.message_dict
