"""The map of Isfahan and its sister cities, drawn on the server as SVG.

No tiles, no external request, no JavaScript: an equirectangular projection of the cities'
stored coordinates over a graticule (lines every 15°), with an arc from Isfahan to each city and
each city a link to its dossier, labelled in the page's language. No land outlines: no package
on PyPI ships them as data without downloading at run time, so the map is a graticule with the
points (README, "The site").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ISFAHAN = (32.6546, 51.6680)  # latitude, longitude
WIDTH = 960
MARGIN_DEGREES = 8
GRATICULE_STEP = 15


@dataclass(frozen=True)
class MapCity:
    title: str
    url: str
    x: float
    y: float
    arc: str
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class MapLine:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SisterCityMap:
    width: int
    height: int
    isfahan_x: float
    isfahan_y: float
    cities: list[MapCity]
    meridians: list[MapLine]
    parallels: list[MapLine]


def _bounds(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [lat for lat, _lon in points]
    lons = [lon for _lat, lon in points]
    return (
        min(lats) - MARGIN_DEGREES,
        max(lats) + MARGIN_DEGREES,
        min(lons) - MARGIN_DEGREES * 2,
        max(lons) + MARGIN_DEGREES * 2,
    )


def _first_line(edge: float) -> int:
    return int(edge // GRATICULE_STEP + 1) * GRATICULE_STEP


def build_map(cities: Iterable, urls: dict[int, str] | None = None) -> SisterCityMap | None:
    """The map of ``cities`` (pages with ``latitude``/``longitude``/``title``), or None if none
    has coordinates. ``urls`` maps page ids to their URLs (else ``page.url``)."""
    located = [
        city
        for city in cities
        if isinstance(city.latitude, (Decimal, float, int))
        and isinstance(city.longitude, (Decimal, float, int))
    ]
    if not located:
        return None
    points = [(float(c.latitude), float(c.longitude)) for c in located] + [ISFAHAN]
    south, north, west, east = _bounds(points)
    scale = WIDTH / (east - west)
    height = round((north - south) * scale)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return round((lon - west) * scale, 1), round((north - lat) * scale, 1)

    home_x, home_y = project(*ISFAHAN)
    drawn = []
    for city in located:
        x, y = project(float(city.latitude), float(city.longitude))
        # A gentle arc: the control point lifted above the middle of the straight line.
        mid_x, mid_y = (home_x + x) / 2, (home_y + y) / 2
        lift = min(120.0, abs(x - home_x) * 0.25 + 10)
        arc = f"M{home_x},{home_y} Q{round(mid_x, 1)},{round(mid_y - lift, 1)} {x},{y}"
        west_of_isfahan = x < home_x
        drawn.append(
            MapCity(
                title=city.title,
                url=(urls or {}).get(city.pk) or city.url,
                x=x,
                y=y,
                arc=arc,
                label_x=round(x - 8 if west_of_isfahan else x + 8, 1),
                label_y=round(y + 4, 1),
                anchor="end" if west_of_isfahan else "start",
            )
        )
    meridians = [
        MapLine(*project(north, lon), *project(south, lon))
        for lon in range(
            int(west // GRATICULE_STEP + 1) * GRATICULE_STEP, int(east), GRATICULE_STEP
        )
    ]
    parallels = [
        MapLine(*project(lat, west), *project(lat, east))
        for lat in range(_first_line(south), int(north), GRATICULE_STEP)
    ]
    return SisterCityMap(WIDTH, height, home_x, home_y, drawn, meridians, parallels)
