"""The programme's emblem, drawn for this project: an eight-pointed star of Isfahan's tilework
(two squares turned by 45°) in gold on the site's tile blue, with a white centre for the city.

One geometry serves the SVG (header, favicon) and the PNG sizes (favicons, emails, which do not
show SVG). ``python -m cms.emblem`` rewrites ``static/img/``; a test keeps them in step.
"""

from __future__ import annotations

import math
from pathlib import Path

BLUE = "#0f5e73"
GOLD = "#f2c14e"
WHITE = "#ffffff"
SIZE = 64
PNG_SIZES = {
    "emblem-32.png": 32,
    "emblem-180.png": 180,
    "emblem-192.png": 192,
    "emblem-512.png": 512,
}
STATIC_IMG = Path(__file__).resolve().parent.parent / "static" / "img"


def star_points(scale: float = 1.0) -> list[tuple[float, float]]:
    """The star's 16 corners around the centre, outer and inner alternately."""
    centre = SIZE / 2 * scale
    points = []
    for index in range(16):
        angle = math.radians(index * 22.5 - 90)
        radius = (23 if index % 2 == 0 else 14.5) * scale
        points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    return points


def emblem_svg() -> str:
    corners = " ".join(f"{x:.2f},{y:.2f}" for x, y in star_points())
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">\n'
        f'  <circle cx="32" cy="32" r="31" fill="{BLUE}"/>\n'
        f'  <circle cx="32" cy="32" r="27.5" fill="none" stroke="{GOLD}" stroke-width="1.2"/>\n'
        f'  <polygon points="{corners}" fill="{GOLD}"/>\n'
        f'  <circle cx="32" cy="32" r="7.5" fill="{BLUE}"/>\n'
        f'  <circle cx="32" cy="32" r="4.5" fill="{WHITE}"/>\n'
        "</svg>\n"
    )


def emblem_png(size: int) -> bytes:
    import io

    from PIL import Image, ImageDraw

    oversample = 4
    scale = size * oversample / SIZE
    image = Image.new("RGBA", (size * oversample, size * oversample), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def circle(radius: float, **style) -> None:
        c = 32 * scale
        draw.ellipse(
            (c - radius * scale, c - radius * scale, c + radius * scale, c + radius * scale),
            **style,
        )

    circle(31, fill=BLUE)
    circle(27.5, outline=GOLD, width=max(1, round(1.2 * scale)))
    draw.polygon(star_points(scale), fill=GOLD)
    circle(7.5, fill=BLUE)
    circle(4.5, fill=WHITE)
    buffer = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def write_static_files(folder: Path = STATIC_IMG) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "emblem.svg").write_text(emblem_svg(), encoding="utf-8")
    for name, size in PNG_SIZES.items():
        (folder / name).write_bytes(emblem_png(size))


if __name__ == "__main__":
    write_static_files()
