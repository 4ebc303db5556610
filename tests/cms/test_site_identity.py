"""The programme's identity: the emblem in the header, favicons and emails, and the site
setting for footer text, contact address and social links in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from wagtail.models import Site

from cms import emblem
from cms.site_settings import SiteIdentity

STATIC = Path(__file__).resolve().parents[2] / "static"


def test_committed_emblem_files_are_the_drawn_geometry():
    assert (STATIC / "img" / "emblem.svg").read_text(encoding="utf-8") == emblem.emblem_svg()
    assert (STATIC / "favicon.svg").read_text(encoding="utf-8") == emblem.emblem_svg()
    from PIL import Image

    for name, size in emblem.PNG_SIZES.items():
        with Image.open(STATIC / "img" / name) as image:
            assert image.size == (size, size), name
            centre = image.getpixel((size // 2, size // 2))
            assert min(centre[:3]) > 230, name  # the white centre: Isfahan


@pytest.mark.django_db
def test_header_shows_the_emblem_and_pages_have_favicons(client):
    content = client.get("/").content.decode()
    assert 'class="site-name__emblem" src="/static/img/emblem.svg" alt=""' in content
    assert 'rel="apple-touch-icon" href="/static/img/emblem-180.png"' in content
    assert 'href="/static/img/emblem-32.png" type="image/png"' in content


@pytest.mark.django_db
def test_footer_text_contact_and_links_come_from_the_site_setting_per_language(client):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.footer_text_fa = "شهرداری اصفهان، ادارهٔ کل ارتباطات و امور بین‌الملل"
    identity.footer_text_en = "Isfahan Municipality, Communications and International Affairs"
    identity.contact_address_fa = "اصفهان، میدان امام"
    identity.contact_email = "diplomat@isfahan.example"
    identity.telegram = "https://t.me/example"
    identity.save()
    persian = client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert identity.footer_text_fa in persian and identity.footer_text_en not in persian
    assert identity.footer_text_en in english
    assert "اصفهان، میدان امام" in persian and "اصفهان، میدان امام" in english  # fallback
    assert 'href="mailto:diplomat@isfahan.example"' in english
    assert 'href="https://t.me/example"' in persian


@pytest.mark.django_db
def test_footer_falls_back_to_the_default_text(client):
    content = client.get("/en/").content.decode()
    assert "Citizen Diplomat is a programme of the Municipality of Isfahan" in content


@pytest.mark.django_db
def test_emails_carry_the_emblem_on_the_site_base_url(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    from registrations import services
    from tests.registrations import factories

    settings.SITE_BASE_URL = "http://127.0.0.1:9712"
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(factories.application_input(), language="fa")
    html = mailoutbox[0].alternatives[0][0]
    assert 'src="http://127.0.0.1:9712/static/img/emblem-192.png"' in html
