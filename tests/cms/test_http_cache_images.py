"""HTTP caching of images: every response that shows an image is tagged ``image:<id>``, and
editing the image (its alternative text, file or focal point), deleting it or deleting its
renditions purges exactly that tag (plus REST v2, tagged ``rest`` only) in the same request."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from cities.models import SessionPage, SisterCityPage
from cms import http_cache
from cms.blocks import ImageWithCaptionBlock

pytestmark = pytest.mark.django_db

CITY = '{ city(slug: "florence", locale: "en") { title heroImage { alt url } } }'


@pytest.fixture
def purged(monkeypatch) -> list[set[str]]:
    """The tag sets sent to the reverse proxies (the Varnish test covers the proxy's side)."""
    calls: list[set[str]] = []
    monkeypatch.setattr(http_cache, "_purge_proxies", lambda tags: calls.append(set(tags)))
    return calls


@pytest.fixture
def new_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = get_image_model()(
        title="Cache test", description="A teal square", file=ImageFile(buffer, name="cache.png")
    )
    image.save()
    return image


def florence() -> SisterCityPage:
    return SisterCityPage.objects.select_related("hero_image").get(
        slug="florence", locale__language_code="en"
    )


def tags_of(response) -> set[str]:
    return set(response["Surrogate-Key"].split())


def img_alt(content: bytes) -> str:
    figure = content.decode().split('<figure class="hero-image">', 1)[1]
    return re.search(r'<img[^>]*alt="([^"]*)"', figure).group(1)


def test_an_alt_text_change_purges_the_graphql_answer_that_shows_it(
    client, django_capture_on_commit_callbacks
):
    image = florence().hero_image
    first = client.get("/graphql/", {"query": CITY})
    assert f"image:{image.pk}" in tags_of(first)
    assert client.get("/graphql/", {"query": CITY})["X-Response-Cache"] == "hit"
    image.description = "Florence, new alternative text"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    after = client.get("/graphql/", {"query": CITY}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert after["X-Response-Cache"] == "miss"
    assert after.json()["data"]["city"]["heroImage"]["alt"] == "Florence, new alternative text"


@pytest.mark.parametrize("path", ["/en/cities/florence/", "/cities/florence/"])
def test_an_alt_text_change_purges_the_dossier_page_that_shows_it(
    client, django_capture_on_commit_callbacks, purged, path
):
    image = florence().hero_image
    first = client.get(path)
    assert first["Cache-Control"].startswith("public, ")
    assert f"image:{image.pk}" in tags_of(first)
    image.description = "Florence, new alternative text"
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert purged == [{f"image:{image.pk}", "rest"}]
    assert purged[0] & tags_of(first) == {f"image:{image.pk}"}, "not through html: exact"
    after = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert img_alt(after.content) == "Florence, new alternative text"


def test_a_session_page_is_tagged_with_its_citys_image(client):
    session = SessionPage.objects.live().filter(locale__language_code="fa").first()
    city = session.get_parent().specific
    assert city.hero_image_id
    assert f"image:{city.hero_image_id}" in tags_of(client.get(session.url))


def test_an_unrelated_images_edit_leaves_the_graphql_answer_cached(
    client, django_capture_on_commit_callbacks, new_image
):
    client.get("/graphql/", {"query": CITY})
    new_image.description = "Edited"
    with django_capture_on_commit_callbacks(execute=True):
        new_image.save()
    assert client.get("/graphql/", {"query": CITY})["X-Response-Cache"] == "hit"


def test_image_blocks_and_rich_text_images_are_tagged(new_image):
    with http_cache.collecting():
        render_to_string(
            "blocks/image_with_caption.html",
            {"value": ImageWithCaptionBlock().to_python({"image": new_image.pk, "caption": "x"})},
        )
        assert http_cache.collected_tags() == {f"image:{new_image.pk}"}
    with http_cache.collecting():
        html = expand_db_html(
            f'<p><embed embedtype="image" id="{new_image.pk}" format="fullwidth" alt="x"/></p>'
        )
        assert "<img" in html
        assert http_cache.collected_tags() == {f"image:{new_image.pk}"}


def test_deleting_renditions_purges_the_image_and_deleting_it_purges_once(
    django_capture_on_commit_callbacks, purged, new_image
):
    new_image.get_rendition("width-20")
    with django_capture_on_commit_callbacks(execute=True):
        new_image.renditions.all().delete()
    assert purged == [{f"image:{new_image.pk}"}]
    new_image.get_rendition("width-20")
    new_image.get_rendition("width-30")
    purged.clear()
    pk = new_image.pk
    with django_capture_on_commit_callbacks(execute=True):
        new_image.delete()
    assert purged == [{f"image:{pk}", "rest"}]


def test_wagtail_filling_in_file_metadata_purges_nothing(
    django_capture_on_commit_callbacks, purged, new_image
):
    with django_capture_on_commit_callbacks(execute=True):
        new_image.save(update_fields=["file_size", "file_hash"])
    assert purged == []
