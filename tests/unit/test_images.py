"""Image sizes, srcset variants, share cards and their cache on disk (images.py)."""

from __future__ import annotations

import gzip
import io
import os
from importlib import resources
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops

from mkdocs_briefings import images
from mkdocs_briefings.images import (
    CARD_SIZE,
    ImageCache,
    Variant,
    card_key,
    image_size,
    is_raster,
    make_share_card,
    make_variants,
    srcset,
    variant_sizes,
    variants_key,
)

if TYPE_CHECKING:
    from pathlib import Path

BACKGROUND = (247, 245, 240)
LONG_TITLE = (
    "Port Anselm's flood barriers held through Storm Irela, but engineers say the city's "
    "pumping stations, its seawall and its ageing drains need a decade of work before the "
    "next storm season arrives, and the council has not agreed how to pay for any of it"
)


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def _halves(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """An image red in its top half and blue in its bottom half."""
    image = Image.new(mode, size, (200, 30, 30))
    image.paste((30, 30, 200), (0, size[1] // 2, size[0], size[1]))
    return image


def _card(title: str = "Harbour levy passes", **changes: str) -> Image.Image:
    options = {"category": "Politics", "site_name": "Briefings", "accent": "#b5523b"}
    options.update(changes)
    data = make_share_card(title=title, **options)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(data)).convert("RGB")


def _rows_are(image: Image.Image, top: int, bottom: int, colour: tuple[int, int, int]) -> bool:
    band = image.crop((0, top, image.width, bottom))
    return band.getcolors() == [(band.width * band.height, colour)]


# ------------------------------------------------------------------------------ image_size


@pytest.mark.parametrize(
    ("svg", "size"),
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"/>', (120, 80)),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 500"></svg>', (1200, 500)),
        ("<svg viewBox='0,0,300,150' width='100px' height='50px'/>", (100, 50)),
        ('<svg width="100px" viewBox="0 0 400 200"/>', (100, 50)),
        ('<svg height="1in" viewBox="0 0 200 100"/>', (192, 96)),
        ('<svg width="100%" height="100%" viewBox="0 0 640 360"/>', (640, 360)),
        ('<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="7.6" height="3.4"/>', (8, 3)),
        (
            '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n'
            '<svg\n  width = "64"\n  height="32">\n<rect/></svg>',
            (64, 32),
        ),
    ],
)
def test_svg_size_from_the_root_element(svg: str, size: tuple[int, int]) -> None:
    assert image_size(svg.encode(), name="a.svg") == size


@pytest.mark.parametrize(
    "svg",
    [
        '<svg width="50%" height="2em"/>',  # relative sizes, no viewBox
        '<svg viewBox="0 0 0 10"/>',
        '<svg width="-5" height="10"/>',
        '<svg width="1e999" height="10"/>',
        '<svg width="10" viewBox="0 0 1e-300 1"/>',
        '<svg viewBox="0 0 nan 1"/>',
        '<html><svg width="10" height="10"/></html>',  # not the root
        '<svg width="10" height="10"',  # never closed
        "just text",
        "",
        '<!DOCTYPE svg [<!ENTITY w "100">]><svg width="&w;" height="10"/>',
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg width="10" height="10"/>',
    ],
)
def test_svg_without_a_size_or_with_a_doctype_has_none(svg: str) -> None:
    assert image_size(svg.encode(), name="a.svg") is None


def test_the_sample_svg_and_a_gzipped_one() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 500"/>'
    assert image_size(gzip.compress(svg), name="img/a.svgz") == (1200, 500)
    assert image_size(gzip.compress(svg), name="a.SVG") == (1200, 500)
    assert image_size(b"\x1f\x8b broken", name="a.svgz") is None


def test_raster_sizes_without_decoding() -> None:
    image = _halves((320, 200))
    assert image_size(_encoded(image, "JPEG"), name="a.jpg") == (320, 200)
    assert image_size(_encoded(image, "PNG"), name="a.PNG") == (320, 200)
    assert image_size(_encoded(image, "WEBP"), name="b.webp") == (320, 200)
    assert image_size(_encoded(image, "GIF"), name="b.gif") == (320, 200)


def test_a_jpeg_turned_by_exif_has_the_size_it_is_shown_at() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter clockwise
    data = _encoded(_halves((320, 200)), "JPEG", exif=exif)
    assert image_size(data, name="a.jpg") == (200, 320)


@pytest.mark.parametrize(
    "data", [b"", b"not an image", b"\xff\xd8\xff\xe0 truncated jpeg", b"\x89PNG\r\n\x1a\n"]
)
def test_unreadable_raster_has_no_size(data: bytes) -> None:
    assert image_size(data, name="a.jpg") is None


def test_is_raster() -> None:
    assert [is_raster(n) for n in ("a.jpg", "b.JPEG", "c.png", "d.webp", "e.gif")] == [True] * 5
    assert [is_raster(n) for n in ("a.svg", "b.svgz", "c.avif", "jpg")] == [False] * 4


# ------------------------------------------------------------------------------- variants


def test_variants_are_narrower_webp_copies_with_the_aspect_ratio() -> None:
    data = _encoded(_halves((1000, 500)), "PNG")
    variants = make_variants(data)
    assert [(v.width, v.height) for v in variants] == [(480, 240), (800, 400)]  # no 1200
    for variant in variants:
        assert (variant.extension, variant.media_type) == ("webp", "image/webp")
        with Image.open(io.BytesIO(variant.data)) as image:
            assert (image.format, image.mode, image.size) == (
                "WEBP",
                "RGB",
                (variant.width, variant.height),
            )
            assert "exif" not in image.info
            assert "xmp" not in image.info
    assert make_variants(data) == variants  # same bytes in, same bytes out
    assert variant_sizes((1000, 500)) == [(480, 240), (800, 400)]


def test_no_variant_is_as_wide_as_the_image() -> None:
    assert make_variants(_encoded(_halves((480, 300)), "JPEG")) == []
    assert make_variants(_encoded(_halves((481, 300)), "JPEG"), widths=(480, 0, -1))[0].width == 480


def test_variants_are_upright() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored on its side: red on top is shown on the right
    data = _encoded(_halves((400, 200)), "JPEG", exif=exif, quality=95)
    (variant,) = make_variants(data, widths=(100,))
    assert (variant.width, variant.height) == (100, 200)
    with Image.open(io.BytesIO(variant.data)) as image:
        left, right = image.getpixel((10, 100)), image.getpixel((90, 100))
        assert "exif" not in image.info
    assert isinstance(left, tuple)
    assert isinstance(right, tuple)
    assert left[2] > 150 > left[0]
    assert right[0] > 150 > right[2]


def test_transparency_is_kept_and_palettes_and_16_bits_are_converted() -> None:
    transparent = Image.new("RGBA", (300, 150), (0, 0, 0, 0))
    (variant,) = make_variants(_encoded(transparent, "PNG"), widths=(100,))
    with Image.open(io.BytesIO(variant.data)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((10, 10)) == (0, 0, 0, 0)
    grey = Image.new("I;16", (300, 150), 40000)  # about 61% grey
    (variant,) = make_variants(_encoded(grey, "PNG"), widths=(100,))
    with Image.open(io.BytesIO(variant.data)) as image:
        pixel = image.getpixel((10, 10))
        assert isinstance(pixel, tuple)
        assert 145 < pixel[0] < 170
    (variant,) = make_variants(_encoded(_halves((300, 150)).convert("P"), "GIF"), widths=(100,))
    assert Image.open(io.BytesIO(variant.data)).mode == "RGB"


def test_animated_images_get_no_variants() -> None:
    frames = [_halves((300, 150)), _halves((300, 150)).rotate(180)]
    data = _encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert make_variants(data, widths=(100,)) == []


def test_an_unreadable_image_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unreadable image"):
        make_variants(b"not an image")


def test_srcset() -> None:
    assert srcset([("a-480.webp", 480), ("a-800.webp", 800)]) == "a-480.webp 480w, a-800.webp 800w"
    assert srcset([("/img/a b,c.webp", 480)]) == "/img/a%20b%2Cc.webp 480w"
    assert srcset([]) == ""


# ---------------------------------------------------------------------------- share cards


def test_a_card_is_a_1200x630_png_made_the_same_each_time() -> None:
    first = make_share_card(title="A", category="B", site_name="C", accent="#123456")
    assert first == make_share_card(title="A", category="B", site_name="C", accent="#123456")
    card = _card()
    assert card.size == CARD_SIZE == (1200, 630)
    assert card.getpixel((600, 5)) == (0xB5, 0x52, 0x3B)  # the accent bar
    assert card.getpixel((1190, 300)) == BACKGROUND


def test_a_card_depends_on_each_input() -> None:
    base = make_share_card(
        title="Levy passes", category="Politics", site_name="S", accent="#b5523b"
    )
    others = [
        make_share_card(title="Levy fails", category="Politics", site_name="S", accent="#b5523b"),
        make_share_card(title="Levy passes", category="World", site_name="S", accent="#b5523b"),
        make_share_card(title="Levy passes", category="Politics", site_name="T", accent="#b5523b"),
        make_share_card(title="Levy passes", category="Politics", site_name="S", accent="#2f6f73"),
    ]
    assert len({base, *others}) == 5


def test_the_tag_text_contrasts_with_the_accent() -> None:
    def darkest_and_lightest_in_tag(accent: str) -> tuple[int, int]:
        tag = _card(accent=accent).convert("L").crop((80, 60, 200, 104))
        low, high = tag.getextrema()
        assert isinstance(low, int)
        assert isinstance(high, int)
        return low, high

    assert darkest_and_lightest_in_tag("#ffd23f")[0] < 40  # black on yellow
    assert darkest_and_lightest_in_tag("#1f2733")[1] > 215  # white on navy


@pytest.mark.parametrize(
    "title",
    [
        LONG_TITLE,
        LONG_TITLE * 3,
        "Supercalifragilisticexpialidociousnessfulnesslessnessitudinous" * 4,
        "W" * 400,
    ],
)
def test_long_titles_stay_inside_the_margins(title: str) -> None:
    card = _card(title, site_name="")
    assert _rows_are(card, 520, 630, BACKGROUND)  # below the headline, with no site name
    right = card.crop((1120, 12, 1200, 630))
    assert right.getcolors() == [(right.width * right.height, BACKGROUND)]


def test_a_card_with_a_site_name_keeps_its_bottom_margin() -> None:
    card = _card(LONG_TITLE)
    assert _rows_are(card, 606, 630, BACKGROUND)
    assert not _rows_are(card, 560, 600, BACKGROUND)  # the site name is there


def test_a_title_the_font_cannot_show_is_left_out() -> None:
    arabic = make_share_card(
        title="انتخابات في المدينة", category="World", site_name="S", accent="#3d5a80"
    )
    other = make_share_card(title="选举结果公布", category="World", site_name="S", accent="#3d5a80")
    hindi = make_share_card(title="चुनाव परिणाम", category="World", site_name="S", accent="#3d5a80")
    hebrew = make_share_card(title="בחירות בעיר", category="World", site_name="S", accent="#3d5a80")
    no_title = make_share_card(title="", category="World", site_name="S", accent="#3d5a80")
    assert arabic == other == hindi == hebrew == no_title  # the site name instead of each title
    card = Image.open(io.BytesIO(arabic))
    assert card.size == CARD_SIZE


def test_the_shipped_font_is_used() -> None:
    assert images._font(20).getname() == ("Noto Sans", "Bold")
    fonts = resources.files("mkdocs_briefings") / "assets" / "fonts"
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL.txt").read_text(encoding="utf-8")


def test_names_keep_their_accents_and_dashes() -> None:
    plain, accented = _card("e"), _card("é")
    letter = plain.crop((0, 120, 1200, 530)).convert("L").point(lambda v: 255 * (v < 128))
    letter_box = letter.getbbox()  # the e's dark pixels, in the headline's area
    changed = ImageChops.difference(plain, accented).getbbox()
    assert letter_box is not None
    assert changed is not None
    assert changed[3] <= 120 + letter_box[1]  # the accent above the e: all that differs
    assert _card("São Paulo’s mayor — a profile of Łódź-born Zoë Ørsted") != _card(
        "Sao Paulo’s mayor - a profile of Lodz-born Zoe Orsted"
    )
    assert _card("Straße") != _card("Strasse")
    assert _card("x", category="Économie") != _card("x", category="Economie")
    assert _card("x", site_name="Le Monde d’Été") != _card("x", site_name="Le Monde d’Ete")


def test_text_is_composed_and_invisible_characters_are_not_drawn() -> None:
    assert _card("Zoe\u0308 Kraków\u00a0— Łódź\u200b") == _card("Zoë Kraków — Łódź")
    assert _card("Emoji 🎉") == _card("") != _card("Emoji")  # left out


def test_greek_and_cyrillic_are_drawn() -> None:
    greek = _card("Η Αθήνα ψηφίζει: ο δήμαρχος υπόσχεται νέα μετρό")
    cyrillic = _card("Выборы в Москве: мэр обещает новое метро")
    assert greek != _card("") != cyrillic  # not the site name in their place
    assert _card("x", category="Πολιτική") == _card("x", category="ΠΟΛΙΤΙΚΗ")  # no accents


def test_without_the_shipped_font_pillows_is_used_and_accents_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(images, "_FONT", "assets/fonts/missing.ttf")
    images._font.cache_clear()
    try:
        assert images._font(20).getname() != ("Noto Sans", "Bold")
        assert _card("Café owners – “a disaster”") == _card("Cafe owners - “a disaster”")
        assert _card("Straße") == _card("Strasse")
        assert _card("Kraków\u00a0— Łódź\u200b") == _card("Krakow - Lodz")
        assert _card("Η Αθήνα") == _card("")  # no Greek in Pillow's font: left out
    finally:
        images._font.cache_clear()


def test_a_bad_accent_is_refused() -> None:
    with pytest.raises(ValueError, match="#rrggbb"):
        make_share_card(title="T", category="C", site_name="S", accent="red")


# ---------------------------------------------------------------------------------- cache


def test_keys_are_hex_digests_of_every_input() -> None:
    key = card_key("Title", "Politics", "Site", "#b5523b")
    assert len(key) == 64
    assert int(key, 16) >= 0
    assert key == card_key("Title", "Politics", "Site", "#b5523b")
    assert key != card_key("Title", "Politics", "Site", "#b5523c")
    assert card_key("a b", "c", "", "") != card_key("a", "b c", "", "")
    assert variants_key(b"x") != variants_key(b"y") != variants_key(b"y", (480,))


def test_a_kept_file_is_not_made_again(tmp_path: Path) -> None:
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"card"

    key = card_key("T", "C", "S", "#000000")
    assert ImageCache(tmp_path / "c").get_or_make(key, make) == b"card"
    assert ImageCache(tmp_path / "c").get_or_make(key, make) == b"card"  # another build
    assert made == [1]
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == [".gitignore", f"{key}.png"]


def test_an_empty_file_counts_as_missing(tmp_path: Path) -> None:
    key = "0" * 64
    (tmp_path / f"{key}.png").write_bytes(b"")
    assert ImageCache(tmp_path).get_or_make(key, lambda: b"new") == b"new"
    assert (tmp_path / f"{key}.png").read_bytes() == b"new"


def test_writing_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    cache = ImageCache(tmp_path)
    assert cache.get_or_make("a" * 64, lambda: b"card") == b"card"
    assert cache.problem is not None
    assert "No space left" in cache.problem
    assert [p.name for p in tmp_path.iterdir()] == []  # no partial file, no temporary one


def test_an_unwritable_cache_does_not_stop_the_build(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    cache = ImageCache(tmp_path / "file" / "images")  # cannot exist, even for root
    made: list[int] = []

    def make() -> bytes:
        made.append(1)
        return b"card"

    for _ in range(2):
        assert cache.get_or_make("b" * 64, make) == b"card"
    assert made == [1, 1]
    assert cache.problem is not None
    assert ImageCache(None).get_or_make("b" * 64, lambda: b"card") == b"card"


def test_variants_are_kept_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _encoded(_halves((300, 150)), "PNG")
    made = ImageCache(tmp_path).variants(data, widths=(100, 200))
    assert made == make_variants(data, widths=(100, 200))
    key = variants_key(data, (100, 200))
    assert {p.name for p in tmp_path.glob("*.webp")} == {f"{key}-100.webp", f"{key}-200.webp"}

    def never(data: bytes, widths: object = None) -> list[Variant]:
        raise AssertionError("made again")

    monkeypatch.setattr(images, "make_variants", never)
    assert ImageCache(tmp_path).variants(data, widths=(200, 100)) == made


def test_prune_removes_what_this_build_did_not_use(tmp_path: Path) -> None:
    old, kept = "c" * 64, "d" * 64
    ImageCache(tmp_path).get_or_make(old, lambda: b"old")
    cache = ImageCache(tmp_path)
    cache.get_or_make(kept, lambda: b"kept")
    (tmp_path / "notes.txt").write_text("not ours", encoding="utf-8")
    assert cache.prune() == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{kept}.png", "notes.txt"]


def test_cache_names_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a cache file name"):
        ImageCache(tmp_path).get_or_make("../escape", lambda: b"x")
    assert not os.listdir(tmp_path)
