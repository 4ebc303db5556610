"""Illustrative hero images for the demo content, drawn with Pillow: no photograph is shipped.

Each city gets a banner in two of Isfahan's tile colours with the programme's eight-pointed star
pattern, the city's name in English (and Persian where Pillow can shape it), and a visible label
"Illustrative image" so nobody takes it for a photograph. Their alt text says the same.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from cms.emblem import star_points

WIDTH, HEIGHT = 1600, 600
# Pairs of tile colours (background, pattern), dark enough for white text on top.
PALETTES = (
    ("#0f5e73", "#1f7a8f"),
    ("#1c3f6e", "#2f5a91"),
    ("#6b2b3a", "#8a3d4f"),
    ("#2f5a3a", "#43784f"),
    ("#5a3d7a", "#70519a"),
    ("#7a4b12", "#95611f"),
)
FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/noto")


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    names = ("DejaVuSans-Bold.ttf",) if bold else ("DejaVuSans.ttf",)
    for folder in FONT_FOLDERS:
        for name in names:
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def _can_shape_persian() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def palette_for(slug: str) -> tuple[str, str]:
    digest = hashlib.sha256(slug.encode()).digest()
    return PALETTES[digest[0] % len(PALETTES)]


def draw_city_banner(slug: str, english_name: str, persian_name: str) -> bytes:
    """A JPEG banner for ``slug``: the same bytes every time for the same city."""
    from PIL import Image, ImageDraw

    background, pattern = palette_for(slug)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    step = 150
    for row, y in enumerate(range(-step // 2, HEIGHT + step, step)):
        for x in range(-step // 2 + (row % 2) * step // 2, WIDTH + step, step):
            points = [(px + x - 64, py + y - 64) for px, py in star_points(scale=2.0)]
            draw.polygon(points, fill=pattern)
    draw.rectangle((0, HEIGHT - 210, WIDTH, HEIGHT), fill=background)
    draw.text((70, HEIGHT - 190), english_name, font=_font(96, bold=True), fill="#ffffff")
    if persian_name and _can_shape_persian():
        draw.text(
            (WIDTH - 70, HEIGHT - 178),
            persian_name,
            font=_font(84, bold=True),
            fill="#ffffff",
            anchor="ra",
            direction="rtl",
            language="fa",
        )
    label = "Illustrative image — تصویر نمایشی" if _can_shape_persian() else "Illustrative image"
    label_font = _font(34)
    left, top, right, bottom = draw.textbbox((62, 48), label, font=label_font)
    draw.rounded_rectangle((40, 36, right + 22, bottom + 14), radius=12, fill="#ffffff")
    draw.text((62, 48), label, font=label_font, fill=background)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def city_image(slug: str, english_name: str, persian_name: str):
    """The city's illustrative image, created once (found again by title on later runs)."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        # A flushed database (transactional tests) lost the root collection a migration made.
        Collection.add_root(name="Root")

    image_model = get_image_model()
    title = f"{english_name}: illustrative image (demo)"
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    content = draw_city_banner(slug, english_name, persian_name)
    image = image_model(
        title=title,
        description=(
            f"Illustrative image, not a photograph: the name {english_name} on a tile pattern "
            f"— تصویر نمایشی، نه عکس: نام {persian_name} روی نقش کاشی"
        ),
        file=ImageFile(io.BytesIO(content), name=f"demo-{slug}.jpg"),
    )
    image.save()
    return image
