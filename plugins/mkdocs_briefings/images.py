"""Images of the site: intrinsic sizes, srcset variants and share cards (pure of MkDocs).

Why: an ``<img>`` with its width and height keeps the page from jumping as it loads, smaller
copies let a phone download a fraction of a lead image, and a share card gives every briefing
and digest an og:image even without a photo. Cards and variants are made with Pillow (its PyPI
wheels bundle FreeType, libjpeg and libwebp) and the font shipped in this package (Noto Sans
Bold, SIL Open Font License: assets/fonts/OFL.txt), so no system library or font is needed; they
are kept on disk by content (`ImageCache`): a site of 10,000 briefings makes them once.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.resources
import io
import json
import os
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from .writing import write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

VERSION = "2"
"""Bump when drawing or encoding changes: cached cards and variants are then made anew."""

RASTER_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif")
VARIANT_WIDTHS = (480, 800, 1200)
CARD_SIZE = (1200, 630)
"""Open Graph's recommended 1.91:1; X's summary_large_image shows it uncropped."""


@dataclass(frozen=True)
class Variant:
    """A smaller copy of an image, for ``srcset``."""

    width: int
    height: int
    data: bytes
    """The encoded image."""
    extension: str = "webp"
    media_type: str = "image/webp"


# ---------------------------------------------------------------------------------- sizes


def is_raster(name: str) -> bool:
    """Whether the file ``name`` is a raster image Pillow can make variants of (not SVG)."""
    return name.lower().endswith(RASTER_EXTENSIONS)


def image_size(data: bytes, *, name: str) -> tuple[int, int] | None:
    """The intrinsic ``(width, height)`` of an image file, in CSS pixels, as a browser shows it.

    An SVG (``.svg``, ``.svgz``) is read from its root element: its ``width`` and ``height``
    (``px`` or absolute units; a missing one follows the ``viewBox``'s aspect ratio), else its
    ``viewBox``. The root is found by a scanner, not an XML parser, and a file with a DOCTYPE
    is refused, so no entity is ever expanded. A raster image is opened without decoding its
    pixels; with an EXIF orientation that turns it a quarter, width and height are swapped,
    as browsers show it turned.

    Args:
        data: The file's bytes.
        name: The file's name or path; its extension says SVG or raster.

    Returns:
        The size in whole pixels, or None when it cannot be known (a percentage or ``em``
        size without a viewBox, an unreadable or unknown file). Never raises for bad data.
    """
    lower = name.lower()
    if lower.endswith(".svgz") or (lower.endswith(".svg") and data[:2] == b"\x1f\x8b"):
        data = _gunzip_head(data)
        lower = ".svg"
    if lower.endswith(".svg"):
        return _svg_size(data)
    return _raster_size(data)


_SVG_HEAD = 256 * 1024
"""Bytes of an SVG read to find its root element (comments may come first)."""
_LARGEST = 1_000_000
"""Larger SVG sizes (1e999 is infinite) are taken as unknown."""


def _gunzip_head(data: bytes) -> bytes:
    """The first ``_SVG_HEAD`` bytes of gzipped ``data`` (b"" if unreadable): no gzip bomb."""
    try:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS).decompress(data, _SVG_HEAD)
    except zlib.error:
        return b""


_TAG_NAME = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_ATTRIBUTE = re.compile(r"\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:\"([^\"<]*)\"|'([^'<]*)')")
_TAG_END = re.compile(r"\s*/?>")
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*")
_UNITS = {
    None: 1.0,
    "px": 1.0,
    "pt": 4 / 3,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
}


def _svg_size(data: bytes) -> tuple[int, int] | None:
    attributes = _svg_root(data[:_SVG_HEAD].decode("utf-8", "replace"))
    if attributes is None:
        return None
    size = _svg_dimensions(
        _length(attributes.get("width")),
        _length(attributes.get("height")),
        _view_box(attributes.get("viewBox")),
    )
    if size is None:
        return None
    width, height = round(size[0]), round(size[1])
    return (width, height) if min(width, height) >= 1 and max(width, height) <= _LARGEST else None


def _svg_dimensions(
    width: float | None, height: float | None, box: tuple[float, float] | None
) -> tuple[float, float] | None:
    """Width and height as a browser sizes an SVG: those given, the other by the viewBox."""
    if width is not None and height is not None:
        return width, height
    if box is None:
        return None
    if width is not None:
        return width, width * box[1] / box[0]
    if height is not None:
        return height * box[0] / box[1], height
    return box


def _svg_root(text: str) -> dict[str, str] | None:
    """The attributes of the root element if it is an ``<svg>``; None for a DOCTYPE, else."""
    pos = 1 if text.startswith("\ufeff") else 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text.startswith("<?", pos):
            pos = text.find("?>", pos)
        elif text.startswith("<!--", pos):
            pos = text.find("-->", pos)
        elif text.startswith("<", pos) and not text.startswith("<!", pos):
            break
        else:  # a DOCTYPE (it may declare entities), text, or the end
            return None
        if pos < 0:
            return None
        pos = text.index(">", pos) + 1
    tag = _TAG_NAME.match(text, pos)
    if tag is None or tag.group(2) != "svg":
        return None
    attributes: dict[str, str] = {}
    pos = tag.end()
    while (attribute := _ATTRIBUTE.match(text, pos)) is not None:
        value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        attributes.setdefault(attribute.group(1), value)
        pos = attribute.end()
    return attributes if _TAG_END.match(text, pos) else None


def _length(value: str | None) -> float | None:
    """A ``width``/``height`` in pixels; None for none, 0, a percentage or a relative unit."""
    match = _LENGTH.fullmatch(value) if value is not None else None
    if match is None:
        return None
    pixels = float(match.group(1)) * _UNITS[match.group(2)]
    return pixels if 0 < pixels <= _LARGEST else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    parts = re.split(r"[\s,]+", value.strip()) if value else []
    try:
        width, height = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return None
    valid = len(parts) == 4 and 0 < width <= _LARGEST and 0 < height <= _LARGEST
    return (width, height) if valid else None


def _raster_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header, not the pixels
            width, height = image.size
            # A PNG's getexif() decodes the pixels to look for EXIF after them: not asked.
            exif = image.getexif() if image.format != "PNG" or "exif" in image.info else {}
            orientation = exif.get(0x0112, 1)  # EXIF Orientation
    except Exception:  # each format its own plugin and errors: any means unreadable
        return None
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


# ------------------------------------------------------------------------------- variants


def variant_sizes(
    size: tuple[int, int], widths: Sequence[int] = VARIANT_WIDTHS
) -> list[tuple[int, int]]:
    """The ``(width, height)`` of each variant an image of ``size`` gets: one per width
    strictly less than its own, in increasing order, keeping its aspect ratio."""
    width, height = size
    return [(w, max(1, round(height * w / width))) for w in sorted(set(widths)) if 0 < w < width]


def make_variants(data: bytes, widths: Sequence[int] = VARIANT_WIDTHS) -> list[Variant]:
    """Smaller WebP copies of a raster image for ``srcset``: see `variant_sizes`.

    The EXIF orientation is applied (the copies are upright, with no EXIF), transparency is
    kept, and no metadata is written but the colour profile, so the same bytes in always give
    the same bytes out. An animated image gets no variants (WebP copies of its first frame
    would stand still).

    Args:
        data: The image file's bytes (JPEG, PNG, WebP or GIF).
        widths: The widths wanted, in pixels; those not smaller than the image are skipped.

    Returns:
        The variants, narrowest first; empty when the image is not wider than any width.

    Raises:
        ValueError: when Pillow cannot read the image (or it is too large to decode safely).
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if getattr(opened, "n_frames", 1) > 1:
                return []
            upright = ImageOps.exif_transpose(opened)
            icc = opened.info.get("icc_profile")
            image = _without_palette(upright)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as exc:
        raise ValueError(f"unreadable image: {exc}") from None
    variants = []
    for width, height in reversed(variant_sizes(image.size, widths)):
        # Each from the next larger one: 1600 -> 1200 -> 800 -> 480 px resized in 40 ms, not 70.
        image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        # Why method 2 (of 0-6; 4 is libwebp's default): half the time of 4, files 3% larger.
        image.save(out, "WEBP", quality=80, method=2, icc_profile=icc)
        variants.append(Variant(width, height, out.getvalue()))
    return variants[::-1]


def _without_palette(image: Image.Image) -> Image.Image:
    """``image`` as RGB, or RGBA when it has transparency (the modes WebP keeps)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale PNG: scale to 8 bits
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("RGBA" if has_alpha else "RGB")


def srcset(candidates: Sequence[tuple[str, int]]) -> str:
    """A ``srcset`` value from ``(url, width)`` pairs: ``"a-480.webp 480w, a-800.webp 800w"``.

    Spaces and commas in a URL are percent-escaped (they would split the list); the result
    still needs HTML escaping (``| e``) like any attribute value.
    """
    return ", ".join(f"{_srcset_url(url)} {width}w" for url, width in candidates)


def _srcset_url(url: str) -> str:
    return re.sub(r"[\s,]", lambda m: f"%{ord(m.group()):02X}", url)


# ---------------------------------------------------------------------------- share cards

_BACKGROUND = (247, 245, 240)
_INK = (17, 17, 17)
_MUTED = (88, 88, 88)
_WHITE = (255, 255, 255)
_MARGIN = 80
_BAR = (0, 0, CARD_SIZE[0], 12)
_TAG_TOP, _TAG_HEIGHT, _TAG_PADDING = 60, 44, 16
_HEADLINE_TOP = 140
_HEADLINE_SIZES = ((100, 3), (88, 3), (76, 4), (66, 4), (58, 5))
"""Type sizes in pixels, largest first, and the lines each may take: the first that fits.
(Why five lines at 58: Noto Sans Bold is 11% wider than Aileron, the font first used; four
of its lines hold about 140 characters of a headline, five about 175, more than four of
Aileron's did (155), and they end 40 px above the rule.)"""
_LINE_HEIGHT = 1.2
_HEADLINE_CHARACTERS = 600
"""More than five lines of the smallest type hold, even of the narrowest characters."""
_RULE_Y = 540
_NAME_TOP = 562
_NAME_SIZE = 32
_LEVELS = 16
"""Shades of anti-aliasing between a text colour and its background."""
_ACCENT = re.compile(r"#[0-9a-fA-F]{6}")
_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
"""Characters every font used surely has: text made of them needs no glyph check."""
_FONT = "assets/fonts/NotoSans-Bold.ttf"
"""The card's font, in this package: Noto Sans Bold (Latin, Greek, Cyrillic), SIL OFL 1.1."""
Box = tuple[int, int, int, int]

# Near equivalents of characters a font may lack, used only for those it lacks (see
# `_drawable`): Pillow's bundled font, used if the shipped one cannot be loaded, has ASCII only.
_SUBSTITUTES = str.maketrans(
    {
        "—": "-",
        "–": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "−": "-",
        "ß": "ss",
        "ẞ": "SS",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Þ": "Th",
        "þ": "th",
        "ı": "i",
        "€": "EUR ",
        "£": "GBP ",
    }
)


def make_share_card(*, title: str, category: str, site_name: str, accent: str) -> bytes:
    """A 1200x630 PNG share card (og:image, X card, JSON-LD image) for a briefing or digest.

    Laid out as a news site's: a thin accent bar along the top, the category upper-case on a
    tag of the accent colour, the headline large, bold and left-aligned, and the site name
    under a hairline at the bottom. The headline is wrapped by measured width, in the largest
    of five sizes that holds it (three lines for the two largest, four for the next two, five
    for the smallest); one too long for the smallest is cut at a word and ends with an
    ellipsis. Dark text on a warm white; the tag's text is white or black, whichever
    contrasts more with the accent, and a Greek category loses its accents in capitals.

    The font is Noto Sans Bold, shipped in this package, so names keep their accents and
    dashes stay dashes (São Paulo, Łódź, Zoë, "—"), and Greek and Cyrillic are drawn too. A
    text with a character the font lacks (Arabic, Hebrew, Devanagari, Chinese, an emoji) is
    left out rather than drawn as boxes: a title so left out is replaced by the site name,
    set as the headline. Another font would not be enough for those scripts: the layout is
    Pillow's basic one (libraqm is not used, see below), which neither orders right-to-left
    text nor shapes (joins Arabic letters, forms Devanagari conjuncts). Only if the shipped
    font cannot be loaded is Pillow's bundled one used (ASCII only): accented letters then
    lose their accents (é as e, ß as ss, Ł as L) and dashes become hyphens.

    Same inputs, same bytes: the layout is Pillow's basic one (not raqm, which comes from
    the system when present), and the card is a 48-colour palette PNG, every colour exact
    (Why: encoded in 3 ms rather than 15 as RGB, 26 KB rather than 69, for a long title).

    Args:
        title: The headline, plain text (whitespace runs count as one space).
        category: The category label; empty for none.
        site_name: The site's name.
        accent: The accent colour, ``"#rrggbb"``.

    Returns:
        The PNG file's bytes.

    Raises:
        ValueError: when ``accent`` is not a ``#rrggbb`` colour.
    """
    if not _ACCENT.fullmatch(accent):
        raise ValueError(f"accent colour {accent!r}: expected #rrggbb, like #1a73e8")
    accent_rgb = (int(accent[1:3], 16), int(accent[3:5], 16), int(accent[5:7], 16))
    name, label, headline = (_drawable(text) for text in (site_name, category, title))
    if headline is None:
        name, headline = None, name
    # Drawn as coverage (0 = background, 255 = text), each area then mapped to its colours.
    coverage = Image.new("L", CARD_SIZE, 0)
    draw = ImageDraw.Draw(coverage)
    tag = _draw_tag(draw, _capitals(label)) if label else None
    if headline:
        _draw_headline(draw, headline)
    name_box = _draw_name(draw, name) if name else None
    ink = _INK if _contrast(accent_rgb, _INK) >= _contrast(accent_rgb, _WHITE) else _WHITE
    card = _colour(coverage, tag=tag, name=name_box, accent=accent_rgb, tag_ink=ink)
    out = io.BytesIO()
    card.save(out, "PNG", compress_level=3)  # 6 takes twice as long for 20% less
    return out.getvalue()


def _draw_tag(draw: ImageDraw.ImageDraw, label: str) -> Box:
    """Draw the category's text; returns its tag's box."""
    font = _font(24)
    text = _fit(label, font, CARD_SIZE[0] - 2 * _MARGIN - 2 * _TAG_PADDING)
    width = round(font.getlength(text)) + 2 * _TAG_PADDING + 2
    box = (_MARGIN, _TAG_TOP, _MARGIN + width, _TAG_TOP + _TAG_HEIGHT)
    middle = (_MARGIN + _TAG_PADDING, _TAG_TOP + _TAG_HEIGHT / 2)
    draw.text(middle, text, fill=255, font=font, anchor="lm")
    return box


_GREEK_MARKS = re.compile(r"(?<=[\u0370-\u03ff])[\u0300-\u036f]+")
"""Combining marks after a Greek letter (in NFD)."""


def _capitals(text: str) -> str:
    """``text`` upper-case; Greek capitals without their accents and breathings, as Greek is
    set in capitals (ΠΟΛΙΤΙΚΗ, not ΠΟΛΙΤΙΚΉ), the diaeresis kept (ΪΫ)."""
    upper = unicodedata.normalize("NFD", text.upper())
    upper = _GREEK_MARKS.sub(lambda m: "\u0308" if "\u0308" in m.group() else "", upper)
    return unicodedata.normalize("NFC", upper)


def _draw_headline(draw: ImageDraw.ImageDraw, headline: str) -> None:
    width = CARD_SIZE[0] - 2 * _MARGIN
    # Past _HEADLINE_CHARACTERS, nothing is ever shown: no need to measure it.
    cut = len(headline) > _HEADLINE_CHARACTERS
    headline = headline[:_HEADLINE_CHARACTERS]
    for size, most in _HEADLINE_SIZES:
        font = _font(size)
        lines = _wrap(headline, font, width, most)
        if len(lines) <= most and not cut:
            break
    if len(lines) > most or cut:
        lines = lines[:most]
        lines[-1] = _ellipsize(lines[-1], font, width)
    line_height = round(size * _LINE_HEIGHT)
    for number, line in enumerate(lines):
        y = _HEADLINE_TOP + number * line_height
        draw.text((_MARGIN, y), line, fill=255, font=font, anchor="la")


def _draw_name(draw: ImageDraw.ImageDraw, name: str) -> Box:
    """Draw the hairline and the site name under it; returns the name's box."""
    draw.line((_MARGIN, _RULE_Y, CARD_SIZE[0] - _MARGIN, _RULE_Y), fill=40, width=2)
    font = _font(_NAME_SIZE)
    text = _fit(name, font, CARD_SIZE[0] - 2 * _MARGIN)
    draw.text((_MARGIN, _NAME_TOP), text, fill=255, font=font, anchor="la")
    return (_MARGIN - 2, _NAME_TOP - 2, CARD_SIZE[0] - _MARGIN + 2, _NAME_TOP + _NAME_SIZE + 10)


def _colour(
    coverage: Image.Image,
    *,
    tag: Box | None,
    name: Box | None,
    accent: tuple[int, int, int],
    tag_ink: tuple[int, int, int],
) -> Image.Image:
    """The card as a palette image: ``coverage`` in shades of ink on the background, of
    muted ink in the ``name`` box, of ``tag_ink`` on the accent in the ``tag`` box, and the
    accent bar."""
    step = 255 / (_LEVELS - 1)
    card = coverage.point([round(v / step) for v in range(256)])  # 0 .. _LEVELS - 1
    for box, ramp in ((name, 1), (tag, 2)):
        if box is not None:
            card.paste(card.crop(box).point(lambda v, ramp=ramp: v + ramp * _LEVELS), box)
    card.paste(2 * _LEVELS, _BAR)  # the tag's ramp starts at the accent itself
    palette = b"".join(
        _ramp(start, end)
        for start, end in ((_BACKGROUND, _INK), (_BACKGROUND, _MUTED), (accent, tag_ink))
    )
    card.putpalette(palette)  # an "L" image becomes "P"
    return card


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int]) -> bytes:
    """``_LEVELS`` RGB colours from ``start`` to ``end``."""
    return bytes(
        round(s + (e - s) * level / (_LEVELS - 1))
        for level in range(_LEVELS)
        for s, e in zip(start, end, strict=True)
    )


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: float, most: int) -> list[str]:
    """``text`` in lines no wider than ``width``, broken at spaces (inside a word too long);
    past ``most`` lines, one more is made and the rest is left unmeasured.

    Words are measured one by one (Why: measuring each growing line took 3 ms a card), and
    only as far as needed (Why: measuring takes 16 µs a character of Noto Sans at 100 px).
    """
    space = font.getlength(" ")
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split(" "):
        length = font.getlength(word)
        if line and used + space + length <= width:
            line.append(word)
            used += space + length
            continue
        if line:
            lines.append(" ".join(line))
        while length > width and len(lines) <= most:  # a word wider than the card: cut it
            cut = max(1, _longest_prefix(word, font, width))
            lines.append(word[:cut])
            word = word[cut:]
            length = font.getlength(word)
        if len(lines) > most:
            return lines
        line, used = [word], length
    if line:
        lines.append(" ".join(line))
    return lines


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """``text``, cut and ended with an ellipsis if wider than ``width``."""
    if font.getlength(text) <= width:
        return text
    return text[: _longest_prefix(text, font, width, "…")].rstrip() + "…"


def _longest_prefix(text: str, font: ImageFont.FreeTypeFont, width: float, end: str = "") -> int:
    """The length of the longest start of ``text`` no wider than ``width`` with ``end`` after
    it (found by halving: a 400-letter word is measured 9 times, not 400)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle] + end) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _ellipsize(line: str, font: ImageFont.FreeTypeFont, width: float) -> str:
    """``line`` ended with an ellipsis (more text follows), dropping whole words to fit."""
    words = line.split(" ")
    while len(words) > 1 and font.getlength(" ".join(words) + "…") > width:
        words.pop()
    return _fit(" ".join(words).rstrip(",;:-") + "…", font, width)


def _drawable(text: str) -> str | None:
    """``text`` in characters the font has, or None if that cannot be done faithfully.

    The text is composed (NFC: an e and a combining acute become é, one glyph) and invisible
    format characters are dropped. A character the font lacks is replaced by its
    compatibility form without accents (NFKD, then the combining marks dropped: a
    full-width Ａ as A; with Pillow's bundled font, é as e) or by a near ASCII one (a dash
    as a hyphen, ß as ss), if the font has those; anything else missing (another script, an
    emoji, an unlisted symbol) makes the whole text undrawable. A character is missing when
    the font draws it as it draws a private-use character: its .notdef box.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if _ASCII.issuperset(text):
        return text
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")  # soft hyphen, ZWSP...
    font = _font(20)
    missing = _glyph(font, "\ue000")
    known: dict[str, bool] = {}

    def has(ch: str) -> bool:
        if ch not in known:
            known[ch] = ch in _ASCII or _glyph(font, ch) != missing
        return known[ch]

    out = []
    for ch in text:
        if has(ch):
            out.append(ch)
            continue
        plain = unicodedata.normalize("NFKD", ch)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).translate(_SUBSTITUTES)
        if not plain or not all(has(c) for c in plain):
            return None
        out.append(plain)
    return " ".join("".join(out).split()) or None


def _glyph(font: ImageFont.FreeTypeFont, ch: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(ch)
    return mask.size, bytes(mask)


@functools.lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont:
    """The shipped font (`_FONT`) at ``size`` pixels, laid out the same on every machine;
    Pillow's bundled one (ASCII only) if it cannot be loaded. Loaded once per size."""
    resource = importlib.resources.files("mkdocs_briefings") / _FONT
    try:
        if isinstance(resource, os.PathLike):  # FreeType reads the file as it needs it
            return ImageFont.truetype(resource, size, layout_engine=ImageFont.Layout.BASIC)
        font_file = io.BytesIO(resource.read_bytes())  # the package is in a zip file
        return ImageFont.truetype(font_file, size, layout_engine=ImageFont.Layout.BASIC)
    except OSError:  # the file is missing or unreadable
        pass
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):  # a Pillow built without FreeType
        raise RuntimeError("share cards need Pillow with FreeType (as in its PyPI wheels)")
    return font.font_variant(layout_engine=ImageFont.Layout.BASIC)


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def linear(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# ---------------------------------------------------------------------------------- cache


def card_key(title: str, category: str, site_name: str, accent: str) -> str:
    """The cache key of a share card: a hex digest of its inputs and the drawing code."""
    return _key("card", title, category, site_name, accent)


def variants_key(data: bytes, widths: Sequence[int] = VARIANT_WIDTHS) -> str:
    """The cache key of an image's variants: a hex digest of its bytes, widths and the code."""
    return _key("variants", hashlib.sha256(data).hexdigest(), *map(str, sorted(set(widths))))


def _key(*parts: str) -> str:
    # JSON keeps the parts apart ("a b", "c" differs from "a", "b c"); Pillow's version is
    # part of the code that draws and encodes.
    text = json.dumps([VERSION, PIL.__version__, *parts], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


_FILE_NAME = re.compile(r"[0-9a-f]{64}(-[0-9]+)?\.(png|webp|jpg)")


@dataclass
class ImageCache:
    """Image files made once and kept under ``folder``, by key (see `card_key`, `variants_key`).

    A share card is kept as ``<key>.png`` (`get_or_make`), an image's variants as
    ``<key>-<width>.webp`` (`variants`). A cache never stops a build: when ``folder`` cannot
    be created or written, images are made each time, and ``problem`` says why (the first
    failure; writing is not tried again by this cache). A file is written under a temporary
    name and then renamed, so a reader never sees half of one; it is not forced to disk
    first (like the build cache), and an empty file (what a crash may leave) counts as
    missing.
    """

    folder: Path | None
    """Where files are kept; None for no cache (everything is made each time)."""
    problem: str | None = None
    """Why files could not be kept, if they could not."""
    used: set[str] = field(default_factory=set)
    """Names of the files read or written so far (see `prune`)."""

    def get_or_make(self, key: str, make: Callable[[], bytes], *, extension: str = "png") -> bytes:
        """The file ``<key>.<extension>``: read if kept, else made by ``make()`` and kept."""
        name = f"{key}.{extension}"
        data = self.read(name)
        if data is None:
            data = make()
            self.write(name, data)
        return data

    def variants(self, data: bytes, widths: Sequence[int] = VARIANT_WIDTHS) -> list[Variant]:
        """`make_variants` of ``data``, kept as ``<key>-<width>.webp``: made all at once (one
        decode) unless every one of them is kept.

        Raises:
            ValueError: when Pillow cannot read the image.
        """
        key = variants_key(data, widths)
        size = _raster_size(data)
        if size is not None and self.folder is not None:
            sizes = variant_sizes(size, widths)
            kept = [self.read(f"{key}-{w}.webp") for w, _ in sizes]
            if all(file is not None for file in kept):
                return [
                    Variant(w, h, file) for (w, h), file in zip(sizes, kept, strict=True) if file
                ]
        variants = make_variants(data, widths)
        for variant in variants:
            self.write(f"{key}-{variant.width}.{variant.extension}", variant.data)
        return variants

    def path(self, name: str) -> Path | None:
        """Where the kept file ``name`` is, if it is kept (not empty), without reading it: a
        build copies kept files into the site."""
        if self.folder is None:
            return None
        path = self.folder / _checked(name)
        try:
            if path.stat().st_size == 0:
                return None
        except OSError:
            return None
        self.used.add(name)
        return path

    def read(self, name: str) -> bytes | None:
        """The kept file ``name``, or None if it is not kept (or cannot be read)."""
        if self.folder is None:
            return None
        try:
            data = (self.folder / _checked(name)).read_bytes()
        except OSError:
            return None
        if not data:
            return None
        self.used.add(name)
        return data

    def write(self, name: str, data: bytes) -> None:
        """Keep ``data`` as the file ``name``; on failure, note it in ``problem`` and go on."""
        if self.folder is None or self.problem is not None:
            return
        try:
            _write_file(self.folder, _checked(name), data)
        except OSError as exc:
            self.problem = f"cannot write to {self.folder}: {exc.strerror or exc}"
            return
        self.used.add(name)

    def prune(self) -> int:
        """Remove the kept files this cache has not read or written (after a whole build:
        those of edited or removed briefings); returns how many were removed."""
        if self.folder is None:
            return 0
        removed = 0
        try:
            names = [entry.name for entry in os.scandir(self.folder) if entry.is_file()]
        except OSError:
            return 0
        for name in names:
            if _FILE_NAME.fullmatch(name) and name not in self.used:
                try:
                    (self.folder / name).unlink()
                except OSError:
                    continue
                removed += 1
        return removed


def _checked(name: str) -> str:
    if not _FILE_NAME.fullmatch(name):
        raise ValueError(f"not a cache file name: {name!r}")
    return name


def _write_file(folder: Path, name: str, data: bytes) -> None:
    """Keep ``data`` as ``folder/name``, atomically, not forced to disk (a cache file lost to a
    crash is made again); a new folder gets a .gitignore."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ".gitignore").write_text("# mkdocs-briefings' image cache\n*\n", encoding="utf-8")
    write_atomically(folder / name, data, durable=False)
