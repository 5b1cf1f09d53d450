"""Images drawn with Pillow at run time (no binary assets in the repository)."""

from __future__ import annotations

import functools
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

_CJK_FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
]


def _font(size: int, cjk: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if cjk:
        for path in _CJK_FONTS:
            if Path(path).is_file():
                try:
                    return ImageFont.truetype(path, size)
                except OSError:
                    continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # very old Pillow
        return ImageFont.load_default()


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: str) -> None:
    import math

    pts = []
    for k in range(10):
        rad = r if k % 2 == 0 else r * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    draw.polygon(pts, fill=fill)


@functools.cache
def emblem_png() -> bytes:
    img = Image.new("RGBA", (84, 84), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((2, 2, 82, 82), fill="#f5c542", outline="#fff3c4", width=3)
    d.ellipse((12, 12, 72, 72), fill="#c8161d")
    _star(d, 42, 40, 20, "#f5c542")
    return _png(img)


@functools.cache
def badge_png() -> bytes:
    """党政机关网站标识 look-alike (red seal with white text)."""
    img = Image.new("RGB", (90, 110), "#ffffff")
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((3, 3, 87, 107), radius=8, fill="#d40f0f", outline="#b00000", width=2)
    _star(d, 45, 26, 14, "#ffd700")
    f = _font(18)
    for i, line in enumerate(("党政机关", "网站标识")):
        w = d.textlength(line, font=f)
        d.text(((90 - w) / 2, 48 + i * 26), line, font=f, fill="#ffffff")
    return _png(img)


@functools.cache
def psb_png() -> bytes:
    img = Image.new("RGBA", (16, 16), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.polygon([(8, 1), (15, 4), (13, 12), (8, 15), (3, 12), (1, 4)], fill="#1f57b8")
    _star(d, 8, 8, 4, "#ffd700")
    return _png(img)


@functools.cache
def news_png(caption: str = "") -> bytes:
    img = Image.new("RGB", (370, 262))
    d = ImageDraw.Draw(img)
    for y in range(262):  # sky-to-field gradient: reads as a photo thumbnail
        c = (int(110 + y * 0.35), int(160 + y * 0.2), int(220 - y * 0.45))
        d.line([(0, y), (370, y)], fill=c)
    d.polygon([(0, 190), (120, 120), (230, 175), (370, 110), (370, 262), (0, 262)], fill="#4f8a3c")
    d.rectangle((150, 140, 260, 205), fill="#e9e2d0")
    d.polygon([(140, 142), (205, 100), (270, 142)], fill="#b23a2a")
    return _png(img)


def captcha_png(code: str, seed: int) -> bytes:
    rng = random.Random(seed)
    img = Image.new("RGB", (120, 40), (240, 244, 250))
    d = ImageDraw.Draw(img)
    for _ in range(6):
        d.line(
            [(rng.randint(0, 120), rng.randint(0, 40)), (rng.randint(0, 120), rng.randint(0, 40))],
            fill=(rng.randint(120, 200), rng.randint(120, 200), rng.randint(120, 200)),
            width=1,
        )
    f = _font(26, cjk=False)
    for i, ch in enumerate(code):
        d.text(
            (10 + i * 26, 4 + rng.randint(-3, 3)),
            ch,
            font=f,
            fill=(rng.randint(0, 90), rng.randint(0, 90), rng.randint(60, 160)),
        )
    for _ in range(120):
        d.point((rng.randint(0, 119), rng.randint(0, 39)), fill=(rng.randint(0, 255),) * 3)
    return _png(img.filter(ImageFilter.SMOOTH))
