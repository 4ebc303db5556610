"""The server-drawn map of the sister cities on the home page and the city index."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from cms.sister_city_map import ISFAHAN, build_map

CITY_LINK = re.compile(
    r'<a href="(/(?:en/)?cities/[a-z-]+/)" tabindex="-1" class="city-map__city">'
)


def svg_of(content: str) -> str:
    return content.split('<svg class="city-map__svg"', 1)[1].split("</svg>", 1)[0]


def test_projection_puts_cities_west_and_east_of_isfahan_where_they_belong():
    cities = [
        SimpleNamespace(pk=1, title="Havana", url="/h/", latitude=23.1, longitude=-82.4),
        SimpleNamespace(pk=2, title="Xi'an", url="/x/", latitude=34.3, longitude=108.9),
        SimpleNamespace(pk=3, title="Nowhere", url="/n/", latitude=None, longitude=None),
    ]
    drawn = build_map(cities)
    havana, xian = drawn.cities
    assert len(drawn.cities) == 2
    assert havana.x < drawn.isfahan_x < xian.x
    assert havana.y > drawn.isfahan_y  # Havana is further south
    assert havana.anchor == "end" and xian.anchor == "start"
    assert havana.arc.startswith(f"M{drawn.isfahan_x},{drawn.isfahan_y} Q")
    assert drawn.meridians and drawn.parallels
    assert 0 < drawn.height < drawn.width
    assert build_map([]) is None
    assert ISFAHAN[0] > 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "prefix", "label"),
    [("/", "", "فلورانس"), ("/en/", "/en", "Florence"), ("/cities/", "", "فلورانس"),
     ("/en/cities/", "/en", "Florence")],
)  # fmt: skip
def test_map_has_13_linked_cities_labelled_in_the_page_language(client, path, prefix, label):
    content = client.get(path).content.decode()
    svg = svg_of(content)
    links = CITY_LINK.findall(svg)
    assert len(links) == 13 and len(set(links)) == 13
    assert all(link.startswith(f"{prefix}/cities/") for link in links)
    assert f">{label}</text>" in svg
    assert 'aria-hidden="true"' in content.split('<svg class="city-map__svg"', 1)[1][:300]
    # The same links as a list for screen readers.
    listed = content.split('<ul class="city-map__list">', 1)[1].split("</ul>", 1)[0]
    assert sorted(re.findall(r'<a href="([^"]+)">', listed)) == sorted(links)
    assert "city-map-title" in content
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")  # no external request
