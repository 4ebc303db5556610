"""Small things: page titles, the focus ring's contrast, the empty roster, the local name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SITE_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "site.css"


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_focus_ring_has_at_least_3_to_1_contrast_on_paper_and_on_the_header():
    css = SITE_CSS.read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    assert re.search(r":focus-visible \{ outline: 3px solid var\(--ink\)", css)
    assert re.search(r"\.site-header :focus-visible \{ outline-color: #fff", css)
    assert contrast(colours["ink"], colours["paper"]) >= 3
    assert contrast(colours["ink"], "#ffffff") >= 3
    assert contrast("#ffffff", colours["accent"]) >= 3  # the header's ring
    assert contrast("#e0a100", colours["paper"]) < 3  # the old ring, for the record


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/", "شهروند دیپلمات"),
        ("/en/", "Citizen Diplomat"),
        ("/en/cities/florence/", "Florence · Citizen Diplomat"),
        ("/cities/florence/", "فلورانس · شهروند دیپلمات"),
    ],
)
def test_page_titles_name_the_page_then_the_site_once(client, path, title):
    content = client.get(path).content.decode()
    assert re.search(r"<title>([^<]*)</title>", content).group(1).strip() == title


@pytest.mark.django_db
def test_empty_roster_explains_the_programme(client):
    content = client.get("/en/register/roster/florence/").content.decode()
    assert "How a citizen becomes a citizen diplomat" in content
    assert 'href="/en/register/florence/"' in content
    assert 'href="/en/register/status/"' in content


@pytest.mark.django_db
def test_english_dossier_labels_the_local_and_persian_names(client):
    content = client.get("/en/cities/florence/").content.decode()
    assert re.search(r"<dt>Local name</dt><dd[^>]*>Firenze</dd>", content)
    assert re.search(r"<dt>Persian name</dt><dd[^>]*><bdi>فلورانس</bdi></dd>", content)
    header = content.split("<header", 2)[2].split("</header>", 1)[0]
    assert "فلورانس" not in header
